package io.jpvm.conformance;

import io.jpvm.isa.Opcode;
import java.util.SplittableRandom;

/**
 * Fuzz chunks of control flow: branches (register/register and register/immediate, operands loaded
 * so that both outcomes occur), jumps, load_imm_jump, and dynamic jumps through the jump table with
 * valid, zero, odd, out-of-range, 0xFFFF0000 and random addresses (jump_ind and load_imm_jump_ind,
 * including A = B). Targets are chunk labels (forward and backward, block starts or not) or raw pcs.
 */
final class ControlChunks {
    private static final int HALT_ADDRESS = 0xFFFF0000;

    private ControlChunks() {}

    /** A static target: a chunk label {@code L0..Ln}, or sometimes a raw pc that may be no instruction. */
    static String target(SplittableRandom r, int chunks) {
        if (r.nextInt(5) == 0) {
            return "@" + r.nextInt(0, chunks * 8 + 16);
        }
        return "L" + r.nextInt(chunks + 1);
    }

    static String branch(SplittableRandom r, int chunks) {
        StringBuilder s = new StringBuilder();
        if (r.nextBoolean()) {
            int op = Opcode.BRANCH_EQ + r.nextInt(6);
            int a = FuzzValues.reg(r);
            int b = FuzzValues.reg(r);
            if (r.nextInt(10) < 4) {
                long v = FuzzValues.value(r);
                s.append("load_imm_64 r").append(a).append(", ").append(v).append('\n');
                if (b != a) {
                    long w = switch (r.nextInt(3)) {
                        case 0 -> v;
                        case 1 -> v + r.nextInt(-1, 2);
                        default -> FuzzValues.value(r);
                    };
                    s.append("load_imm_64 r").append(b).append(", ").append(w).append('\n');
                }
            }
            s.append(Opcode.name(op)).append(" r").append(a).append(", r").append(b).append(", ").append(target(r, chunks));
        } else {
            int op = Opcode.BRANCH_EQ_IMM + r.nextInt(10);
            int a = FuzzValues.reg(r);
            long imm = FuzzValues.imm(r);
            if (r.nextInt(10) < 4) {
                s.append("load_imm_64 r").append(a).append(", ").append(imm + r.nextInt(-1, 2)).append('\n');
            }
            s.append(Opcode.name(op)).append(" r").append(a).append(", ").append(imm).append(", ").append(target(r, chunks));
        }
        return s.toString();
    }

    static String jump(SplittableRandom r, int chunks) {
        if (r.nextBoolean()) {
            return "jump " + target(r, chunks);
        }
        return "load_imm_jump r" + FuzzValues.reg(r) + ", " + FuzzValues.imm(r) + ", " + target(r, chunks);
    }

    /** A dynamic jump address for a table of {@code size} entries (mod 2^32). */
    static long djumpAddress(SplittableRandom r, int size) {
        return switch (r.nextInt(12)) {
            case 0, 1, 2, 3, 4, 5 -> size == 0 ? 2 : 2L * r.nextInt(1, size + 1);
            case 6 -> 0;
            case 7 -> 2L * r.nextInt(0, size + 2) + 1;
            case 8 -> 2L * (size + r.nextInt(1, 4));
            case 9, 10 -> HALT_ADDRESS & 0xFFFF_FFFFL;
            default -> r.nextInt() & 0xFFFF_FFFFL;
        };
    }

    static String djump(SplittableRandom r, int tableSize) {
        long address = djumpAddress(r, tableSize);
        long off = r.nextInt(3) == 0 ? FuzzValues.imm(r) : r.nextInt(3) == 0 ? r.nextInt(-4, 5) : 0;
        long base = address - off;
        if (r.nextInt(5) == 0) {
            base += r.nextLong() << 32; // only the low 32 bits of the sum count
        }
        StringBuilder s = new StringBuilder();
        if (r.nextBoolean()) {
            int a = FuzzValues.reg(r);
            s.append("load_imm_64 r").append(a).append(", ").append(base).append('\n');
            s.append("jump_ind r").append(a).append(", ").append(off);
        } else {
            int b = FuzzValues.reg(r);
            int a = r.nextInt(4) == 0 ? b : FuzzValues.reg(r); // A = B: javm reads B after writing A
            s.append("load_imm_64 r").append(b).append(", ").append(base).append('\n');
            s.append("load_imm_jump_ind r").append(a).append(", r").append(b).append(", ").append(FuzzValues.imm(r))
                    .append(", ").append(off);
        }
        return s.toString();
    }
}
