package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compares two machines after an exit: exit kind, exit pc, exit argument, the pc they continue at,
 * gas, all 13 registers, and optionally the page map (mapped pages and their access) and every byte
 * of every mapped page.
 */
public final class StateComparison {
    /** At most this many differing memory bytes are listed (the rest are counted). */
    public static final int MAX_BYTES_LISTED = 8;

    private StateComparison() {}

    /** Every differing field; empty when the machines agree. */
    public static List<Difference> compare(Machine a, Machine b, boolean memory) {
        List<Difference> out = new ArrayList<>();
        if (a.exitKind() != b.exitKind()) {
            out.add(new Difference("status", id(a), id(b)));
        }
        check(out, "pc", a.exitPc(), b.exitPc());
        check(out, "exit-arg", a.exitArg(), b.exitArg());
        check(out, "resume-pc", a.pc(), b.pc());
        if (a.gas() != b.gas()) {
            out.add(new Difference("gas", Long.toString(a.gas()), Long.toString(b.gas())));
        }
        long[] ra = a.registers();
        long[] rb = b.registers();
        for (int i = 0; i < 13; i++) {
            check(out, "r" + i, ra[i], rb[i]);
        }
        if (memory) {
            memory(a, b, out);
        }
        return out;
    }

    private static String id(Machine vm) {
        return vm.exitKind() == null ? "none" : vm.exitKind().id();
    }

    private static void check(List<Difference> out, String field, long x, long y) {
        if (x != y) {
            out.add(new Difference(field, hex(x), hex(y)));
        }
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** The page map (page → writable) of a machine. */
    static TreeMap<Long, Boolean> pageMap(Machine vm) {
        TreeMap<Long, Boolean> m = new TreeMap<>();
        vm.forEachMappedPage(p -> m.put(p, vm.isWritable(p << 12)));
        return m;
    }

    private static void memory(Machine a, Machine b, List<Difference> out) {
        TreeMap<Long, Boolean> pa = pageMap(a);
        TreeMap<Long, Boolean> pb = pageMap(b);
        TreeMap<Long, Boolean> all = new TreeMap<>(pa);
        all.putAll(pb);
        int listed = 0;
        long unlisted = 0;
        for (long page : all.keySet()) {
            Boolean wa = pa.get(page);
            Boolean wb = pb.get(page);
            if (!Objects.equals(wa, wb)) {
                out.add(new Difference("page " + hex(page << 12), access(wa), access(wb)));
            }
            byte[] x = wa != null ? a.peek(page << 12, 4096) : new byte[4096];
            byte[] y = wb != null ? b.peek(page << 12, 4096) : new byte[4096];
            int at = java.util.Arrays.mismatch(x, y);
            while (at >= 0) {
                if (listed < MAX_BYTES_LISTED) {
                    out.add(new Difference("memory " + hex((page << 12) + at), byteHex(x[at]), byteHex(y[at])));
                    listed++;
                } else {
                    unlisted++;
                }
                int next = java.util.Arrays.mismatch(x, at + 1, 4096, y, at + 1, 4096);
                at = next < 0 ? -1 : at + 1 + next;
            }
        }
        if (unlisted > 0) {
            out.add(new Difference("memory", "(" + unlisted + " more differing bytes)", ""));
        }
    }

    private static String access(Boolean writable) {
        return writable == null ? "unmapped" : writable ? "rw" : "ro";
    }

    private static String byteHex(byte b) {
        return String.format("0x%02x", b & 0xFF);
    }
}
