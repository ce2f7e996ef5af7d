package io.jpvm.conformance;

/**
 * What the embedder does at the exits of a fuzz run ({@link FuzzPolicy}).
 *
 * @param refills    at the k-th out-of-gas exit the gas becomes {@code refills[k]} and the run goes on;
 *                   once they are used up, out of gas ends the run
 * @param answers    at the k-th host call or ecall φ7 becomes {@code answers[k]} and the run goes on;
 *                   once they are used up, the next one ends the run
 * @param faultBits  at the k-th page fault (k < 16) on an unmapped page, bit k says whether the page is
 *                   mapped read-write (1) or read-only (0); a fault on a read-only page makes it
 *                   writable; a fault on a read-write page (the 2^32 edge) or the 17th fault ends the run
 * @param restarts   pairs (pc, gas): at the k-th exit that would end the run (panic, trap, halt, or a
 *                   plan exhausted), the machine starts afresh at pc k with that gas, memory and
 *                   registers as they are; once they are used up, the run ends
 * @param maxExits   the run ends after this many exits whatever they are
 * @param stepBlocks compare the engines at every gas block boundary too (not only at exits)
 */
public record FuzzPlan(long[] refills, long[] answers, long faultBits, long[] restarts, int maxExits,
                       boolean stepBlocks) {
    /** Page faults the plan answers at most. */
    public static final int MAX_FAULTS = 16;

    public FuzzPlan {
        refills = refills.clone();
        answers = answers.clone();
        restarts = restarts.clone();
        if (restarts.length % 2 != 0) {
            throw new IllegalArgumentException("restarts are (pc, gas) pairs");
        }
    }

    /** A plan that answers nothing: the first exit ends the run. */
    public static FuzzPlan none() {
        return new FuzzPlan(new long[0], new long[0], 0, new long[0], 1, false);
    }

    @Override
    public long[] refills() {
        return refills.clone();
    }

    @Override
    public long[] answers() {
        return answers.clone();
    }

    @Override
    public long[] restarts() {
        return restarts.clone();
    }

    FuzzPlan withRefills(long[] r) {
        return new FuzzPlan(r, answers, faultBits, restarts, maxExits, stepBlocks);
    }

    FuzzPlan withAnswers(long[] a) {
        return new FuzzPlan(refills, a, faultBits, restarts, maxExits, stepBlocks);
    }

    FuzzPlan withRestarts(long[] r) {
        return new FuzzPlan(refills, answers, faultBits, r, maxExits, stepBlocks);
    }

    FuzzPlan withStepBlocks(boolean s) {
        return new FuzzPlan(refills, answers, faultBits, restarts, maxExits, s);
    }

    /** Equal contents (records compare arrays by identity). */
    boolean sameAs(FuzzPlan o) {
        return java.util.Arrays.equals(refills, o.refills) && java.util.Arrays.equals(answers, o.answers)
                && faultBits == o.faultBits && java.util.Arrays.equals(restarts, o.restarts)
                && maxExits == o.maxExits && stepBlocks == o.stepBlocks;
    }
}
