package io.jpvm.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.gas.internal.JavmCostTable;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Instruction;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The single-pass schedules ({@link GasSchedule}) and the rewritten {@code blockCost} of both models
 * against the models written out block by block from their definition (the per-block loop over
 * {@link Instruction} records they replaced): every block start's cost, every mid-block entry cost,
 * the block list, on random code of both profiles and every memory tier.
 */
class GasScheduleTest {

    /** javm-reference.md §4.3 per block, over Instruction records. */
    static long javmReference(Program program, int start, int memCycles) {
        CodeBlob blob = program.blob();
        int n = program.count();
        int[] regDone = new int[13];
        int cycle = 0;
        int decodeUsed = 0;
        int maxDone = 0;
        for (int i = start; i < n; i++) {
            Instruction in = program.instruction(i);
            int pc = in.pc();
            int op = in.valid() ? in.opcode() : -1;
            int b1 = blob.byteAt(pc + 1L);
            int rawA = b1 & 15;
            int rawB = b1 >> 4;
            int a = Math.min(12, rawA);
            int b = Math.min(12, rawB);
            int d = Math.min(12, blob.byteAt(pc + 2L) & 15);
            int slots = op < 0 ? 1 : JavmCostTable.slots(op, rawA, rawB, a, b, d);
            if (decodeUsed >= 4) {
                cycle++;
                decodeUsed = slots;
            } else {
                decodeUsed += slots;
            }
            int cycles = op < 0 ? JavmCostTable.defaultCycles() : JavmCostTable.cycles(op);
            if (cycles == JavmCostTable.MOVE) {
                regDone[a] = regDone[b];
            } else {
                if (cycles == JavmCostTable.MEM) {
                    cycles = memCycles;
                } else if (cycles == JavmCostTable.BRANCH) {
                    long t = in.target();
                    cycles = 20;
                    if (t >= 0 && t < blob.length() && blob.isStart(t)
                            && (blob.byteAt(t) == Opcode.TRAP || blob.byteAt(t) == Opcode.UNLIKELY)) {
                        cycles = 1;
                    }
                }
                int srcs = op < 0 ? 0 : JavmCostTable.sources(op);
                int begin = cycle;
                if ((srcs & JavmCostTable.SRC_A) != 0) {
                    begin = Math.max(begin, regDone[a]);
                }
                if ((srcs & JavmCostTable.SRC_B) != 0) {
                    begin = Math.max(begin, regDone[b]);
                }
                if ((srcs & JavmCostTable.SRC_D) != 0) {
                    begin = Math.max(begin, regDone[d]);
                }
                int done = begin + cycles;
                if (op >= 0 && JavmCostTable.writesA(op)) {
                    regDone[a] = done;
                }
                maxDone = Math.max(maxDone, done);
            }
            if (op >= 0 && program.profile().isTerminator(op)) {
                break;
            }
        }
        return maxDone > 3 ? maxDone - 3 : 1;
    }

    static long gpReference(Program program, int start) {
        int n = program.count();
        long cost = 0;
        for (int i = start; i < n; i++) {
            Instruction in = program.instruction(i);
            cost++;
            if (!in.valid() || program.profile().isTerminator(in.opcode())) {
                return cost;
            }
        }
        return cost + 1;
    }

    static CodeBlob randomCode(SplittableRandom r) {
        int len = r.nextInt(0, r.nextInt(8) == 0 ? 2000 : 120);
        byte[] code = new byte[len];
        r.nextBytes(code);
        int[] common = {0, 1, 2, 3, 10, 20, 40, 50, 52, 59, 70, 81, 85, 100, 120, 124, 131, 150, 170, 174, 180, 190,
            197, 200, 207, 213, 220, 221, 227};
        boolean[] mask = new boolean[len];
        int density = r.nextInt(1, 8);
        for (int i = 0; i < len; i++) {
            mask[i] = r.nextInt(density) == 0;
            if (mask[i] && r.nextInt(4) != 0) {
                code[i] = (byte) common[r.nextInt(common.length)];
            }
            if (mask[i] && i + 2 < len && r.nextInt(3) == 0) {
                // small branch offsets, often onto traps
                code[i + 2] = (byte) r.nextInt(-8, 8);
            }
        }
        if (len > 0 && r.nextInt(5) != 0) {
            mask[0] = true;
        }
        return new CodeBlob(code, mask, new int[0]);
    }

