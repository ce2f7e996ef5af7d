package io.jpvm.conformance;

import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.interpreter.Machine;
import java.util.List;

/**
 * The memory part of the comparisons one {@link LockstepRun} makes: after set-up, after every real
 * exit and at the end every page of both machines ({@link #full}); at block boundaries what
 * {@link MemoryChecking} asks for ({@link #afterBlock}).
 *
 * <p>{@link MemoryChecking#CHANGED_PAGES}, when the reference is an {@link Interpreter} whose memory
 * nobody else watches: the reference's {@link GuestMemory} records every page that the block's
 * stores wrote, that sbrk mapped, and that was mapped, unmapped, re-protected or poked since the
 * last comparison, and after the block exactly those pages are compared on both machines, access
 * and every byte. That covers everything the reference did, including heap growth, exactly and at
 * the block where it happened. What the reference cannot report is a write by the other machine to
 * a page the reference left alone (a miscompiled address, a store of the wrong width across a page
 * end), nor a page the other machine alone mapped or re-protected: the other machine is a black box
 * here, and reading its memory to find out what changed costs as much as comparing it. Those are
 * caught by a full comparison, which runs after set-up, after every real exit, at the end of the run,
 * and after a storing block whenever {@code storing blocks since the last full comparison ×
 * PAGES_PER_BLOCK ≥ pages the reference mapped then}. (What the exit policy changes on both machines
 * between runs is recorded on the reference like any other change.) So:
 * <ul>
 *   <li>a memory of at most {@link #PAGES_PER_BLOCK} pages (most fuzz cases) is compared in full
 *       after every storing block, exactly as {@link MemoryChecking#EVERY_STORING_BLOCK} does;</li>
 *   <li>a larger one at least every {@code pages / PAGES_PER_BLOCK} storing blocks, so full
 *       comparisons cost at most {@code PAGES_PER_BLOCK} pages per storing block amortized, however
 *       far the heap grows;</li>
 *   <li>a stray write of the other machine is reported at the next full comparison (at the latest
 *       the one at the end of the run) instead of at its own block; it escapes only if both engines
 *       later overwrite those very bytes with the same values before then, leaving no trace in memory
 *       (had the guest read them in between, registers would have differed). {@code jpvm diff}
 *       replays a case with {@link MemoryChecking#EVERY_STORING_BLOCK} to pin it to its block.</li>
 * </ul>
 * Any other reference, or {@link MemoryChecking#EVERY_STORING_BLOCK}, compares every page after
 * every block that can store. Not thread-safe; {@link #close()} stops the watching.
 */
final class StepMemoryCheck implements AutoCloseable {
    /** Pages a storing block may cost in full comparisons, amortized (see the class comment). */
    static final long PAGES_PER_BLOCK = 16;

    private final Machine ref;
    private final Machine other;
    /** The reference's memory while it is watched for changes; null: every storing block is compared in full. */
    private final GuestMemory watched;
    private long storingSinceFull;
    private long pagesAtFull;

    private StepMemoryCheck(Machine ref, Machine other, GuestMemory watched) {
        this.ref = ref;
        this.other = other;
        this.watched = watched;
        if (watched != null) {
            watched.watchChanges();
        }
    }

    /** The check for one run of {@code ref} (the reference) against {@code other}. */
    static StepMemoryCheck of(Machine ref, Machine other, MemoryChecking mode) {
        GuestMemory m = mode == MemoryChecking.CHANGED_PAGES && ref instanceof Interpreter i ? i.memory() : null;
        return new StepMemoryCheck(ref, other, m != null && !m.watchingChanges() ? m : null);
    }

    /** Whether only changed pages are compared at block boundaries (between full comparisons). */
    boolean watching() {
        return watched != null;
    }

    /** Compares every page of both machines into {@code out}. */
    void full(List<Difference> out) {
        if (watched != null) {
            watched.takeChangedPages(); // all covered now
        }
        pagesAtFull = MemoryComparison.all(ref, other, out);
        storingSinceFull = 0;
    }

    /**
     * Compares after a block step into {@code out}; {@code stores}: whether the block can write
     * memory (store or sbrk).
     */
    void afterBlock(boolean stores, List<Difference> out) {
        if (watched == null) {
            if (stores) {
                full(out);
            }
            return;
        }
        if (stores && ++storingSinceFull * PAGES_PER_BLOCK >= pagesAtFull) {
            full(out);
        } else {
            MemoryComparison.pages(ref, other, watched.takeChangedPages(), out);
        }
    }

    /** Stops watching the reference's memory. */
    @Override
    public void close() {
        if (watched != null) {
            watched.unwatchChanges();
        }
    }
}
