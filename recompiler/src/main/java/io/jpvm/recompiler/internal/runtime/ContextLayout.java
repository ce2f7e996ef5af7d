package io.jpvm.recompiler.internal.runtime;

/**
 * The context block: the first (read-write) page of every guest window, at {@code guestBase − 4096}.
 * Generated code reaches it as {@code [r15 − 4096 + offset]} while r15 holds the guest base; Java
 * reads and writes it through a MemorySegment. This class is the one definition of its layout; the
 * code generator, the signal handler and the Java side all use these offsets.
 *
 * <pre>
 * offset size field
 *      0  104 regs[13]          guest registers φ0..φ12 (u64 each), loaded on entry, stored on exit
 *    104    8 gas               remaining gas (i64); each gas block does sub [gas], cost / js oog
 *    112    4 exitReason        EXIT_* below, written by generated code (or the fault stub)
 *    116    4 exitArg           host-call id (ecalli), or 0
 *    120    4 exitPc            the PVM pc reported with the exit
 *    124    4 nextIndex         reserved for the engine (entry bookkeeping)
 *    128    8 entryTarget       native address generated code jumps to on entry
 *    136    8 faultAddress      si_addr of the last guest memory fault (written by the handler)
 *    144    8 faultRip          native rip of the faulting instruction (written by the handler)
 *    152    8 faultStub         native address the handler resumes at after a guest fault
 *    160    8 savedRsp          native rsp saved by the entry prologue (the fault stub restores it)
 *    168    8 dispatchTable     address of the djump table (u64 native addresses per jump-table entry)
 *    176    8 dispatchLength    number of jump-table entries
 *    184    8 scratch0          free for generated code
 *    192    8 scratch1          free for generated code
 *    200    4 inlineGas         non-zero: javm {@code ecalli 1} is answered in generated code (the kernel's
 *                               GAS protocol: +10 gas, φ7 := gas left); 0: it exits as a host call
 *    204    4 reserved
 *    208    8 inlineGasCalls    incremented by every {@code ecalli 1} answered in generated code
 *    216   40 reserved
 * </pre>
 */
public final class ContextLayout {
    private ContextLayout() {}

    /** Size of the context page. */
    public static final int SIZE = 4096;

    public static final int REGS = 0;
    public static final int GAS = 104;
    public static final int EXIT_REASON = 112;
    public static final int EXIT_ARG = 116;
    public static final int EXIT_PC = 120;
    public static final int NEXT_INDEX = 124;
    public static final int ENTRY_TARGET = 128;
    public static final int FAULT_ADDRESS = 136;
    public static final int FAULT_RIP = 144;
    public static final int FAULT_STUB = 152;
    public static final int SAVED_RSP = 160;
    public static final int DISPATCH_TABLE = 168;
    public static final int DISPATCH_LENGTH = 176;
    public static final int SCRATCH0 = 184;
    public static final int SCRATCH1 = 192;
    public static final int INLINE_GAS = 200;
    public static final int INLINE_GAS_CALLS = 208;
    /** Gas the inline GAS protocol charges (the kernel's {@code ecalli} charge). */
    public static final int INLINE_GAS_CHARGE = 10;

    /** Exit reasons written to {@link #EXIT_REASON}. */
    public static final int EXIT_NONE = 0;
    public static final int EXIT_HALT = 1;
    public static final int EXIT_PANIC = 2;
    public static final int EXIT_TRAP = 3;
    public static final int EXIT_OUT_OF_GAS = 4;
    public static final int EXIT_MEMORY_FAULT = 5;
    public static final int EXIT_HOST_CALL = 6;
    public static final int EXIT_ECALL = 7;

    /** Displacement of a context field relative to the guest base (r15). */
    public static int fromGuestBase(int offset) {
        return offset - SIZE;
    }
}