    @Test
    void schedulesMatchTheBlockByBlockDefinition() {
        SplittableRandom r = new SplittableRandom(0x6A5);
        int[] tiers = {25, 50, 75, 100};
        for (int k = 0; k < 4000; k++) {
            CodeBlob blob = randomCode(r);
            for (Profile p : Profile.values()) {
                Program prog = Program.of(blob, p);
                int mem = tiers[r.nextInt(tiers.length)];
                GasModel[] models = {new JavmGasModel(mem), Gp072GasModel.INSTANCE};
                for (GasModel model : models) {
                    String what = "blob " + k + " " + p.id() + " " + model.name();
                    GasSchedule s = model.schedule(prog);
                    int n = prog.count();
                    List<GasBlock> want = new ArrayList<>();
                    for (int i = 0; i <= n; i++) {
                        long ref = model instanceof JavmGasModel ? javmReference(prog, i, mem) : gpReference(prog, i);
                        boolean endSelf = i == n && model.endCharge() > 0;
                        assertEquals(ref, model.blockCost(prog, i), what + " blockCost(" + i + ")");
                        long expectAt = prog.isBlockStart(i) ? (endSelf ? 0 : ref) : 0;
                        assertEquals(expectAt, s.costAt(i), what + " costAt(" + i + ")");
                        assertEquals(prog.isBlockStart(i) ? expectAt : endSelf ? 0 : ref, s.entryCost(i),
                                what + " entryCost(" + i + ")");
                        if (prog.isBlockStart(i)) {
                            int end = prog.blockEnd(i);
                            want.add(new GasBlock(prog.pcOf(i), i, end - i + 1, i == n ? expectAt + model.endCharge()
                                    : expectAt));
                        }
                    }
                    assertEquals(want, s.blocks(), what + " blocks");
                }
            }
        }
    }

    /**
     * Long blocks of valid instructions (the single-pass loop's steady state: every opcode kind,
     * register byte values above 12, shift and overlap slot selectors, moves) against the definition.
     */
    @Test
    void longBlocksMatchTheDefinition() {
        SplittableRandom r = new SplittableRandom(0x10B);
        int[] ops = {51, 52, 59, 70, 100, 101, 120, 124, 131, 138, 149, 150, 180, 190, 192, 193, 197, 200, 202, 207,
            213, 215, 220, 221, 227, 230};
        for (int k = 0; k < 20; k++) {
            int count = r.nextInt(100, 3000);
            int[][] insns = new int[count][];
            for (int j = 0; j < count - 1; j++) {
                insns[j] = new int[] {ops[r.nextInt(ops.length)], r.nextInt(256), r.nextInt(256), r.nextInt(256)};
            }
            insns[count - 1] = new int[] {k % 2 == 0 ? 0 : 81, r.nextInt(256), 2};
            CodeBlob blob = Blobs.of(insns);
            for (int mem : new int[] {25, 100}) {
                JavmGasModel model = new JavmGasModel(mem);
                Program prog = Program.of(blob, Profile.JAVM);
                GasSchedule s = model.schedule(prog);
                String what = "block " + k + " mem " + mem;
                assertEquals(javmReference(prog, 0, mem), s.costAt(0), what);
                for (int i = 0; i < prog.count(); i += 97) {
                    assertEquals(javmReference(prog, i, mem), model.blockCost(prog, i), what + " from " + i);
                }
            }
        }
    }
}
