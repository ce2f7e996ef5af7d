package io.jpvm.conformance;

import io.jpvm.gas.GasSchedule;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a seed into a fuzz case: a random valid program (ALU of every operand class, division edge
 * cases, loads and stores at page and 2^32 edges, branches, jumps, dynamic jumps through a jump table,
 * host calls, traps, undefined opcodes, sbrk), a page map, registers, a start pc, a gas budget chosen
 * to run out at many different blocks, and an exit plan (refills, host-call answers, pages mapped on
 * faults). The same seed and profile always give the same case.
 */
public final class FuzzGenerator {
    private static final int[] MEM_CYCLES = {25, 50, 75, 100};

    private FuzzGenerator() {}

    /** The case of {@code seed} under {@code profile}. */
    public static FuzzCase generate(long seed, Profile profile) {
        SplittableRandom r = new SplittableRandom(mix(mix(seed) + profile.ordinal()));
        List<FuzzPage> pages = FuzzLayout.pages(profile, r);
        int n = r.nextInt(3, 40);
        int tableSize = r.nextInt(4) == 0 ? 0 : r.nextInt(1, 10);
        List<String> table = new ArrayList<>();
        for (int k = 0; k < tableSize; k++) {
            table.add(r.nextInt(6) == 0 ? "@" + r.nextInt(0, n * 8 + 16) : "L" + r.nextInt(n + 1));
        }
        List<String> chunks = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            chunks.add(chunk(r, profile, n, tableSize, pages));
        }
        long[] regs = new long[13];
        for (int i = 0; i < 13; i++) {
            regs[i] = switch (r.nextInt(5)) {
                case 0 -> 0;
                case 1 -> FuzzLayout.address(r, pages, 8);
                default -> FuzzValues.value(r);
            };
        }
        long heapStart = r.nextBoolean() ? 0x10000 : pages.isEmpty() ? 0x20000 : (pages.get(0).page() + 1) << 12;
        int memCycles = profile == Profile.JAVM ? MEM_CYCLES[r.nextInt(MEM_CYCLES.length)] : 25;
        FuzzCase draft = new FuzzCase(seed, profile, memCycles, chunks, table, pages, regs, 0, heapStart, 0,
                FuzzPlan.none(), null);
        CodeBlob code = draft.code();
        for (int attempt = 0; draft.entersSbrkDirectly(code) && attempt < 4; attempt++) {
            chunks = withoutSbrk(chunks);
            draft = draft.withChunks(chunks);
            code = draft.code();
        }
        GasSchedule schedule = draft.input(code).gasModel().schedule(Program.of(code, profile));
        Program program = schedule.program();
        long startPc = startPc(r, program);
        long gas = gas(r, schedule, startPc, true);
        long[] refills = new long[r.nextInt(0, 12)];
        for (int k = 0; k < refills.length; k++) {
            refills[k] = gas(r, schedule, -1, false);
        }
        long[] answers = new long[r.nextInt(0, 10)];
        for (int k = 0; k < answers.length; k++) {
            answers[k] = FuzzValues.value(r);
        }
        long[] restarts = new long[2 * r.nextInt(0, 6)];
        for (int k = 0; k < restarts.length; k += 2) {
            restarts[k] = startPc(r, program);
            restarts[k + 1] = gas(r, schedule, restarts[k], true);
        }
        FuzzPlan plan = new FuzzPlan(refills, answers, r.nextLong(), restarts, r.nextInt(16, 96), r.nextInt(5) == 0);
        FuzzCase c = new FuzzCase(seed, profile, memCycles, chunks, table, pages, regs, startPc, heapStart, gas, plan,
                code);
        if (c.entersSbrkDirectly(code)) {
            // a start or restart pc (or a raw target) lands on sbrk: start at 0 and do not restart
            c = new FuzzCase(seed, profile, memCycles, withoutSbrk(chunks), table, pages, regs, 0, heapStart, gas,
                    plan.withRestarts(new long[0]), null);
        }
        return c;
    }

    /** The chunk, sometimes followed by a fallthrough so that the next label is a block start (a valid target). */
    private static String chunk(SplittableRandom r, Profile profile, int n, int tableSize, List<FuzzPage> pages) {
        String c = body(r, profile, n, tableSize, pages);
        return r.nextInt(4) == 0 ? c + "\nfallthrough" : c;
    }

    /**
     * A 64-bit finaliser (murmur3's): neighbouring seeds must not give overlapping random streams,
     * as {@code seed * gamma} would for SplittableRandom.
     */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return z ^ (z >>> 33);
    }

    private static String body(SplittableRandom r, Profile profile, int n, int tableSize, List<FuzzPage> pages) {
        int kind = r.nextInt(100);
        if (kind < 28) {
            return AluChunks.alu(r);
        } else if (kind < 33) {
            return AluChunks.division(r);
        } else if (kind < 56) {
            return MemoryChunks.access(r, pages);
        } else if (kind < 70) {
            return ControlChunks.branch(r, n);
        } else if (kind < 75) {
            return ControlChunks.jump(r, n);
        } else if (kind < 83) {
            return ControlChunks.djump(r, tableSize);
        } else if (kind < 92) {
            return HostChunks.hostCall(r, profile);
        }
        return HostChunks.misc(r);
    }

    private static List<String> withoutSbrk(List<String> chunks) {
        List<String> out = new ArrayList<>();
        for (String c : chunks) {
            out.add(c.contains("sbrk") ? "fallthrough" : c);
        }
        return out;
    }

    /** Mostly 0; else a block start, any instruction, or any pc (maybe no instruction). */
    private static long startPc(SplittableRandom r, Program p) {
        int kind = r.nextInt(20);
        if (kind < 14 || p.count() == 0) {
            return 0;
        } else if (kind < 19) {
            return p.pcOf(r.nextInt(p.count() + 1));
        }
        return r.nextInt(p.codeLength() + 2);
    }

    /**
     * A gas budget: about the cost of the first block (exactly enough, one short, one more), or small,
     * medium or large amounts, so that runs stop at many different blocks.
     */
    private static long gas(SplittableRandom r, GasSchedule s, long startPc, boolean initial) {
        Program p = s.program();
        int kind = r.nextInt(10);
        if (kind < 2) {
            int at = startPc >= 0 ? p.indexOf(startPc) : -1;
            if (at < 0) {
                at = p.count() == 0 ? 0 : r.nextInt(p.count() + 1);
            }
            long c = startPc >= 0 ? s.entryCost(at) : s.costAt(at);
            return Math.max(0, c + r.nextInt(-1, 2));
        } else if (kind < 5) {
            return r.nextInt(0, 120);
        } else if (kind < 8) {
            return r.nextInt(0, initial ? 1500 : 600);
        }
        return r.nextInt(0, initial ? 20_000 : 4_000);
    }
}
