package io.jpvm.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Compares an {@link Outcome} with a vector's expectations field by field. */
public final class VectorCheck {
    private VectorCheck() {}

    /** Every differing field as "field: expected X, got Y"; empty when the outcome matches. */
    public static List<String> differences(Vector v, Outcome o) {
        List<String> diffs = new ArrayList<>();
        if (!v.expectedStatus().equals(o.status())) {
            diffs.add("status: expected " + v.expectedStatus() + ", got " + o.status());
        }
        if (v.expectedPc() != o.pc()) {
            diffs.add("pc: expected " + v.expectedPc() + ", got " + o.pc());
        }
        for (int i = 0; i < 13; i++) {
            if (v.expectedRegs()[i] != o.regs()[i]) {
                diffs.add("r" + i + ": expected " + Long.toUnsignedString(v.expectedRegs()[i]) + ", got "
                        + Long.toUnsignedString(o.regs()[i]));
            }
        }
        if (v.expectedGas() != o.gas()) {
            diffs.add("gas: expected " + v.expectedGas() + ", got " + o.gas());
        }
        if ("page-fault".equals(v.expectedStatus())) {
            Long want = v.expectedPageFaultAddress();
            if (want == null ? o.pageFaultAddress() != null : !want.equals(o.pageFaultAddress())) {
                diffs.add("page-fault-address: expected " + hex(want) + ", got " + hex(o.pageFaultAddress()));
            }
        }
        SortedMap<Long, Byte> want = new TreeMap<>();
        for (Vector.MemoryChunk c : v.expectedMemory()) {
            for (int i = 0; i < c.contents().length; i++) {
                if (c.contents()[i] != 0) {
                    want.put(c.address() + i, c.contents()[i]);
                }
            }
        }
        if (!want.equals(o.memory())) {
            diffs.add("memory: " + firstMemoryDifference(want, o.memory()));
        }
        return diffs;
    }

    private static String hex(Long v) {
        return v == null ? "none" : "0x" + Long.toHexString(v);
    }

    private static String firstMemoryDifference(SortedMap<Long, Byte> want, SortedMap<Long, Byte> got) {
        TreeMap<Long, Byte> all = new TreeMap<>(want);
        all.putAll(got);
        for (Map.Entry<Long, Byte> e : all.entrySet()) {
            Byte w = want.get(e.getKey());
            Byte g = got.get(e.getKey());
            if (w == null || !w.equals(g)) {
                return "byte at 0x" + Long.toHexString(e.getKey()) + ": expected " + (w == null ? 0 : w & 0xFF)
                        + ", got " + (g == null ? 0 : g & 0xFF);
            }
        }
        return "differs";
    }
}
