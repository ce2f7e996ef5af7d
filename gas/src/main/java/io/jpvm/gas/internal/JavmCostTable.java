package io.jpvm.gas.internal;

/**
 * The per-opcode inputs of javm's single-pass pipeline gas model: cycles, decode slots (with the
 * overlap and shift variants) and which raw operand positions are read and written.
 */
public final class JavmCostTable {
    private JavmCostTable() {}

    /** Cycles value meaning "the memory tier's load/store cycles". */
    public static final int MEM = -1;
    /** Cycles value meaning "the branch cost from the target's opcode". */
    public static final int BRANCH = -2;
    /** Cycles value meaning "move_reg: copy readiness, no execution". */
    public static final int MOVE = -3;

    /** Slot kinds. */
    public static final int FIXED = 0;
    public static final int OVERLAP = 1;
    public static final int SHIFT = 2;

    /** Source position bits. */
    public static final int SRC_A = 1;
    public static final int SRC_B = 2;
    public static final int SRC_D = 4;

    private static final int[] CYCLES = new int[256];
    private static final int[] SLOTS_X = new int[256];
    private static final int[] SLOTS_Y = new int[256];
    private static final int[] SLOT_KIND = new int[256];
    private static final int[] SRCS = new int[256];
    private static final boolean[] DST_A = new boolean[256];

    static {
        for (int op = 0; op < 256; op++) {
            set(op, 1, FIXED, 1, 1, 0, false);
        }
        set(0, 2, FIXED, 1, 1, 0, false);
        set(1, 2, FIXED, 1, 1, 0, false);
        set(2, 40, FIXED, 1, 1, 0, false);
        set(3, 1, FIXED, 1, 1, 0, false);
        set(10, 100, FIXED, 4, 4, 0, false);
        set(20, 1, FIXED, 2, 2, 0, true);
        range(30, 33, MEM, FIXED, 1, 1, 0, false);
        set(40, 15, FIXED, 1, 1, 0, false);
        set(50, 22, FIXED, 1, 1, 0, false);
        set(51, 1, FIXED, 1, 1, 0, true);
        range(52, 58, MEM, FIXED, 1, 1, SRC_B, true);
        range(59, 62, MEM, FIXED, 1, 1, SRC_A | SRC_B, false);
        range(70, 73, MEM, FIXED, 1, 1, SRC_A, false);
        set(80, 15, FIXED, 1, 1, 0, true);
        range(81, 90, BRANCH, FIXED, 1, 1, SRC_A, false);
        set(100, MOVE, FIXED, 1, 1, SRC_B, true);
        set(101, 2, FIXED, 1, 1, 0, false);
        range(102, 105, 1, FIXED, 1, 1, SRC_B, true);
        range(106, 107, 2, FIXED, 1, 1, SRC_B, true);
        range(108, 109, 1, FIXED, 1, 1, SRC_B, true);
        set(110, 1, OVERLAP, 1, 2, SRC_B, true);
        set(111, 1, FIXED, 1, 1, SRC_B, true);
        range(120, 123, MEM, FIXED, 1, 1, SRC_A | SRC_B, false);
        range(124, 130, MEM, FIXED, 1, 1, SRC_B, true);
        int b = SRC_B;
        set(131, 2, OVERLAP, 2, 3, b, true);
        range(132, 134, 1, OVERLAP, 1, 2, b, true);
        set(135, 4, OVERLAP, 2, 3, b, true);
        range(136, 137, 3, FIXED, 3, 3, b, true);
        range(138, 140, 2, OVERLAP, 2, 3, b, true);
        set(141, 3, FIXED, 4, 4, b, true);
        range(142, 143, 3, FIXED, 3, 3, b, true);
        range(144, 146, 2, FIXED, 4, 4, b, true);
        range(147, 148, 2, FIXED, 3, 3, b, true);
        set(149, 1, OVERLAP, 1, 2, b, true);
        set(150, 3, OVERLAP, 1, 2, b, true);
        range(151, 153, 1, OVERLAP, 1, 2, b, true);
        set(154, 2, FIXED, 3, 3, b, true);
        range(155, 157, 1, FIXED, 3, 3, b, true);
        set(158, 1, OVERLAP, 1, 2, b, true);
        set(159, 1, FIXED, 3, 3, b, true);
        set(160, 2, OVERLAP, 2, 3, b, true);
        set(161, 2, FIXED, 4, 4, b, true);
        range(170, 175, BRANCH, FIXED, 1, 1, SRC_A | SRC_B, false);
        set(180, 22, FIXED, 1, 1, SRC_B, true);
        int bd = SRC_B | SRC_D;
        range(190, 191, 2, OVERLAP, 2, 3, bd, true);
        set(192, 4, OVERLAP, 2, 3, bd, true);
        range(193, 196, 60, FIXED, 4, 4, bd, true);
        range(197, 199, 2, SHIFT, 3, 4, bd, true);
        range(200, 201, 1, OVERLAP, 1, 2, bd, true);
        set(202, 3, OVERLAP, 1, 2, bd, true);
        range(203, 206, 60, FIXED, 4, 4, bd, true);
        range(207, 209, 1, SHIFT, 2, 3, bd, true);
        range(210, 212, 1, OVERLAP, 1, 2, bd, true);
        range(213, 214, 4, FIXED, 4, 4, bd, true);
        set(215, 6, FIXED, 4, 4, bd, true);
        range(216, 217, 3, FIXED, 3, 3, bd, true);
        range(218, 219, 2, FIXED, 2, 2, bd, true);
        set(220, 1, SHIFT, 2, 3, bd, true);
        set(221, 2, SHIFT, 3, 4, bd, true);
        set(222, 1, SHIFT, 2, 3, bd, true);
        set(223, 2, SHIFT, 3, 4, bd, true);
        range(224, 225, 2, FIXED, 3, 3, bd, true);
        set(226, 2, OVERLAP, 2, 3, bd, true);
        range(227, 230, 3, OVERLAP, 2, 3, bd, true);
    }

