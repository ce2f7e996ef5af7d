package io.jpvm.cli.internal;

import io.jpvm.conformance.VectorFormatException;
import io.jpvm.isa.Profile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jpvm demo}: what a new user runs first. */
@Command(name = "demo",
        description = {"Start here: conformance vectors and the fib loop on every engine, in seconds.",
                "Runs the 307 w3f conformance vectors, then the fib loop (1,000,000 iterations) on every "
                        + "engine in both profiles.",
                "Exit code 0 when every vector passes and every fib result is right."})
final class DemoCommand implements Callable<Integer> {
    private static final int FIB_RUNS = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean ok = vectors(out);
        out.println();
        out.printf(Locale.ROOT, "fib loop: %,d iterations (%,d PVM instructions), expected φ7 = %s; best of %d "
                + "runs%n", Workloads.FIB_ITERATIONS, Workloads.fib(Profile.JAVM).loopInstructions(),
                BenchCommand.hex(Workloads.fib(Profile.JAVM).expectedResult()), FIB_RUNS);
        TextTable t = new TextTable("engine", "profile", "container", "status", "φ7", "gas used", "ms", "M instr/s");
        for (Engine e : Engines.available()) {
            for (Profile p : Profile.values()) {
                ProgramRun.Timed r = ProgramRun.time(e, Workloads.fib(p), 0, FIB_RUNS);
                ok &= r.correct();
                double best = r.bestMs();
                t.row(e.name(), p.id(), Workloads.fib(p).format().id(), r.last().status(),
                        BenchCommand.hex(r.last().result()) + (r.correct() ? "" : " WRONG"),
                        String.format(Locale.ROOT, "%,d", r.last().gasUsed()),
                        String.format(Locale.ROOT, "%.1f", best),
                        String.format(Locale.ROOT, "%.0f", Workloads.fib(p).loopInstructions() / (best * 1e3)));
            }
        }
        t.print(out);
        BenchCommand.machineLevelNote(out);
        out.println();
        out.println("next: jpvm run FILE [--json] | jpvm diff FILE | jpvm fuzz | jpvm gas FILE | jpvm disasm FILE | "
                + "jpvm bench | jpvm --help");
        out.flush();
        return ok ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static boolean vectors(PrintWriter out) {
        Path dir = VectorDirectories.defaultDirectory();
        boolean ok = true;
        for (Engine e : Engines.available()) {
            VectorSuite.Result r;
            try {
                r = VectorSuite.run(dir, e.vectorEngine());
            } catch (VectorFormatException ex) {
                out.println("vectors skipped: " + ex.getMessage()
                        + " (give -Djpvm.vectors.dir=DIR via JPVM_JAVA_OPTS)");
                return false;
            }
            if (e != Engines.available().get(0)) {
                out.println();
            }
            r.print(out);
            ok &= r.failed() == 0;
        }
        return ok;
    }
}
