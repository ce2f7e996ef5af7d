package io.jpvm.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps raw pcs (start and restart pcs, {@code @pc} targets) pointing into the same chunk when the
 * shrinker empties other chunks: a pc at offset d into chunk k moves to chunk k's new start + d
 * (to its label if chunk k itself was emptied).
 */
final class PcRelocation {
    private static final Pattern RAW_TARGET = Pattern.compile("@(\\d+)");

    private final int[] before;
    private final int[] after;
    private final List<String> chunksBefore;
    private final List<String> chunksAfter;

    private PcRelocation(FuzzCase from, FuzzCase to) {
        this.before = from.labelPcs();
        this.after = to.labelPcs();
        this.chunksBefore = from.chunks();
        this.chunksAfter = to.chunks();
    }

    /** {@code to} (same as {@code from} except for its chunks) with every raw pc of {@code from} relocated. */
    static FuzzCase apply(FuzzCase from, FuzzCase to) {
        PcRelocation r = new PcRelocation(from, to);
        List<String> chunks = new ArrayList<>();
        for (String c : to.chunks()) {
            chunks.add(r.targets(c));
        }
        List<String> table = new ArrayList<>();
        for (String t : to.jumpTable()) {
            table.add(r.targets(t));
        }
        long[] restarts = to.plan().restarts();
        for (int k = 0; k < restarts.length; k += 2) {
            restarts[k] = r.map(restarts[k]);
        }
        return new FuzzCase(to.seed(), to.profile(), to.memCycles(), chunks, table, to.pages(), to.regs(),
                r.map(to.startPc()), to.heapStart(), to.gas(), to.plan().withRestarts(restarts), null);
    }

    /** The relocated pc. */
    long map(long pc) {
        int n = before.length - 1;
        int k = n;
        for (int i = 0; i < n; i++) {
            if (pc >= before[i] && pc < before[i + 1]) {
                k = i;
                break;
            }
        }
        if (pc < before[0]) {
            return pc;
        }
        if (k < n && !chunksAfter.get(k).equals(chunksBefore.get(k))) {
            return after[k];
        }
        return after[k] + (pc - before[k]);
    }

    private String targets(String text) {
        if (text.indexOf('@') < 0) {
            return text;
        }
        Matcher m = RAW_TARGET.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "@" + map(Long.parseLong(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
