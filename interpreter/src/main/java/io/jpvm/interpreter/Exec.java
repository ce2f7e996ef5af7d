package io.jpvm.interpreter;

import io.jpvm.interpreter.internal.Alu;
import io.jpvm.isa.Opcode;

/**
 * The instructions the interpreter's main loop does not handle inline: every non-terminator that is
 * less frequent than the loop's own set. Kept separate so the loop stays far below HotSpot's
 * 8,000-byte huge-method limit; each case is one statement.
 */
final class Exec {
    private Exec() {}

    static void execute(Interpreter vm, long w, int i, int a, int b, long[] r, long[] imm, GuestMemory m) {
        int d = (int) (w >>> 16) & 15;
        long x = imm[i];
        switch ((int) w & 0xFF) {
            // absolute and immediate stores/loads
            case Opcode.STORE_IMM_U8 -> m.store8((int) x, vm.imm2(i));
            case Opcode.STORE_IMM_U16 -> m.store16((int) x, vm.imm2(i));
            case Opcode.STORE_IMM_U32 -> m.store32((int) x, vm.imm2(i));
            case Opcode.STORE_IMM_U64 -> m.store64((int) x, vm.imm2(i));
            case Opcode.LOAD_U8 -> r[a] = m.loadU8((int) x);
            case Opcode.LOAD_I8 -> r[a] = (byte) m.loadU8((int) x);
            case Opcode.LOAD_U16 -> r[a] = m.loadU16((int) x);
            case Opcode.LOAD_I16 -> r[a] = (short) m.loadU16((int) x);
            case Opcode.LOAD_U32 -> r[a] = m.loadU32((int) x);
            case Opcode.LOAD_I32 -> r[a] = (int) m.loadU32((int) x);
            case Opcode.LOAD_U64 -> r[a] = m.load64((int) x);
            case Opcode.STORE_U8 -> m.store8((int) x, r[a]);
            case Opcode.STORE_U16 -> m.store16((int) x, r[a]);
            case Opcode.STORE_U32 -> m.store32((int) x, r[a]);
            case Opcode.STORE_U64 -> m.store64((int) x, r[a]);
            case Opcode.STORE_IMM_IND_U8 -> m.store8((int) (r[a] + x), vm.imm2(i));
            case Opcode.STORE_IMM_IND_U16 -> m.store16((int) (r[a] + x), vm.imm2(i));
            case Opcode.STORE_IMM_IND_U32 -> m.store32((int) (r[a] + x), vm.imm2(i));
            case Opcode.STORE_IMM_IND_U64 -> m.store64((int) (r[a] + x), vm.imm2(i));
            case Opcode.STORE_IND_U8 -> m.store8((int) (r[b] + x), r[a]);
            case Opcode.STORE_IND_U16 -> m.store16((int) (r[b] + x), r[a]);
            case Opcode.STORE_IND_U32 -> m.store32((int) (r[b] + x), r[a]);
            case Opcode.STORE_IND_U64 -> m.store64((int) (r[b] + x), r[a]);
            case Opcode.LOAD_IND_U8 -> r[a] = m.loadU8((int) (r[b] + x));
            case Opcode.LOAD_IND_I8 -> r[a] = (byte) m.loadU8((int) (r[b] + x));
            case Opcode.LOAD_IND_U16 -> r[a] = m.loadU16((int) (r[b] + x));
            case Opcode.LOAD_IND_I16 -> r[a] = (short) m.loadU16((int) (r[b] + x));
            case Opcode.LOAD_IND_U32 -> r[a] = m.loadU32((int) (r[b] + x));
            case Opcode.LOAD_IND_I32 -> r[a] = (int) m.loadU32((int) (r[b] + x));
            case Opcode.LOAD_IND_U64 -> r[a] = m.load64((int) (r[b] + x));
            // two registers: d = destination (low nibble), a = source (high nibble)
            case Opcode.MOVE_REG -> r[d] = r[a];
            case Opcode.SBRK -> r[d] = vm.sbrk(r[a]);
            case Opcode.COUNT_SET_BITS_64 -> r[d] = Long.bitCount(r[a]);
            case Opcode.COUNT_SET_BITS_32 -> r[d] = Integer.bitCount((int) r[a]);
            case Opcode.LEADING_ZERO_BITS_64 -> r[d] = Long.numberOfLeadingZeros(r[a]);
            case Opcode.LEADING_ZERO_BITS_32 -> r[d] = Integer.numberOfLeadingZeros((int) r[a]);
            case Opcode.TRAILING_ZERO_BITS_64 -> r[d] = Long.numberOfTrailingZeros(r[a]);
            case Opcode.TRAILING_ZERO_BITS_32 -> r[d] = Integer.numberOfTrailingZeros((int) r[a]);
            case Opcode.SIGN_EXTEND_8 -> r[d] = (byte) r[a];
            case Opcode.SIGN_EXTEND_16 -> r[d] = (short) r[a];
            case Opcode.ZERO_EXTEND_16 -> r[d] = r[a] & 0xFFFF;
            case Opcode.REVERSE_BYTES -> r[d] = Long.reverseBytes(r[a]);
            // two registers and an immediate: a = destination, b = source
            case Opcode.ADD_IMM_32 -> r[a] = (int) (r[b] + x);
            case Opcode.AND_IMM -> r[a] = r[b] & x;
            case Opcode.XOR_IMM -> r[a] = r[b] ^ x;
            case Opcode.OR_IMM -> r[a] = r[b] | x;
            case Opcode.MUL_IMM_32 -> r[a] = (int) r[b] * (int) x;
            case Opcode.SET_LT_U_IMM -> r[a] = Alu.ltU(r[b], x);
            case Opcode.SET_LT_S_IMM -> r[a] = Alu.ltS(r[b], x);
            case Opcode.SHLO_L_IMM_32 -> r[a] = (int) r[b] << (int) x;
            case Opcode.SHLO_R_IMM_32 -> r[a] = (int) r[b] >>> (int) x;
            case Opcode.SHAR_R_IMM_32 -> r[a] = (int) r[b] >> (int) x;
            case Opcode.NEG_ADD_IMM_32 -> r[a] = (int) (x - r[b]);
            case Opcode.SET_GT_U_IMM -> r[a] = Alu.ltU(x, r[b]);
            case Opcode.SET_GT_S_IMM -> r[a] = Alu.ltS(x, r[b]);
            case Opcode.SHLO_L_IMM_ALT_32 -> r[a] = (int) x << (int) r[b];
            case Opcode.SHLO_R_IMM_ALT_32 -> r[a] = (int) x >>> (int) r[b];
            case Opcode.SHAR_R_IMM_ALT_32 -> r[a] = (int) x >> (int) r[b];
            case Opcode.CMOV_IZ_IMM -> r[a] = r[b] == 0 ? x : r[a];
            case Opcode.CMOV_NZ_IMM -> r[a] = r[b] != 0 ? x : r[a];
            case Opcode.ADD_IMM_64 -> r[a] = r[b] + x;
            case Opcode.MUL_IMM_64 -> r[a] = r[b] * x;
            case Opcode.SHLO_L_IMM_64 -> r[a] = r[b] << x;
            case Opcode.SHLO_R_IMM_64 -> r[a] = r[b] >>> x;
            case Opcode.SHAR_R_IMM_64 -> r[a] = r[b] >> x;
            case Opcode.NEG_ADD_IMM_64 -> r[a] = x - r[b];
            case Opcode.SHLO_L_IMM_ALT_64 -> r[a] = x << r[b];
            case Opcode.SHLO_R_IMM_ALT_64 -> r[a] = x >>> r[b];
            case Opcode.SHAR_R_IMM_ALT_64 -> r[a] = x >> r[b];
            case Opcode.ROT_R_64_IMM -> r[a] = Long.rotateRight(r[b], (int) x);
            case Opcode.ROT_R_64_IMM_ALT -> r[a] = Long.rotateRight(x, (int) r[b]);
            case Opcode.ROT_R_32_IMM -> r[a] = Integer.rotateRight((int) r[b], (int) x);
            case Opcode.ROT_R_32_IMM_ALT -> r[a] = Integer.rotateRight((int) x, (int) r[b]);
            default -> threeReg(w, a, b, d, r);
        }
    }

