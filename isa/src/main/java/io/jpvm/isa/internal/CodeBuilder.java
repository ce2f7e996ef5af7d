package io.jpvm.isa.internal;

import io.jpvm.isa.AsmException;
import io.jpvm.isa.CodeBlob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the code items of a source file (fixed byte runs and label-dependent branches), labels and
 * jump-table targets, then lays the code out. Branch offsets start at their minimal width and only
 * grow until every offset fits (the usual monotone relaxation), so the layout always terminates.
 */
public final class CodeBuilder {
    private sealed interface Item permits Fixed, Branch {}

    /** Bytes with the bitmask bit of the first one set when {@code start}; the others 0. */
    private record Fixed(byte[] bytes, boolean start) implements Item {}

    /** An instruction whose offset depends on where {@code target} lands. */
    private static final class Branch implements Item {
        final InsnFields fields;
        final Operands.Target target;
        final int line;
        final int baseSize;
        int width;

        Branch(InsnFields fields, Operands.Target target, int line) {
            this.fields = fields;
            this.target = target;
            this.line = line;
            this.baseSize = Encoding.encode(fields.withOffset(0), 0).length;
        }

        int size() {
            return baseSize + width;
        }
    }

    private record Label(int item, int line) {}

    private record TableRef(Operands.Target target, int line) {}

    private final List<Item> items = new ArrayList<>();
    private final Map<String, Label> labels = new HashMap<>();
    private final List<TableRef> table = new ArrayList<>();

    /** Defines {@code name} at the current position. */
    public void label(String name, int line) {
        Label old = labels.putIfAbsent(name, new Label(items.size(), line));
        if (old != null) {
            throw new AsmFailure("duplicate label '" + name + "' (first defined on line " + old.line() + ")");
        }
    }

    /** An instruction in its final encoding (its first byte starts an instruction). */
    public void instruction(byte[] bytes) {
        items.add(new Fixed(bytes, true));
    }

    /** Bytes whose bitmask bits are all 0. */
    public void data(byte[] bytes) {
        items.add(new Fixed(bytes, false));
    }

    /** A branch or jump to {@code target}; {@code fields.offset()} is filled in by the layout. */
    public void branch(InsnFields fields, Operands.Target target, int line) {
        items.add(new Branch(fields, target, line));
    }

    /** Appends a jump-table entry. */
    public void jumpTableEntry(Operands.Target target, int line) {
        table.add(new TableRef(target, line));
    }

    /** Lays out the code and resolves every label. */
    public CodeBlob build() {
        long[] pos = relax();
        int len = (int) pos[items.size()];
        byte[] code = new byte[len];
        boolean[] mask = new boolean[len];
        for (int i = 0; i < items.size(); i++) {
            int at = (int) pos[i];
            byte[] bytes;
            boolean start;
            if (items.get(i) instanceof Fixed f) {
                bytes = f.bytes();
                start = f.start();
            } else {
                Branch b = (Branch) items.get(i);
                bytes = Encoding.encode(b.fields.withOffset(resolve(b.target, b.line, pos) - at), b.width);
                start = true;
            }
            System.arraycopy(bytes, 0, code, at, bytes.length);
            if (start && bytes.length > 0) {
                mask[at] = true;
            }
        }
        int[] jt = new int[table.size()];
        for (int i = 0; i < jt.length; i++) {
            TableRef t = table.get(i);
            long pc = resolve(t.target(), t.line(), pos);
            if (pc < 0 || pc > 0xFFFF_FFFFL) {
                throw new AsmException(t.line(), "jump table target " + t.target() + " not in 0..4294967295");
            }
            jt[i] = (int) pc;
        }
        return new CodeBlob(code, mask, jt);
    }

    private long[] relax() {
        long[] pos = positions();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Branch b) {
                    long offset = resolve(b.target, b.line, pos) - pos[i];
                    int need = Encoding.width(offset);
                    if (need < 0) {
                        throw new AsmException(b.line, "target " + b.target + " is " + offset
                                + " bytes away, more than a 32-bit offset reaches");
                    }
                    if (need > b.width) {
                        b.width = need;
                        changed = true;
                    }
                }
            }
            if (changed) {
                pos = positions();
            }
        }
        return pos;
    }

    private long[] positions() {
        long[] pos = new long[items.size() + 1];
        long p = 0;
        for (int i = 0; i < items.size(); i++) {
            pos[i] = p;
            p += items.get(i) instanceof Fixed f ? f.bytes().length : ((Branch) items.get(i)).size();
        }
        pos[items.size()] = p;
        if (p > Integer.MAX_VALUE - 16) {
            throw new AsmException(0, "code of " + p + " bytes is too large");
        }
        return pos;
    }

    private long resolve(Operands.Target t, int line, long[] pos) {
        if (t.label() == null) {
            return t.pc();
        }
        Label l = labels.get(t.label());
        if (l == null) {
            throw new AsmException(line, "unknown label '" + t.label() + "'");
        }
        return pos[l.item()];
    }
}
