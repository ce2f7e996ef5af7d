/**
 * Native memory for generated x86-64 code and guest address spaces, through the Foreign Function &amp;
 * Memory API only (Linux x86-64).
 *
 * <ul>
 *   <li>{@link io.jpvm.recompiler.internal.memory.Libc}: downcalls to mmap, munmap, mprotect,
 *       memfd_create, ftruncate, close and sysconf with errno capture.
 *   <li>{@link io.jpvm.recompiler.internal.memory.CodeMemory}: pages for generated code, mapped RW,
 *       written, then sealed RX (never RWX), followed by a PROT_NONE guard page.
 *   <li>{@link io.jpvm.recompiler.internal.memory.BackingStore}: a memfd holding an invocation's
 *       physical guest pages.
 *   <li>{@link io.jpvm.recompiler.internal.memory.GuestWindow}: a PROT_NONE reservation of
 *       {@code [context page][4 GiB guest window][guard page]} into which backing-store pages are
 *       mapped; {@link io.jpvm.recompiler.internal.memory.WindowPool} reuses released windows.
 * </ul>
 *
 * <p>Every mapping is owned by an object with an explicit {@code close()} and a {@link
 * java.lang.ref.Cleaner} fallback whose action never references the owner. Segments handed out are
 * scoped to a shared arena that is closed when the mapping is freed, so a stale segment or entry
 * handle fails with {@link java.lang.IllegalStateException} instead of touching freed memory, and a
 * mapping cannot be freed while a downcall that received one of its segments is running.
 *
 * <p>Nothing here installs a signal handler. Touching a PROT_NONE or read-only page from Java kills
 * the JVM; from generated code it does too, unless {@link
 * io.jpvm.recompiler.internal.signal.SignalHandler} is installed and the code follows its contract.
 * Sealed {@link io.jpvm.recompiler.internal.memory.CodeMemory} pages are registered with that handler
 * as generated code ({@link io.jpvm.recompiler.internal.signal.CodeRanges}) until they are unmapped.
 */
package io.jpvm.recompiler.internal.memory;
