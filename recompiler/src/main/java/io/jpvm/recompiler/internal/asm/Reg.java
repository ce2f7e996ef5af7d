package io.jpvm.recompiler.internal.asm;

/** The sixteen x86-64 general-purpose registers, in hardware encoding order. */
public enum Reg {
    RAX("rax", "eax", "ax", "al"),
    RCX("rcx", "ecx", "cx", "cl"),
    RDX("rdx", "edx", "dx", "dl"),
    RBX("rbx", "ebx", "bx", "bl"),
    RSP("rsp", "esp", "sp", "spl"),
    RBP("rbp", "ebp", "bp", "bpl"),
    RSI("rsi", "esi", "si", "sil"),
    RDI("rdi", "edi", "di", "dil"),
    R8("r8", "r8d", "r8w", "r8b"),
    R9("r9", "r9d", "r9w", "r9b"),
    R10("r10", "r10d", "r10w", "r10b"),
    R11("r11", "r11d", "r11w", "r11b"),
    R12("r12", "r12d", "r12w", "r12b"),
    R13("r13", "r13d", "r13w", "r13b"),
    R14("r14", "r14d", "r14w", "r14b"),
    R15("r15", "r15d", "r15w", "r15b");

    private static final Reg[] BY_ENCODING = values();

    private final String name64;
    private final String name32;
    private final String name16;
    private final String name8;

    Reg(String name64, String name32, String name16, String name8) {
        this.name64 = name64;
        this.name32 = name32;
        this.name16 = name16;
        this.name8 = name8;
    }

    /** The register with the given 4-bit hardware encoding. */
    public static Reg of(int encoding) {
        return BY_ENCODING[encoding];
    }

    /** The 4-bit hardware encoding (0 = rax ... 15 = r15). */
    public int encoding() {
        return ordinal();
    }

    /** The low three bits, which go into ModRM.reg, ModRM.rm, SIB or the opcode byte. */
    public int low3() {
        return ordinal() & 7;
    }

    /** Whether this is r8-r15, which need the REX.R, REX.X or REX.B extension bit. */
    public boolean isExtended() {
        return ordinal() >= 8;
    }

    /** The REX extension bit (0 or 1) for this register. */
    public int rexBit() {
        return ordinal() >> 3;
    }

    /**
     * Whether the 8-bit form of this register (spl, bpl, sil, dil) is only reachable with a REX
     * prefix; without one the same encodings mean ah, ch, dh, bh.
     */
    public boolean byteFormNeedsRex() {
        int e = ordinal();
        return e >= 4 && e <= 7;
    }

    /** Intel name of the register at the given width in bits (8, 16, 32 or 64). */
    public String name(int bits) {
        return switch (bits) {
            case 64 -> name64;
            case 32 -> name32;
            case 16 -> name16;
            case 8 -> name8;
            default -> throw new IllegalArgumentException("width " + bits);
        };
    }

    @Override
    public String toString() {
        return name64;
    }
}
