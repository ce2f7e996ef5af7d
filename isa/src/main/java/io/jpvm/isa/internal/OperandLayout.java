package io.jpvm.isa.internal;

import io.jpvm.isa.OperandClass;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Table-driven, branch-free operand decoding (Gray Paper A.5.1 to A.5.13): one straight-line
 * sequence decodes an instruction of any operand class (instruction mixes are unpredictable, so a
 * switch over the class mispredicts often). Produces exactly what {@code io.jpvm.isa.Decoder} does.
 *
 * <p>The two code bytes after the opcode form {@code src = byte(pc + 1) | byte(pc + 2) << 8}. Per
 * opcode, a descriptor selects:
 * <ul>
 *   <li>a register layout: a, b and d (each clamped to 12) looked up from byte 1, plus for three
 *       registers d from the whole byte 2;</li>
 *   <li>a length rule: the lengths of the first and second immediate looked up from skip and a 3-bit
 *       field of {@code src} (first length {@code min(4, skip - (px - 1))} or {@code min(4, field)},
 *       second {@code min(4, skip - l1 - (px - 1))} when there is one);</li>
 *   <li>px: where the first immediate starts (pc + px); the second one follows it;</li>
 *   <li>where the values go: imm1, or for the offset classes pc + the last value as the target in
 *       the second slot; load_imm_64 takes the raw 8 bytes at pc + px = pc + 2.</li>
 * </ul>
 */