    /** Three registers: d = destination (whole third byte), a and b = sources. */
    private static void threeReg(long w, int a, int b, int d, long[] r) {
        long x = r[a];
        long y = r[b];
        r[d] = switch ((int) w & 0xFF) {
            case Opcode.ADD_32 -> (int) (x + y);
            case Opcode.SUB_32 -> (int) (x - y);
            case Opcode.MUL_32 -> (int) x * (int) y;
            case Opcode.DIV_U_32 -> Alu.divU32(x, y);
            case Opcode.DIV_S_32 -> Alu.divS32(x, y);
            case Opcode.REM_U_32 -> Alu.remU32(x, y);
            case Opcode.REM_S_32 -> Alu.remS32(x, y);
            case Opcode.SHLO_L_32 -> (int) x << (int) y;
            case Opcode.SHLO_R_32 -> (int) x >>> (int) y;
            case Opcode.SHAR_R_32 -> (int) x >> (int) y;
            case Opcode.ADD_64 -> x + y;
            case Opcode.SUB_64 -> x - y;
            case Opcode.MUL_64 -> x * y;
            case Opcode.DIV_U_64 -> Alu.divU64(x, y);
            case Opcode.DIV_S_64 -> Alu.divS64(x, y);
            case Opcode.REM_U_64 -> Alu.remU64(x, y);
            case Opcode.REM_S_64 -> Alu.remS64(x, y);
            case Opcode.SHLO_L_64 -> x << y;
            case Opcode.SHLO_R_64 -> x >>> y;
            case Opcode.SHAR_R_64 -> x >> y;
            case Opcode.AND -> x & y;
            case Opcode.XOR -> x ^ y;
            case Opcode.OR -> x | y;
            case Opcode.MUL_UPPER_S_S -> Math.multiplyHigh(x, y);
            case Opcode.MUL_UPPER_U_U -> Math.unsignedMultiplyHigh(x, y);
            case Opcode.MUL_UPPER_S_U -> Alu.mulUpperSU(x, y);
            case Opcode.SET_LT_U -> Alu.ltU(x, y);
            case Opcode.SET_LT_S -> Alu.ltS(x, y);
            case Opcode.CMOV_IZ -> y == 0 ? x : r[d];
            case Opcode.CMOV_NZ -> y != 0 ? x : r[d];
            case Opcode.ROT_L_64 -> Long.rotateLeft(x, (int) y);
            case Opcode.ROT_L_32 -> Integer.rotateLeft((int) x, (int) y);
            case Opcode.ROT_R_64 -> Long.rotateRight(x, (int) y);
            case Opcode.ROT_R_32 -> Integer.rotateRight((int) x, (int) y);
            case Opcode.AND_INV -> x & ~y;
            case Opcode.OR_INV -> x | ~y;
            case Opcode.XNOR -> ~(x ^ y);
            case Opcode.MAX -> Math.max(x, y);
            case Opcode.MAX_U -> Alu.maxU(x, y);
            case Opcode.MIN -> Math.min(x, y);
            case Opcode.MIN_U -> Alu.minU(x, y);
            default -> throw new IllegalStateException("interpreter has no handler for opcode " + ((int) w & 0xFF));
        };
    }
}
