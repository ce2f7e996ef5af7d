package io.jpvm.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** gp072: one gas per instruction, the whole basic block charged on entry. */
class Gp072GasModelTest {
    private static final Gp072GasModel MODEL = Gp072GasModel.INSTANCE;

    @Test
    void blockCountsUpToItsTerminator() {
        CodeBlob blob = Blobs.of(new int[] {200, 0x87, 9}, new int[] {51, 1, 5}, new int[] {40, 0}, new int[] {0});
        Program p = Program.of(blob, Profile.GP072);
        assertEquals(3, MODEL.blockCost(p, 0));
        assertEquals(1, MODEL.schedule(p).costAt(3));
    }

    @Test
    void runningOffTheEndCountsTheImplicitTrap() {
        CodeBlob blob = Blobs.of(new int[] {200, 0x87, 9});
        assertEquals(2, MODEL.blockCost(Program.of(blob, Profile.GP072), 0));
    }

    @Test
    void ecalliDoesNotEndABlock() {
        CodeBlob blob = Blobs.of(new int[] {10, 1}, new int[] {51, 1, 5}, new int[] {0});
        assertEquals(3, MODEL.blockCost(Program.of(blob, Profile.GP072), 0));
    }

    @Test
    void invalidOpcodeEndsTheBlockAsATrap() {
        CodeBlob blob = Blobs.of(new int[] {51, 1, 5}, new int[] {2}, new int[] {51, 1, 5}, new int[] {0});
        assertEquals(2, MODEL.blockCost(Program.of(blob, Profile.GP072), 0), "unlikely is invalid in gp072");
    }

    @Test
    void randomStraightLineBlocksCostTheirLength() {
        Random rnd = new Random(7);
        for (int round = 0; round < 500; round++) {
            int n = 1 + rnd.nextInt(30);
            int[][] insns = new int[n + 1][];
            for (int i = 0; i < n; i++) {
                insns[i] = new int[] {200, rnd.nextInt(256), rnd.nextInt(13)};
            }
            insns[n] = new int[] {0};
            assertEquals(n + 1, MODEL.blockCost(Program.of(Blobs.of(insns), Profile.GP072), 0));
        }
    }
}
