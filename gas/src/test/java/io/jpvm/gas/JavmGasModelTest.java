package io.jpvm.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** javm-reference.md §4.2–4.4: the worked examples and properties of the pipeline model. */
class JavmGasModelTest {
    private static final JavmGasModel MODEL = new JavmGasModel(25);

    private static long firstBlock(CodeBlob blob) {
        return MODEL.blockCost(Program.of(blob, Profile.JAVM), 0);
    }

    @Test
    void loneTrapCostsOne() {
        assertEquals(1, firstBlock(Blobs.of(new int[] {0})));
    }

    @Test
    void loneFallthroughCostsOne() {
        assertEquals(1, firstBlock(Blobs.of(new int[] {1})));
    }

    @Test
    void loneEcalliCosts97() {
        assertEquals(97, firstBlock(Blobs.of(new int[] {10, 0})));
    }

    @Test
    void loneJumpCosts12() {
        assertEquals(12, firstBlock(Blobs.of(new int[] {40, 0})));
    }

    @Test
    void loneUnlikelyCosts37() {
        assertEquals(37, firstBlock(Blobs.of(new int[] {2})));
    }

    @Test
    void fibLoopBlockCosts19() {
        // fallthrough; loop: add_64 r2,r7,r8; move_reg r8,r7; move_reg r7,r2; add_imm_64 r9,r9,1;
        // branch_lt_u r9,r10,loop; trap
        CodeBlob blob = Blobs.of(new int[] {1},
                new int[] {200, 7 | 8 << 4, 2},
                new int[] {100, 8 | 7 << 4},
                new int[] {100, 7 | 2 << 4},
                new int[] {149, 9 | 9 << 4, 1},
                new int[] {172, 9 | 10 << 4, 256 - 10},
                new int[] {0});
        Program p = Program.of(blob, Profile.JAVM);
        assertEquals(19, MODEL.blockCost(p, 1));
        GasSchedule s = MODEL.schedule(p);
        assertEquals(19, s.costAt(1));
        assertEquals(0, s.costAt(2), "mid-block instructions cost nothing on arrival");
    }

    @Test
    void branchToTrapCostsOneCycle() {
        // branch_eq_imm r0,0,+3 lands on a trap: BR = 1, so cost is max(1-3,1) = 1
        CodeBlob blob = Blobs.of(new int[] {81, 0, 3}, new int[] {0});
        assertEquals(1, firstBlock(blob));
        CodeBlob toAdd = Blobs.of(new int[] {81, 0, 3}, new int[] {200, 0, 0}, new int[] {0});
        assertEquals(17, firstBlock(toAdd), "BR = 20 when the target is not trap/unlikely");
    }

    @Test
    void memoryTierFromPageCount() {
        assertEquals(25, JavmGasModel.memoryTierCycles(2048));
        assertEquals(50, JavmGasModel.memoryTierCycles(2049));
        assertEquals(50, JavmGasModel.memoryTierCycles(8192));
        assertEquals(75, JavmGasModel.memoryTierCycles(65536));
        assertEquals(100, JavmGasModel.memoryTierCycles(65537));
        // a lone load_u8 r0, 0 then trap: done = 25 (tier) → cost 22
        CodeBlob blob = Blobs.of(new int[] {52, 0}, new int[] {0});
        assertEquals(22, firstBlock(blob));
        assertEquals(97, new JavmGasModel(100).blockCost(Program.of(blob, Profile.JAVM), 0));
    }

    @Test
    void decodeSlotsWrapEveryFourUsed() {
        // load_imm_64 takes 2 decode slots: two per cycle; the trap after five of them still fits in
        // cycle 2 (done 4, cost 1), after six it starts in cycle 3 (done 5, cost 2)
        int[] li64 = {20, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(1, firstBlock(Blobs.of(li64, li64, li64, li64, li64, new int[] {0})));
        assertEquals(2, firstBlock(Blobs.of(li64, li64, li64, li64, li64, li64, new int[] {0})));
    }

    @Test
    void moveRegCopiesReadiness() {
        // mul_64 r1 <- r2*r3 (3 cycles: done 3), move_reg r4 <- r1 (copies 3), add_64 r5(a) <- r4(b), r4(d)
        CodeBlob blob = Blobs.of(new int[] {202, 1 | 2 << 4, 3},
                new int[] {100, 4 | 1 << 4},
                new int[] {200, 5 | 4 << 4, 4},
                new int[] {0});
        // add_64: srcs b=4,d=4 ready at 3 → done 4; trap at cycle 0/1 done ≤ 3 → max_done 4 → cost 1
        assertEquals(1, firstBlock(blob));
    }

    @Test
    void randomBlocksAreAtLeastOneAndGrowMonotonically() {
        Random rnd = new Random(42);
        int[] ops = {20, 51, 52, 59, 100, 102, 131, 135, 149, 150, 190, 193, 200, 202, 207, 213, 218, 227};
        for (int round = 0; round < 2000; round++) {
            int n = 1 + rnd.nextInt(12);
            int[][] insns = new int[n + 1][];
            for (int i = 0; i < n; i++) {
                int op = ops[rnd.nextInt(ops.length)];
                insns[i] = new int[] {op, rnd.nextInt(256), rnd.nextInt(256), 0, 0, 0, 0, 0, 0, 0};
            }
            insns[n] = new int[] {0};
            long previous = 0;
            for (int len = 1; len <= n; len++) {
                int[][] prefix = new int[len + 1][];
                System.arraycopy(insns, 0, prefix, 0, len);
                prefix[len] = new int[] {0};
                long cost = firstBlock(Blobs.of(prefix));
                assertTrue(cost >= 1, "cost is at least 1");
                assertTrue(cost >= previous, "appending an instruction never makes a block cheaper");
                previous = cost;
            }
        }
    }
}
