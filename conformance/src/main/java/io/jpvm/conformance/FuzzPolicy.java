package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Profile;

/** The exit policy of a fuzz run: follows a {@link FuzzPlan}. */
final class FuzzPolicy implements ExitPolicy {
    private final FuzzPlan plan;
    private final long firstMappablePage;
    private final long[] refills;
    private final long[] answers;
    private final long[] restarts;
    private int exits;
    private int refillsUsed;
    private int answersUsed;
    private int restartsUsed;
    private int faults;

    FuzzPolicy(FuzzPlan plan, Profile profile) {
        this.plan = plan;
        this.firstMappablePage = profile == Profile.GP072 ? FuzzLayout.LOW_ZONE_PAGES : 0;
        this.refills = plan.refills();
        this.answers = plan.answers();
        this.restarts = plan.restarts();
    }

    @Override
    public ExitAction onExit(Machine vm) {
        if (++exits >= plan.maxExits()) {
            return ExitAction.stop();
        }
        ExitKind k = vm.exitKind();
        ExitAction a = switch (k) {
            case OUT_OF_GAS -> refill();
            case HOST_CALL, ECALL -> answer();
            case PAGE_FAULT -> fault(vm.exitArg() >>> 12, vm.isReadable(vm.exitArg()), vm.isWritable(vm.exitArg()));
            default -> null;
        };
        return a != null ? a : restart();
    }

    private ExitAction refill() {
        if (refillsUsed >= refills.length) {
            return null;
        }
        long g = refills[refillsUsed++];
        return ExitAction.resume(v -> v.setGas(g));
    }

    private ExitAction answer() {
        if (answersUsed >= answers.length) {
            return null;
        }
        long a = answers[answersUsed++];
        return ExitAction.resume(v -> v.setReg(7, a));
    }

    private ExitAction fault(long page, boolean readable, boolean writable) {
        if (faults >= FuzzPlan.MAX_FAULTS || writable || page < firstMappablePage) {
            return null;
        }
        if (readable) {
            faults++;
            return ExitAction.resume(v -> v.setWritable(page, true));
        }
        boolean rw = (plan.faultBits() >>> faults & 1) != 0;
        faults++;
        return ExitAction.resume(v -> v.map(page, 1, rw));
    }

    private ExitAction restart() {
        if (2 * restartsUsed >= restarts.length) {
            return ExitAction.stop();
        }
        long pc = restarts[2 * restartsUsed];
        long gas = restarts[2 * restartsUsed + 1];
        restartsUsed++;
        return ExitAction.restart(v -> {
            v.setPc(pc);
            v.setGas(gas);
        });
    }
}
