package io.jpvm.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Minimises a failing {@link KernelCase} while the engines keep differing in the same first field:
 * empties chunks of VM 0's and the children's code (halves down to single chunks), drops lines inside
 * chunks, trims the protocol-call answers.
 */
final class KernelShrinker {
    private final String signature;
    private final long maxChecks;
    private final Function<KernelCase, KernelCheck.Outcome> check;
    private long checks;

    private KernelShrinker(String signature, long maxChecks, Function<KernelCase, KernelCheck.Outcome> check) {
        this.signature = signature;
        this.maxChecks = maxChecks;
        this.check = check;
    }

    static String signature(KernelCheck.Outcome o) {
        if (o.differences().isEmpty()) {
            return null;
        }
        String f = o.differences().get(0).field();
        return f.matches("r\\d+") ? "register" : f;
    }

    static KernelCase shrink(KernelCase c, KernelCheck.Outcome o, long maxChecks,
                             Function<KernelCase, KernelCheck.Outcome> check) {
        KernelShrinker s = new KernelShrinker(signature(o), maxChecks, check);
        KernelCase cur = c;
        while (s.checks < maxChecks) {
            KernelCase next = s.chunks(cur, true);
            next = s.chunks(next, false);
            next = s.lines(next, true);
            next = s.lines(next, false);
            next = s.answers(next);
            if (next.rootChunks().equals(cur.rootChunks()) && next.childChunks().equals(cur.childChunks())
                    && next.answers().length == cur.answers().length) {
                return next;
            }
            cur = next;
        }
        return cur;
    }

    private boolean fails(KernelCase c) {
        if (checks >= maxChecks) {
            return false;
        }
        checks++;
        try {
            return signature != null && signature.equals(signature(check.apply(c)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<String> of(KernelCase c, boolean root) {
        return root ? c.rootChunks() : c.childChunks();
    }

    private static KernelCase with(KernelCase c, boolean root, List<String> chunks) {
        return root ? c.withRoot(chunks) : c.withChild(chunks);
    }

    private KernelCase chunks(KernelCase c, boolean root) {
        int n = of(c, root).size();
        for (int size = Math.max(1, n / 2); ; size /= 2) {
            for (int from = 0; from < n; from += size) {
                List<String> next = new ArrayList<>(of(c, root));
                boolean changed = false;
                for (int k = from; k < Math.min(n, from + size); k++) {
                    changed |= !next.get(k).isEmpty();
                    next.set(k, "");
                }
                if (changed && fails(with(c, root, next))) {
                    c = with(c, root, next);
                }
            }
            if (size <= 1) {
                return c;
            }
        }
    }

    private KernelCase lines(KernelCase c, boolean root) {
        for (int k = 0; k < of(c, root).size(); k++) {
            List<String> lines = new ArrayList<>(Arrays.asList(of(c, root).get(k).split("\n")));
            for (int drop = 0; lines.size() > 1 && drop < lines.size(); drop++) {
                List<String> kept = new ArrayList<>(lines);
                kept.remove(drop);
                List<String> next = new ArrayList<>(of(c, root));
                next.set(k, String.join("\n", kept));
                if (fails(with(c, root, next))) {
                    c = with(c, root, next);
                    lines = kept;
                    drop--;
                }
            }
        }
        return c;
    }

    private KernelCase answers(KernelCase c) {
        while (c.answers().length > 0) {
            KernelCase next = c.withAnswers(Arrays.copyOf(c.answers(), c.answers().length - 1));
            if (!fails(next)) {
                return c;
            }
            c = next;
        }
        return c;
    }
}
