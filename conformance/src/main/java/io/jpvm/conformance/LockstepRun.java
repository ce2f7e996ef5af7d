package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import io.jpvm.gas.GasSchedule;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Instruction;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.List;

/**
 * Runs two machines of the same program side by side (the first is the reference) under one
 * {@link ExitPolicy} and compares them after every exit: exit kind, exit pc and argument, resume pc,
 * gas, 13 registers, page map and every byte of memory. The policy decides on the reference's exit;
 * its action is applied to both machines.
 *
 * <p>With block stepping, each run is given exactly the gas that the next block charges, so both
 * machines stop with out-of-gas at the following block start and are compared there too, memory as
 * {@link MemoryChecking} says (by default only the pages the reference changed, with full comparisons
 * at a bounded amortized cost: {@link StepMemoryCheck}). Memory is compared in full after set-up,
 * after every real exit and at the end of the run. The remaining budget is tracked here and restored
 * after every stop (gp072 leaves the gas of an out-of-gas exit untouched, javm sets it to 0), so the
 * run behaves exactly as one run with the whole budget would; only when the budget is smaller than
 * the next charge is the real out-of-gas exit reached.
 */
public final class LockstepRun {
    private static final int MODE_NONE = 0;
    private static final int MODE_BLOCK = 1;
    private static final int MODE_FRESH = 2;

    /**
     * Where two machines first differed.
     *
     * @param step        runs completed before the difference (blocks stepped and exits)
     * @param blockPc     the pc the diverging run started at (a block start when stepping)
     * @param gasUsed     gas used by execution before that run
     * @param atExit      true when the run ended in a real exit, false at a block boundary
     * @param exit        the reference's exit kind ({@code null} if it threw)
     * @param differences every differing field
     */
    public record Divergence(long step, long blockPc, long gasUsed, boolean atExit, ExitKind exit,
                             List<Difference> differences) {}

    /**
     * How a lockstep run ended.
     *
     * @param divergence  the first divergence, or null when the machines agreed throughout
     * @param status      final status of the reference (the policy's, or the exit kind's id)
     * @param gasGiven    the budget given
     * @param gasLeft     the reference's remaining budget at the end
     * @param gasUsed     gas used by execution (block charges; the policy's own changes do not count)
     * @param blocks      block boundaries compared (stepping only)
     * @param exits       real exits compared
     */
    public record Outcome(Divergence divergence, String status, long gasGiven, long gasLeft, long gasUsed, long blocks,
                          long exits) {
        public boolean identical() {
            return divergence == null;
        }
    }

    private final Machine ref;
    private final Machine other;
    private final GasSchedule schedule;
    private final Program program;
    private final boolean javm;
    private final boolean[] blockStores;
    private final StepMemoryCheck memoryCheck;
    private long blocks;
    private long exits;
    private long used;

    private LockstepRun(Machine ref, Machine other, GasSchedule schedule, StepMemoryCheck memoryCheck) {
        this.ref = ref;
        this.other = other;
        this.schedule = schedule;
        this.program = schedule.program();
        this.javm = program.profile() == Profile.JAVM;
        this.blockStores = storesFrom(program);
        this.memoryCheck = memoryCheck;
    }

    /**
     * Runs both machines (already set up identically, {@code setPc} called) with {@code gas} until the
     * policy stops, a difference appears or {@code maxRuns} runs have been made.
     */
    public static Outcome run(Machine ref, Machine other, GasSchedule schedule, long gas, ExitPolicy policy,
                              boolean stepBlocks, long maxRuns) {
        return run(ref, other, schedule, gas, policy, stepBlocks, maxRuns, MemoryChecking.CHANGED_PAGES);
    }

    /** As above, comparing memory at block boundaries as {@code memory} says. */
    public static Outcome run(Machine ref, Machine other, GasSchedule schedule, long gas, ExitPolicy policy,
                              boolean stepBlocks, long maxRuns, MemoryChecking memory) {
        try (StepMemoryCheck check = StepMemoryCheck.of(ref, other, memory)) {
            return new LockstepRun(ref, other, schedule, check).go(gas, policy, stepBlocks, maxRuns);
        }
    }

    /** Every differing field after a run: registers and the rest, then memory ({@code boundary}: as a block step). */
    private List<Difference> compare(boolean boundary, boolean stores) {
        List<Difference> out = StateComparison.compare(ref, other, false);
        if (boundary) {
            memoryCheck.afterBlock(stores, out);
        } else {
            memoryCheck.full(out);
        }
        return out;
    }

