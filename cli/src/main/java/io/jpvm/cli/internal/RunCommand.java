package io.jpvm.cli.internal;

import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.RunResult;
import io.jpvm.kernel.InvalidProgramException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jpvm run}: loads a program, runs it at machine level and prints how it ended. */
@Command(name = "run", sortOptions = false,
        description = {"Run a program and print its exit status, pc, φ7, gas used and run time.",
                "Exit code 0 whenever the program ran, whatever its status. Default gas: 10^9."})
final class RunCommand implements Callable<Integer> {
    /** Gas given when --gas is absent. */
    static final long DEFAULT_GAS = 1_000_000_000L;

    @Spec
    CommandSpec spec;

    @Mixin
    ProgramOptions program;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "auto", converter = Engines.Converter.class,
            description = "auto, interpreter, recompiler or both (default: ${DEFAULT-VALUE}: the recompiler when "
                    + "this host runs it and, for JAR v2, it has a kernel engine; else the interpreter). both: "
                    + "run on each and say whether they agree.")
    Engines.Choice engine;

    @Option(names = "--gas", paramLabel = "N", defaultValue = "1000000000", converter = GasConverter.class,
            description = "Gas to give the run, initialisation charges included (default: 10^9).")
    long gas;

    @Option(names = "--reg", paramLabel = "I=V", converter = RegisterAssignment.Converter.class,
            description = "Set register I (0..12) to V before the run: unsigned decimal up to 2^64-1, "
                    + "negative decimal, or 0x hex. Repeatable.")
    List<RegisterAssignment> regs = new ArrayList<>();

    @Option(names = "--pc", paramLabel = "N", defaultValue = "0", converter = PcConverter.class,
            description = "Start pc (default: 0).")
    long pc;

    @Option(names = "--json", description = "Print exactly one JSON object on one line.")
    boolean json;

    @Override
    public Integer call() {
        LoadedProgram loaded = program.loadRunnable();
        long[] values = new long[13];
        boolean[] set = new boolean[13];
        for (RegisterAssignment r : regs) {
            values[r.index()] = r.value();
            set[r.index()] = true;
        }
        if (loaded.runsOnKernel() && pc != 0) {
            throw new UsageException(program.file + ": --pc is not available for JAR v2 programs (the kernel starts VM 0 at pc 0)");
        }
        List<Engine> engines = engine.resolve(loaded.runsOnKernel());
        List<RunResult> results = new ArrayList<>();
        for (Engine e : engines) {
            try {
                results.add(e.run(loaded, gas, values, set, pc));
            } catch (InvalidProgramException ex) {
                throw new UsageException(program.file + ": " + ex.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (engines.size() == 1) {
            out.println(json ? RunReport.json(results.get(0))
                    : RunReport.text(results.get(0), loaded, describe(engines.get(0), loaded)));
        } else {
            both(out, loaded, engines, results);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The engine as the text report names it: JAR v2 programs say whether they ran on the kernel. */
    private static String describe(Engine e, LoadedProgram p) {
        return p.runsOnKernel() && !e.runsKernelPrograms()
                ? e.name() + " (machine level: no recompiler kernel engine in this build)" : e.name();
    }

    /** Both reports, then whether the engines agree. */
    private void both(PrintWriter out, LoadedProgram loaded, List<Engine> engines, List<RunResult> results) {
        List<String> diffs = RunComparison.differences(results.get(0), engines.get(0).name(), results.get(1),
                engines.get(1).name());
        if (json) {
            JsonObject o = new JsonObject();
            for (int i = 0; i < engines.size(); i++) {
                o.putRaw(engines.get(i).name(), RunReport.json(results.get(i)));
            }
            out.println(o.put("agree", diffs.isEmpty()).putStrings("differences", diffs));
            return;
        }
        for (int i = 0; i < engines.size(); i++) {
            out.println(RunReport.text(results.get(i), loaded, describe(engines.get(i), loaded)));
            out.println();
        }
        if (diffs.isEmpty()) {
            out.println("engines agree: status, pc, registers, gas, fault address");
        } else {
            out.println("engines DIFFER:");
            for (String d : diffs) {
                out.println("  " + d);
            }
        }
    }

    /** {@code --gas}: a non-negative count. */
    static final class GasConverter implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                return NumberParser.parseNonNegative(text, "gas");
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --pc}: an unsigned 32-bit code offset. */
    static final class PcConverter implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            long v;
            try {
                v = NumberParser.parseU64(text);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new picocli.CommandLine.TypeConversionException(
                        String.format(Locale.ROOT, "pc '%s' is not in 0..2^32-1", text));
            }
            return v;
        }
    }
}
