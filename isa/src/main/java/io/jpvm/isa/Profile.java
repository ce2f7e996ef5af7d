package io.jpvm.isa;

/**
 * The two semantic profiles every engine runs (see the project's spec README): {@code javm}, the
 * product's native semantics, and {@code gp072}, conformance with Gray Paper 0.7.2.
 */
public enum Profile {
    /** javm: 141 opcodes, pipeline gas per gas block, capability kernel programs. */
    JAVM("javm"),
    /** Gray Paper 0.7.2: 139 opcodes, one gas per instruction charged per basic block. */
    GP072("gp072");

    private final String id;

    Profile(String id) {
        this.id = id;
    }

    /** The name used on the command line and in documents. */
    public String id() {
        return id;
    }

    /** Parses {@code javm} or {@code gp072} (case-insensitive); null for anything else. */
    public static Profile byId(String s) {
        for (Profile p : values()) {
            if (p.id.equalsIgnoreCase(s)) {
                return p;
            }
        }
        return null;
    }

    /** True when {@code opcode} is a valid opcode in this profile. */
    public boolean isValid(int opcode) {
        if (opcode == Opcode.UNLIKELY || opcode == Opcode.ECALL) {
            return this == JAVM;
        }
        return Opcode.isDefined(opcode);
    }

    /** True when {@code opcode} ends a basic block (GP) or a gas block (javm). */
    public boolean isTerminator(int opcode) {
        switch (opcode) {
            case Opcode.TRAP, Opcode.FALLTHROUGH, Opcode.JUMP, Opcode.JUMP_IND, Opcode.LOAD_IMM_JUMP,
                    Opcode.LOAD_IMM_JUMP_IND -> {
                return true;
            }
            case Opcode.UNLIKELY, Opcode.ECALL, Opcode.ECALLI -> {
                return this == JAVM;
            }
            default -> {
                return (opcode >= 81 && opcode <= 90) || (opcode >= 170 && opcode <= 175);
            }
        }
    }

    /** True for the static jumps and branches, whose target is an offset from their own pc. */
    public static boolean hasStaticTarget(int opcode) {
        return opcode == Opcode.JUMP || (opcode >= 80 && opcode <= 90) || (opcode >= 170 && opcode <= 175);
    }
}
