package io.jpvm.gas;

import io.jpvm.gas.internal.JavmCostTable;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Instruction;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Program;

/**
 * javm's single-pass pipeline gas model (per gas block): instructions are fed in order to a model of
 * a 4-wide decoder and per-register readiness; cost = max(max_done − 3, 1). Register operands are the
 * raw byte positions a (low nibble of byte 1), b (high nibble of byte 1) and d (low nibble of byte 2),
 * clamped to 12. Loads and stores take the memory tier's cycles, branches 1 or 20 cycles depending on
 * the opcode at their target.
 */
public final class JavmGasModel implements GasModel {
    /** Gas charged per DATA page at program initialisation. */
    public static final long GAS_PER_PAGE = 1500;

    private final int memCycles;

    /** A model for the given memory tier cycles (25, 50, 75 or 100). */
    public JavmGasModel(int memCycles) {
        this.memCycles = memCycles;
    }

    /** The model for a program whose header declares {@code memoryPages} UNTYPED pages. */
    public static JavmGasModel forMemoryPages(long memoryPages) {
        return new JavmGasModel(memoryTierCycles(memoryPages));
    }

    /** Load/store cycles for a memory size: ≤2048 pages 25, ≤8192 50, ≤65536 75, else 100. */
    public static int memoryTierCycles(long memoryPages) {
        if (memoryPages <= 2048) {
            return 25;
        } else if (memoryPages <= 8192) {
            return 50;
        } else if (memoryPages <= 65536) {
            return 75;
        }
        return 100;
    }

    public int memCycles() {
        return memCycles;
    }

    @Override
    public long blockCost(Program program, int start) {
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
                    cycles = branchCycles(blob, in.target());
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

    private static int branchCycles(CodeBlob blob, long target) {
        if (target >= 0 && target < blob.length() && blob.isStart(target)) {
            int op = blob.byteAt(target);
            if (op == Opcode.TRAP || op == Opcode.UNLIKELY) {
                return 1;
            }
        }
        return 20;
    }

    @Override
    public long endCharge() {
        return 1;
    }

    @Override
    public String name() {
        return "javm(mem=" + memCycles + ")";
    }
}
