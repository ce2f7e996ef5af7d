package io.jpvm.interpreter;

/** Why a run stopped. */
public enum ExitKind {
    /** gp072: dynamic jump to 0xFFFF0000. javm programs halt through the kernel's REPLY. */
    HALT("halt"),
    /** Invalid instruction, invalid jump target, trap in gp072, a gp072 access below 0x10000. */
    PANIC("panic"),
    /** javm: opcode 0 or running off the end of the code. */
    TRAP("trap"),
    /** Not enough gas to enter a block. */
    OUT_OF_GAS("out-of-gas"),
    /** An access to an unmapped page or a write to a read-only page. */
    PAGE_FAULT("page-fault"),
    /** {@code ecalli id}. */
    HOST_CALL("host-call"),
    /** javm {@code ecall} (kernel management operation). */
    ECALL("ecall");

    private final String id;

    ExitKind(String id) {
        this.id = id;
    }

    /** The status name used in JSON output and vectors. */
    public String id() {
        return id;
    }
}
