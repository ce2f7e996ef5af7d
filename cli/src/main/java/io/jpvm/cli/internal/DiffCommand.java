package io.jpvm.cli.internal;

import io.jpvm.conformance.BlockDiff;
import io.jpvm.conformance.Difference;
import io.jpvm.conformance.FuzzInput;
import io.jpvm.conformance.KernelCheck;
import io.jpvm.conformance.KernelDiff;
import io.jpvm.conformance.KernelReproducer;
import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.LockstepRun;
import io.jpvm.conformance.MachineEngine;
import io.jpvm.conformance.Reproducer;
import io.jpvm.conformance.RunResult;
import io.jpvm.isa.AsmException;
import io.jpvm.kernel.InvalidProgramException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jpvm diff}: one program on both engines, compared block by block. */
@Command(name = "diff", sortOptions = false,
        description = {"Run a program on the interpreter and the recompiler and compare them at every gas block "
                + "boundary and every exit (status, pc, registers, gas, memory).",
                "Prints 'identical' with the final status, or the first block at which the engines diverge and "
                        + "every differing field. FILE may also be a 'jpvm fuzz' reproducer (its header gives "
                        + "memory, registers, gas and exit plan). JAR v2 programs (javm) are compared on the "
                        + "capability kernel, final results only.",
                "Exit code 0 when identical, 1 when they diverge."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProgramOptions program;

    @Option(names = "--gas", paramLabel = "N", converter = RunCommand.GasConverter.class,
            description = "Gas to give, initialisation charges included (default: 10^9; a reproducer's own).")
    Long gas;

    @Option(names = "--reg", paramLabel = "I=V", converter = RegisterAssignment.Converter.class,
            description = "Set register I (0..12) to V before the run. Repeatable.")
    List<RegisterAssignment> regs = new ArrayList<>();

    @Option(names = "--pc", paramLabel = "N", defaultValue = "0", converter = RunCommand.PcConverter.class,
            description = "Start pc (default: 0; not for JAR v2 programs or reproducers).")
    long pc;

    @Option(names = "--machine-level",
            description = "JAR v2 (javm): compare the invoke code on one machine block by block (ecalli 0 halts, "
                    + "protocol caps answered, other kernel calls stop) instead of on the kernel.")
    boolean machineLevel;

    @Override
    public Integer call() {
        if (!MachineEngine.RECOMPILER.available()) {
            throw new UsageException("diff: " + MachineEngine.RECOMPILER.unavailableReason());
        }
        long[] values = new long[13];
        boolean[] set = new boolean[13];
        for (RegisterAssignment r : regs) {
            values[r.index()] = r.value();
            set[r.index()] = true;
        }
        byte[] bytes = program.bytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        boolean same;
        if (KernelReproducer.isKernelReproducer(text)) {
            same = kernelReproducer(out, text);
        } else if (Reproducer.isReproducer(text)) {
            same = reproducer(out, text, values, set);
        } else {
            LoadedProgram loaded = program.loadRunnable();
            if (loaded.runsOnKernel() && pc != 0) {
                throw new UsageException(program.file + ": --pc is not available for JAR v2 programs");
            }
            long g = gas != null ? gas : RunCommand.DEFAULT_GAS;
            same = loaded.runsOnKernel() && KernelDiff.available() && !machineLevel
                    ? kernel(out, loaded, g, values, set) : machine(out, loaded, g, values, set);
        }
        out.flush();
        return same ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private boolean reproducer(PrintWriter out, String text, long[] values, boolean[] set) {
        FuzzInput in;
        try {
            in = Reproducer.parse(text);
        } catch (IllegalArgumentException | AsmException e) {
            throw new UsageException(program.file + ": " + e.getMessage());
        }
        BlockDiff.Result r = BlockDiff.reproducer(in, gas, values, set);
        line(out, "program", String.format(Locale.ROOT, "fuzz reproducer (seed %d), profile %s, gas model %s, "
                + "block by block with its exit plan", in.seed(), in.profile().id(), in.gasModelName()));
        return report(out, r, null);
    }

    private boolean kernelReproducer(PrintWriter out, String text) {
        if (!KernelDiff.available()) {
            throw new UsageException(program.file + ": a kernel reproducer needs the recompiler kernel engine, "
                    + "which this build has not");
        }
        KernelReproducer.Input in;
        try {
            in = KernelReproducer.parse(text);
        } catch (IllegalArgumentException | AsmException e) {
            throw new UsageException(program.file + ": " + e.getMessage());
        }
        KernelCheck.Outcome o = KernelCheck.run(in.blob(), gas != null ? gas : in.gas(), in.answers(),
                io.jpvm.kernel.Engine.interpreter(), io.jpvm.conformance.KernelEngines.recompiler().orElseThrow());
        line(out, "program", "kernel fuzz reproducer (seed " + in.seed() + "), capability kernel, compared at every "
                + "protocol call and at the end");
        if (o.identical()) {
            line(out, "identical", count(o.pauses(), "pause", "pauses") + " compared");
            line(out, "result", o.result());
            return true;
        }
        line(out, "DIFFERENT", "at pause " + o.pauses() + " (interpreter: " + o.result() + ")");
        for (Difference f : o.differences()) {
            out.println("  " + f.describe("interpreter", "recompiler"));
        }
        return false;
    }

    private boolean machine(PrintWriter out, LoadedProgram p, long g, long[] values, boolean[] set) {
        if (Long.compareUnsigned(g, p.initGas()) < 0) {
            throw new UsageException(program.file + ": --gas " + g + " does not cover the initialisation charge of "
                    + p.initGas());
        }
        String how = !p.runsOnKernel() || machineLevel ? "machine level, block by block"
                : "machine level (no recompiler kernel engine in this build), block by block";
        BlockDiff.Result r = BlockDiff.machine(p, g, values, set, pc);
        line(out, "program", p.format().id() + ", profile " + p.profile().id() + ", " + how);
        return report(out, r, g);
    }

    /** {@code given}: the gas given (then gas used = given − left, as jpvm run says), or null for execution gas. */
    private boolean report(PrintWriter out, BlockDiff.Result r, Long given) {
        LockstepRun.Outcome o = r.outcome();
        if (o.identical()) {
            line(out, "identical", String.format(Locale.ROOT, "%s and %s compared", count(o.blocks(), "block boundary",
                    "block boundaries"), count(o.exits(), "exit", "exits")));
            line(out, "status", r.status());
            line(out, "pc", Long.toString(r.exitPc()));
            line(out, "φ7", Long.toUnsignedString(r.regs()[7]) + " (0x" + Long.toHexString(r.regs()[7]) + ")");
            if (r.faultAddress() != null) {
                line(out, "fault address", "0x" + Long.toHexString(r.faultAddress()));
            }
            if (given != null) {
                line(out, "gas used", String.format(Locale.ROOT, "%,d (given %,d, left %,d)", given - r.gasLeft(), given,
                        r.gasLeft()));
            } else {
                line(out, "gas used", String.format(Locale.ROOT, "%,d by execution (left %,d)", o.gasUsed(),
                        r.gasLeft()));
            }
            return true;
        }
        LockstepRun.Divergence d = o.divergence();
        String where = d.atExit()
                ? String.format(Locale.ROOT, "at the exit (%s) of the run from pc %d",
                        d.exit() == null ? "exception" : d.exit().id(), d.blockPc())
                : String.format(Locale.ROOT, "after the block at pc %d", d.blockPc());
        line(out, "DIVERGED", String.format(Locale.ROOT, "%s (%s and %s identical before; gas used before it %,d)",
                where, count(o.blocks(), "block boundary", "block boundaries"), count(o.exits(), "exit", "exits"),
                d.gasUsed()));
        for (Difference f : d.differences()) {
            out.println("  " + f.describe("interpreter", "recompiler"));
        }
        return false;
    }

    private boolean kernel(PrintWriter out, LoadedProgram p, long g, long[] values, boolean[] set) {
        KernelDiff.Result r;
        try {
            r = KernelDiff.run(p, g, values, set);
        } catch (InvalidProgramException e) {
            throw new UsageException(program.file + ": " + e.getMessage());
        }
        line(out, "program", p.format().id() + ", profile " + p.profile().id()
                + ", capability kernel (final results: an invocation cannot be stepped block by block)");
        List<String> diffs = RunComparison.differences(r.interpreter(), "interpreter", r.recompiler(), "recompiler");
        RunResult a = r.interpreter();
        if (diffs.isEmpty()) {
            line(out, "identical", "status, pc, registers, gas, fault address, VMs");
            line(out, "status", a.status());
            line(out, "pc", Long.toString(a.pc()));
            line(out, "φ7", Long.toUnsignedString(a.result()) + " (0x" + Long.toHexString(a.result()) + ")");
            line(out, "gas used", String.format(Locale.ROOT, "%,d (given %,d, left %,d)", a.gasUsed(), a.gasGiven(),
                    a.gasLeft()));
            line(out, "VMs", String.format(Locale.ROOT, "%,d live, %,d created", a.vmsLive(), a.vmsCreated()));
            return true;
        }
        line(out, "DIFFERENT", "final results differ");
        for (String d : diffs) {
            out.println("  " + d);
        }
        return false;
    }

    private static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "%-14s%s%n", label, value);
    }
}