    /**
     * Every input of one opcode in one int, for single-pass scheduling: see {@link #packed(int)}.
     * Index 256 is the entry of an invalid instruction (1 cycle, 1 slot, no registers).
     */
    private static final int[] PACKED = new int[257];

    /** Field layout of {@link #packed(int)}. */
    public static final int P_CYCLES_MASK = 0xFF;
    public static final int P_MEM = 0xFF;
    public static final int P_BRANCH = 0xFE;
    public static final int P_MOVE = 0xFD;
    public static final int P_SLOTS_X_SHIFT = 8;
    public static final int P_SLOTS_Y_SHIFT = 12;
    public static final int P_KIND_SHIFT = 16;
    public static final int P_SRCS_SHIFT = 20;
    public static final int P_DST_A = 1 << 24;

    static {
        for (int op = 0; op < 256; op++) {
            int c = CYCLES[op];
            if (c != MEM && c != BRANCH && c != MOVE && (c < 0 || c > 0xFC)) {
                throw new AssertionError("cycles " + c + " of opcode " + op);
            }
            int cycles = c == MEM ? P_MEM : c == BRANCH ? P_BRANCH : c == MOVE ? P_MOVE : c;
            PACKED[op] = cycles | SLOTS_X[op] << P_SLOTS_X_SHIFT | SLOTS_Y[op] << P_SLOTS_Y_SHIFT
                    | SLOT_KIND[op] << P_KIND_SHIFT | SRCS[op] << P_SRCS_SHIFT | (DST_A[op] ? P_DST_A : 0);
        }
        PACKED[256] = defaultCycles() | 1 << P_SLOTS_X_SHIFT | 1 << P_SLOTS_Y_SHIFT | FIXED << P_KIND_SHIFT;
    }

    /**
     * The packed inputs of {@code op} (0..255, or 256 for an invalid instruction): cycles in the low
     * byte ({@link #P_MEM}, {@link #P_BRANCH}, {@link #P_MOVE} for the special ones), then the two slot
     * counts, the slot kind and the source bits (4 bits each), and {@link #P_DST_A}.
     */
    public static int packed(int op) {
        return PACKED[op];
    }

    private static void set(int op, int cycles, int kind, int x, int y, int srcs, boolean dstA) {
        CYCLES[op] = cycles;
        SLOT_KIND[op] = kind;
        SLOTS_X[op] = x;
        SLOTS_Y[op] = y;
        SRCS[op] = srcs;
        DST_A[op] = dstA;
    }

    private static void range(int from, int to, int cycles, int kind, int x, int y, int srcs, boolean dstA) {
        for (int op = from; op <= to; op++) {
            set(op, cycles, kind, x, y, srcs, dstA);
        }
    }

    /** Cycles of a valid opcode, or {@link #MEM}, {@link #BRANCH}, {@link #MOVE}. */
    public static int cycles(int op) {
        return CYCLES[op];
    }

    /**
     * Decode slots of {@code op} given the raw nibbles {@code rawA}, {@code rawB} and the clamped
     * register positions {@code a}, {@code b}, {@code d}.
     */
    public static int slots(int op, int rawA, int rawB, int a, int b, int d) {
        switch (SLOT_KIND[op]) {
            case OVERLAP -> {
                boolean overlap = (SRCS[op] & SRC_D) != 0 ? (a == b || a == d) : a == b;
                return overlap ? SLOTS_X[op] : SLOTS_Y[op];
            }
            case SHIFT -> {
                return rawB == rawA ? SLOTS_X[op] : SLOTS_Y[op];
            }
            default -> {
                return SLOTS_X[op];
            }
        }
    }

    /** Source position bits ({@link #SRC_A}, {@link #SRC_B}, {@link #SRC_D}). */
    public static int sources(int op) {
        return SRCS[op];
    }

    /** Whether the instruction writes position a. */
    public static boolean writesA(int op) {
        return DST_A[op];
    }

    /** Resets an opcode to the default (1 cycle, 1 slot, no registers). */
    public static int defaultCycles() {
        return 1;
    }
}
