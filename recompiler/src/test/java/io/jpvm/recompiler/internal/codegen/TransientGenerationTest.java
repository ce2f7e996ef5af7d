package io.jpvm.recompiler.internal.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.gas.GasSchedule;
import io.jpvm.gas.Gp072GasModel;
import io.jpvm.gas.JavmGasModel;
import io.jpvm.isa.Assembler;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CodeGenerator#generateTransient} reuses one thread's working arrays across compilations:
 * whatever ran before (a larger program, other branch targets, a grown buffer), it must produce
 * exactly the bytes and tables of a fresh {@link CodeGenerator#generate}.
 */
class TransientGenerationTest {
    /** A program of {@code blocks} small loops with branches forward and backward, and memory accesses. */
    private static String source(long seed, int blocks) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(".container deblob\n.jump_table b0");
        for (int b = 1; b < Math.min(blocks, 8); b++) {
            sb.append(", b").append(b);
        }
        sb.append('\n');
        for (int b = 0; b < blocks; b++) {
            sb.append("b").append(b).append(":\n");
            int n = 1 + r.nextInt(12);
            for (int k = 0; k < n; k++) {
                int x = r.nextInt(13);
                int y = r.nextInt(13);
                switch (r.nextInt(5)) {
                    case 0 -> sb.append("add_64 r").append(x).append(", r").append(y).append(", r").append(r.nextInt(13));
                    case 1 -> sb.append("add_imm_64 r").append(x).append(", r").append(y).append(", ").append(r.nextInt(-300, 300));
                    case 2 -> sb.append("load_ind_u32 r").append(x).append(", r").append(y).append(", ").append(r.nextInt(1 << 16));
                    case 3 -> sb.append("store_ind_u8 r").append(x).append(", r").append(y).append(", ").append(r.nextInt(1 << 16));
                    default -> sb.append("shlo_l_imm_64 r").append(x).append(", r").append(y).append(", ").append(r.nextInt(64));
                }
                sb.append('\n');
            }
            int t = r.nextInt(blocks);
            sb.append(r.nextBoolean() ? "branch_lt_u r1, r2, b" + t : "jump b" + t).append('\n');
        }
        return sb.append("trap\n").toString();
    }

    private static GasSchedule schedule(long seed, int blocks, Profile p) {
        Program program = Program.of(Assembler.assemble(source(seed, blocks)).code(), p);
        return p == Profile.JAVM ? JavmGasModel.forMemoryPages(0).schedule(program)
                : Gp072GasModel.INSTANCE.schedule(program);
    }

    @Test
    void reusedArraysGiveTheFreshResult() {
        int[] sizes = {400, 3, 1500, 40, 1, 900, 2, 3000, 17};
        for (int k = 0; k < sizes.length; k++) {
            for (Profile p : Profile.values()) {
                GasSchedule s = schedule(1000 + k, sizes[k], p);
                GeneratedCode fresh = CodeGenerator.generate(s);
                GeneratedCode reused = CodeGenerator.generateTransient(s);
                String what = "program " + k + " (" + sizes[k] + " blocks, " + p + ")";
                assertEquals(fresh.size(), reused.size(), what);
                assertArrayEquals(fresh.code(), reused.code(), what);
                assertArrayEquals(fresh.bodyOffsets(), reused.bodyOffsets(), what);
                assertArrayEquals(fresh.trapOffsets(), reused.trapOffsets(), what);
                assertArrayEquals(fresh.trapIndices(), reused.trapIndices(), what);
                assertEquals(fresh.tableOffset(), reused.tableOffset(), what);
            }
        }
    }
}