public final class OperandLayout {
    private OperandLayout() {}

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Code bytes from pc that {@link #decode} may read: it needs {@code pc + READ_SPAN <= len}. */
    public static final int READ_SPAN = 12;

    /** Register layouts (index into {@link #REGS} in steps of 256 by byte 1). */
    private static final int R_NONE = 0;
    private static final int R_A = 1;
    private static final int R_A_B = 2;
    private static final int R_D_A = 3;

    /** Length rules (index into {@link #LENGTHS} in steps of 256 by skip << 3 | field). */
    private static final int L_NONE = 0;
    private static final int L_SKIP0 = 1;
    private static final int L_SKIP1 = 2;
    private static final int L_FIELD1 = 3;
    private static final int L_FIELD2 = 4;

    /** Descriptor layout: register layout << 8, d-from-byte-2 mask, length rule << 8, field shift, px. */
    private static final int D_MASK_SHIFT = 11;
    private static final int LEN_SHIFT = 16;
    private static final int FIELD_SHIFT = 20;
    private static final int PX_SHIFT = 24;

    private static final int[] DESCRIPTOR = new int[256];
    /** Per opcode: all ones when the first immediate is imm1 (otherwise it is the offset). */
    private static final long[] FIRST_IS_IMM1 = new long[256];
    /** Per opcode: all ones for the offset classes (pc is added to the second slot). */
    private static final long[] PC_RELATIVE = new long[256];
    /** Per opcode: all ones for load_imm_64's raw 8-byte immediate. */
    private static final long[] IMM64 = new long[256];
    /** Where {@link #decode} returns the registers a, b and d (4 bits each). */
    public static final int A = 8;
    public static final int B = 12;
    public static final int D = 16;

    /** Per register layout and byte 1: a << A | b << B | d << D, each clamped to 12. */
    private static final int[] REGS = new int[2048];
    /** min(12, byte) << D: d of a three-register instruction from byte 2. */
    private static final int[] D_OF_BYTE = new int[256];
    /**
     * Per length rule, skip and field: the shift counts that cut the two immediates out of the 8
     * code bytes {@code v} at pc + px: {@code v1 = ((v << 1) << c1) >> d1} and
     * {@code v2 = (((v >>> s) << 1) << c2) >> d2} sign-extend l1 bytes and the l2 bytes after them
     * (0 for a length of 0), with c = 63 − 8·l, d = (64 − 8·l) mod 64, s = 8·l1, packed as
     * {@code c1 | d1 << 8 | s << 16 | c2 << 24 | d2 << 32}.
     */
    private static final long[] LENGTHS = new long[2048];

    static {
        for (int op = 0; op < 256; op++) {
            describe(op, OperandClass.of(op));
        }
        for (int b1 = 0; b1 < 256; b1++) {
            int lo = Math.min(12, b1 & 15);
            int hi = Math.min(12, b1 >> 4);
            REGS[R_A << 8 | b1] = lo << A;
            REGS[R_A_B << 8 | b1] = lo << A | hi << B;
            REGS[R_D_A << 8 | b1] = hi << A | lo << D;
            D_OF_BYTE[b1] = Math.min(12, b1) << D;
        }
        for (int skip = 0; skip <= 24; skip++) {
            for (int field = 0; field < 8; field++) {
                int k = skip << 3 | field;
                LENGTHS[L_NONE << 8 | k] = lengths(0, 0);
                LENGTHS[L_SKIP0 << 8 | k] = lengths(Math.min(4, skip), 0);
                LENGTHS[L_SKIP1 << 8 | k] = lengths(Math.min(4, Math.max(0, skip - 1)), 0);
                int lx = Math.min(4, field);
                LENGTHS[L_FIELD1 << 8 | k] = lengths(lx, Math.min(4, Math.max(0, skip - lx - 1)));
                LENGTHS[L_FIELD2 << 8 | k] = lengths(lx, Math.min(4, Math.max(0, skip - lx - 2)));
            }
        }
    }

    private static long lengths(int l1, int l2) {
        return (63 - 8 * l1) | (long) ((64 - 8 * l1) & 63) << 8 | (long) (8 * l1) << 16 | (long) (63 - 8 * l2) << 24
                | (long) ((64 - 8 * l2) & 63) << 32;
    }

    private static void describe(int op, OperandClass c) {
        int regs = switch (c) {
            case REG_IMM64, REG_IMM, REG_IMM_IMM, REG_IMM_OFFSET -> R_A;
            case REG_REG -> R_D_A;
            case REG_REG_IMM, REG_REG_OFFSET, REG_REG_IMM_IMM, REG_REG_REG -> R_A_B;
            default -> R_NONE;
        };
        int len = switch (c) {
            case IMM, OFFSET -> L_SKIP0;
            case REG_IMM, REG_REG_IMM, REG_REG_OFFSET -> L_SKIP1;
            case IMM_IMM, REG_IMM_IMM, REG_IMM_OFFSET -> L_FIELD1;
            case REG_REG_IMM_IMM -> L_FIELD2;
            default -> L_NONE;
        };
        int field = switch (c) {
            case REG_IMM_IMM, REG_IMM_OFFSET -> 4;
            case REG_REG_IMM_IMM -> 8;
            default -> 0;
        };
        int px = switch (c) {
            case IMM, OFFSET -> 1;
            case REG_REG_IMM_IMM -> 3;
            case NONE, REG_REG, REG_REG_REG -> 0;
            default -> 2;
        };
        int dMask = c == OperandClass.REG_REG_REG ? 15 : 0;
        DESCRIPTOR[op] = regs << 8 | dMask << D_MASK_SHIFT | len << LEN_SHIFT | field << FIELD_SHIFT | px << PX_SHIFT;
        boolean offset = c == OperandClass.OFFSET || c == OperandClass.REG_REG_OFFSET;
        FIRST_IS_IMM1[op] = offset ? 0 : -1L;
        PC_RELATIVE[op] = offset || c == OperandClass.REG_IMM_OFFSET ? -1L : 0;
        IMM64[op] = c == OperandClass.REG_IMM64 ? -1L : 0;
    }

    /**
     * Decodes the operands of the instruction with opcode {@code op} at {@code pc} (its skip given,
     * {@code src} its two operand bytes, {@code pc + READ_SPAN <= code.length}): writes imm1 to
     * {@code imm[2i]} and imm2 — or, for the offset classes, the target — to {@code imm[2i + 1]}, and
     * returns the registers packed as {@code a << A | b << B | d << D}.
     */
    public static int decode(byte[] code, int pc, int op, int src, int skip, long[] imm, int i) {
        int e = DESCRIPTOR[op];
        int regs = REGS[(e | src & 0xFF) & 0x7FF] | D_OF_BYTE[src >>> 8 & 0xFF] & e >>> D_MASK_SHIFT << D;
        int field = src >>> (e >>> FIELD_SHIFT & 15) & 7;
        long l = LENGTHS[(e >>> (LEN_SHIFT - 8) & 0x700 | skip << 3 | field) & 0x7FF];
        long v = (long) LONG_LE.get(code, pc + (e >>> PX_SHIFT));
        long v1 = ((v << 1) << l) >> (l >>> 8);
        long v2 = (((v >>> (l >>> 16)) << 1) << (l >>> 24)) >> (l >>> 32);
        long first = FIRST_IS_IMM1[op];
        imm[2 * i] = v1 & first | v & IMM64[op];
        imm[2 * i + 1] = (v1 & ~first) + v2 + (pc & PC_RELATIVE[op]);
        return regs;
    }
}
