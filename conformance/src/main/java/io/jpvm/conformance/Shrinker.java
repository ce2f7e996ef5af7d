package io.jpvm.conformance;

import io.jpvm.isa.AsmException;
import io.jpvm.isa.CodeBlob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Minimises a failing {@link FuzzCase} while the engines keep diverging in the same way (the same
 * kind of first differing field): empties chunks (halves, quarters, … single ones), drops lines
 * inside chunks, jump table entries, pages and page contents, zeroes registers, trims the exit plan.
 */
public final class Shrinker {
    private final long maxChecks;
    private final String signature;
    private final Function<FuzzInput, LockstepRun.Outcome> check;
    private long checks;

    private Shrinker(String signature, long maxChecks, Function<FuzzInput, LockstepRun.Outcome> check) {
        this.signature = signature;
        this.maxChecks = maxChecks;
        this.check = check;
    }

    /** The kind of the first difference of a divergence: "status", "pc", "gas", "register", "memory", … */
    public static String signature(LockstepRun.Outcome o) {
        if (o.divergence() == null || o.divergence().differences().isEmpty()) {
            return null;
        }
        String f = o.divergence().differences().get(0).field();
        if (f.matches("r\\d+")) {
            return "register";
        }
        int sp = f.indexOf(' ');
        return sp < 0 ? f : f.substring(0, sp);
    }

    /** The smallest case found within {@code maxChecks} lockstep runs that still fails like {@code failing}. */
    public static FuzzCase shrink(FuzzCase failing, LockstepRun.Outcome outcome, long maxChecks) {
        return shrink(failing, outcome, maxChecks, FuzzCheck::run);
    }

    /** As above, judging candidates with {@code check}. */
    static FuzzCase shrink(FuzzCase failing, LockstepRun.Outcome outcome, long maxChecks,
                           Function<FuzzInput, LockstepRun.Outcome> check) {
        return new Shrinker(signature(outcome), maxChecks, check).minimise(failing);
    }

