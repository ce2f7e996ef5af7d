package io.jpvm.conformance;

import io.jpvm.kernel.Engine;
import io.jpvm.kernel.Invocation;
import io.jpvm.kernel.KernelResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Runs a kernel program on two kernel engines in lockstep, pause by pause: after every
 * {@code Invocation.run()} (each protocol call the embedder answers, and the end) it compares the
 * result, the active VM's registers, gas and pc, the call depth, live and created VMs, pages in use,
 * and the DATA cap contents of the active VM; the embedder answers protocol calls identically on both.
 */
public final class KernelCheck {
    /** Protocol calls answered before the comparison stops. */
    static final int MAX_PAUSES = 64;

    /**
     * The comparison.
     *
     * @param differences the first differing fields (empty: identical)
     * @param pauses      pauses compared (protocol calls and the end)
     * @param result      the reference's final result (or the pause where they differed)
     */
    public record Outcome(List<Difference> differences, long pauses, String result) {
        public boolean identical() {
            return differences.isEmpty();
        }
    }

    private KernelCheck() {}

    /** The case on the interpreter against the recompiler's kernel engine. */
    public static Outcome run(KernelCase c) {
        return run(c.blob(), c.gas(), c.answers(), Engine.interpreter(),
                KernelEngines.recompiler().orElseThrow(() -> new UnsupportedOperationException(
                        "this build has no recompiler kernel engine")));
    }

    /** {@code blob} with {@code gas} on engines {@code a} (reference) and {@code b}. */
    public static Outcome run(byte[] blob, long gas, long[] answers, Engine a, Engine b) {
        try (Invocation x = Invocation.builder(blob).gas(gas).engine(a).build();
             Invocation y = Invocation.builder(blob).gas(gas).engine(b).build()) {
            for (int pause = 0; pause <= MAX_PAUSES; pause++) {
                String rx;
                String ry;
                try {
                    rx = describe(x.run());
                } catch (RuntimeException e) {
                    return new Outcome(List.of(new Difference("exception", e.toString(), "(not run)")), pause, "exception");
                }
                try {
                    ry = describe(y.run());
                } catch (RuntimeException e) {
                    return new Outcome(List.of(new Difference("exception", "(none)", e.toString())), pause, rx);
                }
                List<Difference> d = compare(x, rx, y, ry);
                if (!d.isEmpty() || !rx.startsWith("protocol-call") || pause == MAX_PAUSES) {
                    return new Outcome(d, pause + 1, rx);
                }
                long answer = pause < answers.length ? answers[pause] : io.jpvm.kernel.KernelCodes.WHAT;
                x.resumeProtocolCall(answer, pause);
                y.resumeProtocolCall(answer, pause);
            }
            throw new AssertionError("unreachable");
        }
    }

    private static String describe(KernelResult r) {
        return switch (r) {
            case KernelResult.Halt h -> "halt " + Long.toUnsignedString(h.value());
            case KernelResult.Panic p -> "panic";
            case KernelResult.OutOfGas o -> "out-of-gas";
            case KernelResult.PageFault f -> "page-fault 0x" + Long.toHexString(f.address());
            case KernelResult.ProtocolCall c -> "protocol-call " + c.slot();
        };
    }

    private static List<Difference> compare(Invocation x, String rx, Invocation y, String ry) {
        List<Difference> out = new ArrayList<>();
        field(out, "result", rx, ry);
        long[] a = x.activeRegisters();
        long[] b = y.activeRegisters();
        for (int i = 0; i < 13; i++) {
            if (a[i] != b[i]) {
                out.add(new Difference("r" + i, StateComparison.hex(a[i]), StateComparison.hex(b[i])));
            }
        }
        field(out, "gas", x.activeGas(), y.activeGas());
        field(out, "pc", x.activePc(), y.activePc());
        field(out, "call-depth", x.callDepth(), y.callDepth());
        field(out, "vms-live", x.liveVms(), y.liveVms());
        field(out, "vms-created", x.vmsCreated(), y.vmsCreated());
        field(out, "pages-in-use", x.pagesInUse(), y.pagesInUse());
        field(out, "protocol-calls", x.protocolCalls(), y.protocolCalls());
        for (int slot : new int[] {KernelCase.DATA_SLOT, KernelChunks.RETYPED_SLOTS[0], KernelChunks.RETYPED_SLOTS[1]}) {
            String da = dataCap(x, slot);
            String db = dataCap(y, slot);
            if (!da.equals(db)) {
                out.add(new Difference("data-cap " + slot, da, db));
            }
        }
        return out;
    }

    /** The first page of a DATA cap of the active VM as a short fingerprint, or what reading it raised. */
    private static String dataCap(Invocation inv, int slot) {
        try {
            byte[] b = inv.readDataCap(slot, 0, 4096);
            return "hash " + Integer.toHexString(Arrays.hashCode(b)) + " first bytes "
                    + java.util.HexFormat.of().formatHex(b, 0, 16);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static void field(List<Difference> out, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(new Difference(name, String.valueOf(a), String.valueOf(b)));
        }
    }
}
