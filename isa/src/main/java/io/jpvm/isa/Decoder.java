package io.jpvm.isa;

/**
 * Instruction decoding exactly as Gray Paper A.5 and the javm notes describe it: ζ is the code
 * zero-extended, skip ≤ 24 with the bitmask past the end read as 1, registers clamped to 12,
 * 0..4-byte sign-extended immediates (3 included), load_imm_64's 8 raw bytes, the ThreeReg
 * destination from the whole third byte. Reads never check against ℓ.
 */
public final class Decoder {
    private Decoder() {}

    /** skip(pc): the distance to the next instruction start minus one, at most 24. */
    public static int skip(CodeBlob blob, int pc) {
        for (int j = 0; j < 24; j++) {
            if (blob.isStart((long) pc + 1 + j)) {
                return j;
            }
        }
        return 24;
    }

    /** Little-endian unsigned value of {@code n} bytes of ζ at {@code at}. */
    public static long readLe(CodeBlob blob, long at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) blob.byteAt(at + i) << (8 * i);
        }
        return v;
    }

    /** Sign-extends the low {@code n} bytes of {@code v} (n = 0 gives 0). */
    public static long signExtend(long v, int n) {
        if (n == 0) {
            return 0;
        }
        if (n >= 8) {
            return v;
        }
        int shift = 64 - 8 * n;
        return (v << shift) >> shift;
    }

    private static long sx(CodeBlob blob, long at, int n) {
        return signExtend(readLe(blob, at, n), n);
    }

    private static int reg(int nibble) {
        return Math.min(12, nibble);
    }

    /** Decodes the instruction at {@code pc} under {@code profile}. */
    public static Instruction decode(CodeBlob blob, int pc, Profile profile) {
        return decode(blob, pc, skip(blob, pc), profile);
    }

    /** Decodes the instruction at {@code pc} whose skip is already known. */
    public static Instruction decode(CodeBlob blob, int pc, int skip, Profile profile) {
        int op = blob.byteAt(pc);
        boolean valid = pc < blob.length() && blob.isStart(pc) && profile.isValid(op);
        int b1 = blob.byteAt((long) pc + 1);
        int lo = b1 & 15;
        int hi = b1 >> 4;
        int a = 0;
        int b = 0;
        int d = 0;
        long x = 0;
        long y = 0;
        long target = 0;
        switch (OperandClass.of(op)) {
            case NONE -> { }
            case IMM -> x = sx(blob, pc + 1L, Math.min(4, skip));
            case REG_IMM64 -> {
                a = reg(lo);
                x = readLe(blob, pc + 2L, 8);
            }
            case IMM_IMM -> {
                int lx = Math.min(4, b1 & 7);
                int ly = Math.min(4, Math.max(0, skip - lx - 1));
                x = sx(blob, pc + 2L, lx);
                y = sx(blob, pc + 2L + lx, ly);
            }
            case OFFSET -> target = pc + sx(blob, pc + 1L, Math.min(4, skip));
            case REG_IMM -> {
                a = reg(lo);
                x = sx(blob, pc + 2L, Math.min(4, Math.max(0, skip - 1)));
            }
            case REG_IMM_IMM, REG_IMM_OFFSET -> {
                a = reg(lo);
                int lx = Math.min(4, hi & 7);
                int ly = Math.min(4, Math.max(0, skip - lx - 1));
                x = sx(blob, pc + 2L, lx);
                y = sx(blob, pc + 2L + lx, ly);
                if (OperandClass.of(op) == OperandClass.REG_IMM_OFFSET) {
                    target = pc + y;
                    y = 0;
                }
            }
            case REG_REG -> {
                d = reg(lo);
                a = reg(hi);
            }
            case REG_REG_IMM -> {
                a = reg(lo);
                b = reg(hi);
                x = sx(blob, pc + 2L, Math.min(4, Math.max(0, skip - 1)));
            }
            case REG_REG_OFFSET -> {
                a = reg(lo);
                b = reg(hi);
                target = pc + sx(blob, pc + 2L, Math.min(4, Math.max(0, skip - 1)));
            }
            case REG_REG_IMM_IMM -> {
                a = reg(lo);
                b = reg(hi);
                int b2 = blob.byteAt(pc + 2L);
                int lx = Math.min(4, b2 & 7);
                int ly = Math.min(4, Math.max(0, skip - lx - 2));
                x = sx(blob, pc + 3L, lx);
                y = sx(blob, pc + 3L + lx, ly);
            }
            case REG_REG_REG -> {
                a = reg(lo);
                b = reg(hi);
                d = reg(blob.byteAt(pc + 2L));
            }
        }
        return new Instruction(pc, op, skip, valid, a, b, d, x, y, target);
    }
}