    private boolean fails(FuzzCase c) {
        if (checks >= maxChecks) {
            return false;
        }
        checks++;
        CodeBlob code;
        try {
            code = c.code();
        } catch (AsmException e) {
            return false;
        }
        if (c.entersSbrkDirectly(code)) {
            return false;
        }
        try {
            LockstepRun.Outcome o = check.apply(c.input(code));
            return signature != null && signature.equals(signature(o));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private FuzzCase minimise(FuzzCase start) {
        FuzzCase c = start;
        boolean progress = true;
        while (progress && checks < maxChecks) {
            progress = false;
            FuzzCase next = chunks(c);
            next = lines(next);
            next = table(next);
            next = pages(next);
            next = registers(next);
            next = plan(next);
            progress = !next.sameAs(c);
            c = next;
        }
        return c;
    }

    /** Empties runs of chunks, from half the program down to single chunks. */
    private FuzzCase chunks(FuzzCase c) {
        int n = c.chunks().size();
        for (int size = Math.max(1, n / 2); size >= 1; size /= 2) {
            for (int from = 0; from < n; from += size) {
                List<String> next = new ArrayList<>(c.chunks());
                boolean changed = false;
                for (int k = from; k < Math.min(n, from + size); k++) {
                    changed |= !next.get(k).isEmpty();
                    next.set(k, "");
                }
                if (changed) {
                    c = firstFailing(c, c.withChunks(next));
                }
            }
            if (size == 1) {
                break;
            }
        }
        return c;
    }

    /** Drops single lines of multi-line chunks (operand loads). */
    private FuzzCase lines(FuzzCase c) {
        for (int k = 0; k < c.chunks().size(); k++) {
            String[] lines = c.chunks().get(k).split("\n");
            for (int drop = 0; lines.length > 1 && drop < lines.length; drop++) {
                List<String> kept = new ArrayList<>(Arrays.asList(lines));
                kept.remove(drop);
                List<String> next = new ArrayList<>(c.chunks());
                next.set(k, String.join("\n", kept));
                FuzzCase shorter = firstFailing(c, c.withChunks(next));
                if (shorter != c) {
                    c = shorter;
                    lines = kept.toArray(String[]::new);
                    drop--;
                }
            }
        }
        return c;
    }

    /**
     * {@code candidate} (c with other chunks) with its raw pcs relocated if that fails, else as it is if
     * that fails, else {@code c}.
     */
    private FuzzCase firstFailing(FuzzCase c, FuzzCase candidate) {
        FuzzCase relocated;
        try {
            relocated = PcRelocation.apply(c, candidate);
        } catch (RuntimeException e) {
            relocated = null;
        }
        if (relocated != null && fails(relocated)) {
            return relocated;
        }
        if (fails(candidate)) {
            return candidate;
        }
        return c;
    }

    private FuzzCase table(FuzzCase c) {
        for (int k = c.jumpTable().size() - 1; k >= 0; k--) {
            List<String> next = new ArrayList<>(c.jumpTable());
            next.remove(k);
            if (fails(c.withJumpTable(next))) {
                c = c.withJumpTable(next);
            }
        }
        return c;
    }

    private FuzzCase pages(FuzzCase c) {
        for (int k = c.pages().size() - 1; k >= 0; k--) {
            List<FuzzPage> next = new ArrayList<>(c.pages());
            next.remove(k);
            if (fails(c.withPages(next))) {
                c = c.withPages(next);
            }
        }
        for (int k = 0; k < c.pages().size(); k++) {
            if (c.pages().get(k).contents() == null) {
                continue;
            }
            List<FuzzPage> next = new ArrayList<>(c.pages());
            next.set(k, next.get(k).zeroed());
            if (fails(c.withPages(next))) {
                c = c.withPages(next);
            }
        }
        return c;
    }

    private FuzzCase registers(FuzzCase c) {
        for (int i = 0; i < 13; i++) {
            long[] regs = c.regs();
            if (regs[i] == 0) {
                continue;
            }
            regs[i] = 0;
            if (fails(c.withRegs(regs))) {
                c = c.withRegs(regs);
            }
        }
        return c;
    }

    private FuzzCase plan(FuzzCase c) {
        if (c.startPc() != 0) {
            FuzzCase zero = new FuzzCase(c.seed(), c.profile(), c.memCycles(), c.chunks(), c.jumpTable(), c.pages(),
                    c.regs(), 0, c.heapStart(), c.gas(), c.plan(), c.assembled());
            if (fails(zero)) {
                c = zero;
            }
        }
        for (int k = c.plan().restarts().length - 2; k >= 0; k -= 2) {
            long[] r = c.plan().restarts();
            long[] fewer = new long[r.length - 2];
            System.arraycopy(r, 0, fewer, 0, k);
            System.arraycopy(r, k + 2, fewer, k, r.length - k - 2);
            if (fails(c.withPlan(c.plan().withRestarts(fewer)))) {
                c = c.withPlan(c.plan().withRestarts(fewer));
            }
        }
        FuzzPlan p = c.plan();
        if (p.stepBlocks() && fails(c.withPlan(p.withStepBlocks(false)))) {
            c = c.withPlan(p.withStepBlocks(false));
        }
        c = trim(c, 0);
        c = trim(c, 1);
        c = trim(c, 2);
        return c;
    }

    /** Drops trailing refills (0), answers (1) or restarts (2) while the case still fails. */
    private FuzzCase trim(FuzzCase c, int which) {
        while (true) {
            FuzzPlan p = c.plan();
            FuzzPlan q = switch (which) {
                case 0 -> p.refills().length == 0 ? null : p.withRefills(Arrays.copyOf(p.refills(), p.refills().length - 1));
                case 1 -> p.answers().length == 0 ? null : p.withAnswers(Arrays.copyOf(p.answers(), p.answers().length - 1));
                default -> p.restarts().length == 0 ? null
                        : p.withRestarts(Arrays.copyOf(p.restarts(), p.restarts().length - 2));
            };
            if (q == null || !fails(c.withPlan(q))) {
                return c;
            }
            c = c.withPlan(q);
        }
    }
}
