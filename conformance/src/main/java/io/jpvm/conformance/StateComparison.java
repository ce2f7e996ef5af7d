package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import java.util.ArrayList;
import java.util.List;

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
            MemoryComparison.all(a, b, out);
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
}
