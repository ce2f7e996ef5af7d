package io.jpvm.recompiler;

import java.util.SplittableRandom;

/** Random operands biased towards the values where engines disagree: edges of every width. */
final class Values {
    private Values() {}

    static final long[] EDGE = {
        0, 1, 2, 3, -1, -2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF,
        0x80000000L, 0xFFFFFFFFL, 0x100000000L, 0x100000001L, 0x1FFFFFFFFL, Long.MIN_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE + 1, 0xFFFFFFFF00000000L, 0xFFFFFFFF80000000L, 0xFFFFFFFF7FFFFFFFL, 0x8000000000000001L,
        31, 32, 33, 63, 64, 65, 127, 128, -31, -32, -33, -63, -64, -65, 0x123456789ABCDEF0L,
        0xFEDCBA9876543210L, 0x00000000DEADBEEFL, 0xCAFEBABE00000000L, 0x0000000100000000L,
        0xFFFFFFFFFFFF0000L, 0xFFFF0000L, 0x80000000_00000000L >>> 1, -0x80000000L, -0x80000001L,
    };

    static final int[] EDGE_IMM = {
        0, 1, 2, -1, -2, 31, 32, 33, 63, 64, 65, 0x7F, 0x80, -0x80, -0x81, 0xFF, 0x7FFF, -0x8000, 0xFFFF,
        0x10000, 0x7FFFFF, -0x800000, 0x7FFFFFFF, Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -65536,
    };

    static long reg(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0, 1 -> EDGE[r.nextInt(EDGE.length)];
            case 2 -> r.nextLong();
            default -> (long) r.nextInt(-300, 300);
        };
    }

    static int imm(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0, 1 -> EDGE_IMM[r.nextInt(EDGE_IMM.length)];
            case 2 -> r.nextInt();
            default -> r.nextInt(-300, 300);
        };
    }

    static long[] regs(SplittableRandom r) {
        long[] v = new long[13];
        for (int i = 0; i < 13; i++) {
            v[i] = reg(r);
        }
        return v;
    }

    /** A register index; often 11 or 12 (rax, rcx on the host), often a repeat of {@code others}. */
    static int regIndex(SplittableRandom r, int... others) {
        int k = r.nextInt(10);
        if (k < 3 && others.length > 0) {
            return others[r.nextInt(others.length)];
        } else if (k < 5) {
            return 11 + r.nextInt(2);
        }
        return r.nextInt(13);
    }
}
