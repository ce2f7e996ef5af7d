package io.jpvm.kernel;

/** The numeric codes of the kernel ABI (javm-reference §3.4). */
public final class KernelCodes {
    private KernelCodes() {}

    /** A host answer meaning "no such item": 2^64 − 1. */
    public static final long NONE = -1L;
    /** A failed kernel operation: 2^64 − 2. */
    public static final long WHAT = -2L;
    /** A callee ran out of gas (φ7 with status 3): 2^64 − 8. */
    public static final long LOW = -8L;
    /** A callee panicked (φ7 with status 2): 2^64 − 9. */
    public static final long HUH = -9L;

    /** φ8 after CALL/RESUME: the callee replied; φ7 is its φ7. */
    public static final int STATUS_OK = 0;
    /** The callee executed {@code trap}; φ7 is its φ7. */
    public static final int STATUS_TRAP = 1;
    /** The callee panicked; φ7 = HUH. */
    public static final int STATUS_PANIC = 2;
    /** The callee ran out of gas; φ7 = LOW. */
    public static final int STATUS_OUT_OF_GAS = 3;
    /** The callee page-faulted; φ7 = the page-aligned address. */
    public static final int STATUS_PAGE_FAULT = 4;
    /** The callee used {@code ecalli} with an immediate above 127; φ7 = the immediate (mod 2^32). */
    public static final int STATUS_INVALID_ECALLI = 5;

    /** Gas charged by every {@code ecalli} and {@code ecall}. */
    public static final long CALL_GAS = 10;
    /** Extra gas a CALL or RESUME of a VM costs the caller. */
    public static final long CALL_OVERHEAD_GAS = 10;
    /** Extra gas per removed cap for REVOKE. */
    public static final long REVOKE_GAS_PER_CAP = 10;
    /** Live VMs an invocation may hold at once (VM 0 included). */
    public static final int MAX_VMS = 65535;
    /** CODE caps a manifest may declare. */
    public static final int MAX_CODE_CAPS = 5;
    /** The UNTYPED cap's slot in VM 0. */
    public static final int UNTYPED_SLOT = 254;
    /** The GAS protocol cap's id (and its slot in VM 0): φ7 := gas left. */
    public static final int GAS_PROTOCOL = 1;
    /** The highest protocol cap id (protocol caps sit in VM 0's slots 1..28). */
    public static final int LAST_PROTOCOL = 28;

    // ecall operations (φ11)
    public static final int OP_CALL = 0x00;
    public static final int OP_MAP = 0x02;
    public static final int OP_UNMAP = 0x03;
    public static final int OP_SPLIT = 0x04;
    public static final int OP_DROP = 0x05;
    public static final int OP_MOVE = 0x06;
    public static final int OP_COPY = 0x07;
    public static final int OP_GRANT = 0x08;
    public static final int OP_REVOKE = 0x09;
    public static final int OP_DOWNGRADE = 0x0A;
    public static final int OP_SET_MAX_GAS = 0x0B;
    public static final int OP_DIRTY = 0x0C;
    public static final int OP_RESUME = 0x0D;
}
