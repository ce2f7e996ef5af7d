package io.jpvm.conformance;

import java.util.SplittableRandom;

/** Random operands for the fuzzer, biased towards the values where engines tend to differ. */
final class FuzzValues {
    private static final long[] EDGES = {
        0, 1, 2, -1, -2, 7, 8, 31, 32, 33, 63, 64, 65, 127, 128, 255, 256, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, 0x1_0000_0001L, 0xFFFF_FFFF_8000_0000L,
        Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
        0x8000_0000_0000_0001L, 0x0123_4567_89AB_CDEFL, 0xFEDC_BA98_7654_3210L, 0xFFFF_0000L,
    };
    private static final long[] IMM_EDGES = {
        0, 1, -1, 2, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 127, 128, -128, -129, 255, 256, 0x7FFF, 0x8000, -0x8000,
        0xFFFF, 0x10000, 0x7F_FFFF, 0x80_0000, -0x80_0000, Integer.MAX_VALUE, Integer.MIN_VALUE, -65536,
    };

    private FuzzValues() {}

    /** A register index 0..12. */
    static int reg(SplittableRandom r) {
        return r.nextInt(13);
    }

    /** A register index 0..12 other than {@code not}. */
    static int regOtherThan(SplittableRandom r, int not) {
        int x = r.nextInt(12);
        return x >= not ? x + 1 : x;
    }

    /** A 64-bit value: edge values, small numbers, random 32- and 64-bit patterns. */
    static long value(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0, 1, 2 -> EDGES[r.nextInt(EDGES.length)];
            case 3 -> r.nextInt(-16, 17);
            case 4 -> r.nextInt();
            case 5 -> r.nextInt() & 0xFFFF_FFFFL;
            case 6 -> EDGES[r.nextInt(EDGES.length)] + r.nextInt(-2, 3);
            default -> r.nextLong();
        };
    }

    /** An immediate operand (sign-extended from 32 bits, so within the int range). */
    static long imm(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0, 1 -> IMM_EDGES[r.nextInt(IMM_EDGES.length)];
            case 2 -> r.nextInt(-16, 17);
            case 3 -> r.nextInt(-4096, 4097);
            default -> r.nextInt();
        };
    }

    /** A divisor or dividend for the division edge cases: 0, ±1, the 32- and 64-bit minima, random. */
    static long division(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Long.MIN_VALUE;
            case 3 -> Integer.MIN_VALUE;
            case 4 -> 0xFFFF_FFFFL;
            case 5 -> 0x8000_0000L;
            case 6 -> r.nextInt(-9, 10);
            default -> value(r);
        };
    }

    /** A 64-bit value written as assembly accepts it for load_imm_64. */
    static String imm64(long v) {
        return Long.toString(v);
    }
}
