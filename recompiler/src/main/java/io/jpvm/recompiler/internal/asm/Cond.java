package io.jpvm.recompiler.internal.asm;

/** x86 condition codes (the low nibble of Jcc, SETcc and CMOVcc opcodes). */
public enum Cond {
    /** Overflow (OF = 1). */
    O(0x0, "o"),
    /** No overflow. */
    NO(0x1, "no"),
    /** Below, unsigned less than (CF = 1); also "carry". */
    B(0x2, "b"),
    /** Above or equal, unsigned greater or equal (CF = 0); also "no carry". */
    AE(0x3, "ae"),
    /** Equal / zero (ZF = 1). */
    E(0x4, "e"),
    /** Not equal / not zero. */
    NE(0x5, "ne"),
    /** Below or equal, unsigned (CF = 1 or ZF = 1). */
    BE(0x6, "be"),
    /** Above, unsigned greater than. */
    A(0x7, "a"),
    /** Sign (SF = 1). */
    S(0x8, "s"),
    /** No sign. */
    NS(0x9, "ns"),
    /** Parity even. */
    P(0xA, "p"),
    /** Parity odd. */
    NP(0xB, "np"),
    /** Signed less than (SF != OF). */
    L(0xC, "l"),
    /** Signed greater or equal. */
    GE(0xD, "ge"),
    /** Signed less or equal. */
    LE(0xE, "le"),
    /** Signed greater than. */
    G(0xF, "g");

    /** Alias of {@link #E}. */
    public static final Cond Z = E;
    /** Alias of {@link #NE}. */
    public static final Cond NZ = NE;
    /** Alias of {@link #B} (carry set). */
    public static final Cond C = B;
    /** Alias of {@link #AE} (carry clear). */
    public static final Cond NC = AE;

    private static final Cond[] BY_CODE = values();

    private final int code;
    private final String suffix;

    Cond(int code, String suffix) {
        this.code = code;
        this.suffix = suffix;
    }

    /** The condition with the given 4-bit code. */
    public static Cond of(int code) {
        return BY_CODE[code];
    }

    /** The 4-bit condition code. */
    public int code() {
        return code;
    }

    /** The opposite condition (flips the low bit of the code). */
    public Cond negate() {
        return BY_CODE[code ^ 1];
    }

    /** The mnemonic suffix, e.g. {@code "ne"} for {@code jne}/{@code setne}/{@code cmovne}. */
    public String suffix() {
        return suffix;
    }
}