    private Outcome go(long gasGiven, ExitPolicy policy, boolean stepBlocks, long maxRuns) {
        long budget = gasGiven;
        int mode = MODE_FRESH;
        List<Difference> setup = compare(false, true);
        if (!setup.isEmpty()) {
            return end(new Divergence(0, ref.pc(), 0, false, null, setup), "setup", gasGiven, budget);
        }
        for (long runs = 0; runs < maxRuns; runs++) {
            long startPc = ref.pc();
            int startIndex = program.indexOf(startPc);
            long need = stepBlocks ? charge(mode, startIndex) : -1;
            boolean stepping = need >= 0 && Long.compareUnsigned(budget, need) >= 0;
            long give = stepping ? need : budget;
            ref.setGas(give);
            other.setGas(give);
            ExitKind kr;
            ExitKind ko;
            try {
                kr = ref.run();
            } catch (RuntimeException e) {
                return end(new Divergence(runs, startPc, used, true, null,
                        List.of(new Difference("exception", e.toString(), "(not run)"))), "exception", gasGiven, budget);
            }
            try {
                ko = other.run();
            } catch (RuntimeException e) {
                return end(new Divergence(runs, startPc, used, true, kr,
                        List.of(new Difference("exception", "(none)", e.toString()))), "exception", gasGiven, budget);
            }
            boolean boundary = stepping && kr == ExitKind.OUT_OF_GAS && ko == ExitKind.OUT_OF_GAS;
            boolean stores = startIndex < 0 || startIndex >= blockStores.length || blockStores[startIndex];
            List<Difference> diffs = compare(boundary, stores);
            if (!diffs.isEmpty()) {
                return end(new Divergence(runs, startPc, used, !boundary, kr, diffs), kr.id(), gasGiven,
                        budget);
            }
            used += give - ref.gas();
            budget = budget - give + ref.gas();
            ref.setGas(budget);
            other.setGas(budget);
            if (boundary) {
                blocks++;
                mode = MODE_BLOCK;
                continue;
            }
            exits++;
            ExitAction action = policy.onExit(ref);
            action.effect().accept(ref);
            action.effect().accept(other);
            budget = ref.gas();
            if (action.ends()) {
                List<Difference> after = compare(false, true);
                if (!after.isEmpty()) {
                    return end(new Divergence(runs, startPc, used, true, kr, after), kr.id(), gasGiven,
                            budget);
                }
                return end(null, action.status() != null ? action.status() : kr.id(), gasGiven, budget);
            }
            mode = action.fresh() ? MODE_FRESH : modeAfter(kr);
        }
        if (memoryCheck.watching()) {
            List<Difference> last = compare(false, true); // block steps may have compared only changed pages
            if (!last.isEmpty()) {
                return end(new Divergence(maxRuns, ref.pc(), used, false, ref.exitKind(), last), "run-limit",
                        gasGiven, budget);
            }
        }
        return end(null, "run-limit", gasGiven, budget);
    }

    private Outcome end(Divergence d, String status, long given, long left) {
        return new Outcome(d, status, given, left, used, blocks, exits);
    }

    /** The mode a machine continues in after exit {@code k} (as Interpreter and NativeVm do). */
    private int modeAfter(ExitKind k) {
        return switch (k) {
            case OUT_OF_GAS -> MODE_BLOCK;
            case HOST_CALL, ECALL -> javm ? MODE_BLOCK : MODE_NONE;
            default -> MODE_NONE;
        };
    }

    /** The gas the next run charges before it can finish the block at {@code index}; -1 if unknown. */
    private long charge(int mode, int index) {
        if (index < 0) {
            return -1;
        }
        long c = switch (mode) {
            case MODE_FRESH -> schedule.entryCost(index);
            case MODE_BLOCK -> schedule.costAt(index);
            default -> 0;
        };
        if (index == program.count()) {
            c += schedule.endCharge();
        }
        return c;
    }

    /** Per dense index: whether the rest of its block contains an instruction that can write memory. */
    private static boolean[] storesFrom(Program p) {
        int n = p.count();
        boolean[] out = new boolean[n + 1];
        boolean seen = false;
        for (int i = n - 1; i >= 0; i--) {
            Instruction in = p.instruction(i);
            boolean terminator = in.valid() && p.profile().isTerminator(in.opcode());
            if (terminator) {
                seen = false;
            }
            seen |= writes(in);
            out[i] = seen;
        }
        return out;
    }

    private static boolean writes(Instruction in) {
        int op = in.opcode();
        return in.valid() && (op == Opcode.SBRK || (op >= Opcode.STORE_IMM_U8 && op <= Opcode.STORE_IMM_U64)
                || (op >= Opcode.STORE_U8 && op <= Opcode.STORE_U64)
                || (op >= Opcode.STORE_IMM_IND_U8 && op <= Opcode.STORE_IMM_IND_U64)
                || (op >= Opcode.STORE_IND_U8 && op <= Opcode.STORE_IND_U64));
    }
}
