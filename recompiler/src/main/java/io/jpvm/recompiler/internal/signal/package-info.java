/**
 * The guest-fault signal handler (Linux x86-64).
 *
 * <ul>
 *   <li>{@link io.jpvm.recompiler.internal.signal.SignalHandler}: installs, once per process, a
 *       SIGSEGV/SIGBUS handler written in machine code that turns a fault of generated guest code
 *       inside its guest window into a jump to the code's exit stub, and hands every other signal to
 *       the previously installed action (HotSpot's).
 *   <li>{@link io.jpvm.recompiler.internal.signal.CodeRanges}: the native table of address ranges
 *       holding generated code, which the handler scans; {@link
 *       io.jpvm.recompiler.internal.memory.CodeMemory} registers its pages on seal and unregisters
 *       them before unmapping.
 * </ul>
 *
 * <p>The contract with generated code: r15 holds the guest base (guest address 0 of a {@link
 * io.jpvm.recompiler.internal.memory.GuestWindow}) whenever a guest access can fault; the context page
 * at r15 − 4096 holds the exit stub's address in {@code FAULT_STUB} and the entry rsp in {@code
 * SAVED_RSP}; only one thread runs in a window at a time; callee-saved registers (r15 is HotSpot's
 * thread register) are restored before returning to Java.
 */
package io.jpvm.recompiler.internal.signal;
