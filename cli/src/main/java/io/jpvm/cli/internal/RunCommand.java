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

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "interpreter",
            converter = Engines.Converter.class,
            description = "Execution engine (default: ${DEFAULT-VALUE}).")
    Engine engine;

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
        LoadedProgram loaded = program.load();
        long[] values = new long[13];
        boolean[] set = new boolean[13];
        for (RegisterAssignment r : regs) {
            values[r.index()] = r.value();
            set[r.index()] = true;
        }
        if (loaded.runsOnKernel() && pc != 0) {
            throw new UsageException(program.file + ": --pc is not available for JAR v2 programs (the kernel starts VM 0 at pc 0)");
        }
        RunResult result;
        try {
            result = engine.run(loaded, gas, values, set, pc);
        } catch (InvalidProgramException e) {
            throw new UsageException(program.file + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? RunReport.json(result) : RunReport.text(result, loaded, engine.name()));
        out.flush();
        return ExitCodes.OK;
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
