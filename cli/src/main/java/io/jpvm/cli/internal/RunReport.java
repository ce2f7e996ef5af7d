package io.jpvm.cli.internal;

import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats a {@link RunResult} as text or as the one-line JSON object of {@code jpvm run --json}. */
final class RunReport {
    private RunReport() {}

    static String json(RunResult r) {
        List<String> regs = new ArrayList<>(13);
        for (long v : r.regs()) {
            regs.add(Long.toUnsignedString(v));
        }
        return new JsonObject()
                .put("status", r.status())
                .put("pc", r.pc())
                .put("result", Long.toUnsignedString(r.result()))
                .putStrings("regs", regs)
                .put("gas_used", r.gasUsed())
                .put("gas_left", r.gasLeft())
                .putNullable("fault_address", r.faultAddress())
                .put("vms_live", r.vmsLive())
                .put("vms_created", r.vmsCreated())
                .put("elapsed_ms", r.elapsedNanos() / 1e6, 3)
                .toString();
    }

    static String text(RunResult r, LoadedProgram p, String engine) {
        StringBuilder sb = new StringBuilder();
        line(sb, "program", p.format().id() + ", profile " + p.profile().id() + ", engine " + engine);
        line(sb, "status", r.status());
        line(sb, "pc", Long.toString(r.pc()));
        line(sb, "φ7", Long.toUnsignedString(r.result()) + " (0x" + Long.toHexString(r.result()) + ")");
        if (r.faultAddress() != null) {
            line(sb, "fault address", "0x" + Long.toHexString(r.faultAddress()));
        }
        if (r.hostCallId() != null) {
            line(sb, "host call", Long.toString(r.hostCallId()));
        }
        line(sb, "gas used", String.format(Locale.ROOT, "%,d (given %,d, left %,d; init %,d)",
                r.gasUsed(), r.gasGiven(), r.gasLeft(), p.initGas()));
        if (r.hostCalls() > 0) {
            line(sb, "host calls", Long.toString(r.hostCalls()));
        }
        if (p.runsOnKernel()) {
            line(sb, "VMs", String.format(Locale.ROOT, "%,d live, %,d created", r.vmsLive(), r.vmsCreated()));
        }
        line(sb, "run time", String.format(Locale.ROOT, "%.3f ms", r.elapsedNanos() / 1e6));
        return sb.toString().stripTrailing();
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "%-14s%s%n", label, value));
    }
}
