package io.jpvm.cli.internal;

import io.jpvm.conformance.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The fields in which two runs of one program ended differently (timings aside). */
final class RunComparison {
    private RunComparison() {}

    /** "field: NAME1 X, NAME2 Y" for every differing field; empty when the runs agree. */
    static List<String> differences(RunResult a, String nameA, RunResult b, String nameB) {
        List<String> out = new ArrayList<>();
        field(out, "status", a.status(), nameA, b.status(), nameB);
        field(out, "pc", a.pc(), nameA, b.pc(), nameB);
        for (int i = 0; i < 13; i++) {
            if (a.regs()[i] != b.regs()[i]) {
                field(out, "r" + i, "0x" + Long.toHexString(a.regs()[i]), nameA, "0x" + Long.toHexString(b.regs()[i]),
                        nameB);
            }
        }
        field(out, "gas left", a.gasLeft(), nameA, b.gasLeft(), nameB);
        field(out, "fault address", a.faultAddress(), nameA, b.faultAddress(), nameB);
        field(out, "host call", a.hostCallId(), nameA, b.hostCallId(), nameB);
        field(out, "VMs live", a.vmsLive(), nameA, b.vmsLive(), nameB);
        return out;
    }

    private static void field(List<String> out, String name, Object x, String nameA, Object y, String nameB) {
        if (!Objects.equals(x, y)) {
            out.add(name + ": " + nameA + " " + x + ", " + nameB + " " + y);
        }
    }
}
