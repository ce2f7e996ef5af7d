package io.jpvm.conformance;

import io.jpvm.isa.Assembler;
import io.jpvm.isa.CodeBlob;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The decode workload: straight-line random ALU (60%), load (20%) and store (20%) instructions ending
 * in a trap, written as jpvm assembly and assembled: the decode and compile-time workload.
 * it belongs in the conformance module next to {@code ReferenceProgram}.)
 */
public final class RandomProgram {
    /** Size of the standard decode workload, in instructions. */
    public static final int DECODE_INSTRUCTIONS = 32_000;
    /** Seed of the standard decode workload. */
    public static final long DECODE_SEED = 0x5EED_2026L;

    private static final List<String> THREE_REG = List.of("add_64", "sub_64", "mul_64", "and", "or", "xor",
            "add_32", "sub_32", "shlo_l_64", "shlo_r_64", "shar_r_64", "set_lt_u", "set_lt_s", "max_u", "min");
    private static final List<String> TWO_REG_IMM = List.of("add_imm_64", "add_imm_32", "and_imm", "xor_imm",
            "or_imm", "mul_imm_64", "shlo_l_imm_64", "shlo_r_imm_64", "set_lt_u_imm");
    private static final List<String> LOADS = List.of("load_ind_u8", "load_ind_u32", "load_ind_i32", "load_ind_u64");
    private static final List<String> STORES = List.of("store_ind_u8", "store_ind_u32", "store_ind_u64");

    private RandomProgram() {}

    /** {@code count} instructions (the last one a trap) from {@code seed}. */
    public static String source(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(count * 24).append(".container deblob\n");
        for (int i = 0; i < count - 1; i++) {
            int kind = rnd.nextInt(10);
            String ops = "r" + rnd.nextInt(13) + ", r" + rnd.nextInt(13) + ", ";
            if (kind < 3) {
                sb.append(pick(THREE_REG, rnd)).append(' ').append(ops).append('r').append(rnd.nextInt(13));
            } else if (kind < 6) {
                sb.append(pick(TWO_REG_IMM, rnd)).append(' ').append(ops).append(rnd.nextInt(-4096, 1 << 20));
            } else if (kind < 8) {
                sb.append(pick(LOADS, rnd)).append(' ').append(ops).append(rnd.nextInt(0, 1 << 16));
            } else {
                sb.append(pick(STORES, rnd)).append(' ').append(ops).append(rnd.nextInt(0, 1 << 16));
            }
            sb.append('\n');
        }
        return sb.append("trap\n").toString();
    }

    public static CodeBlob code(int count, long seed) {
        return Assembler.assemble(source(count, seed)).code();
    }

    private static String pick(List<String> names, SplittableRandom rnd) {
        return names.get(rnd.nextInt(names.size()));
    }
}
