package io.jpvm.conformance;

/** How a block-stepped {@link LockstepRun} compares memory at block boundaries. */
public enum MemoryChecking {
    /**
     * Every page of both machines after every block that can store: a divergence is reported at the
     * very block that caused it, at a cost that grows with the mapped memory (for replaying one case).
     */
    EVERY_STORING_BLOCK,
    /**
     * The pages the reference changed in the block, plus every page at a bounded amortized cost (see
     * {@link StepMemoryCheck}): for fuzzing, where cases with large heaps must stay fast.
     */
    CHANGED_PAGES
}
