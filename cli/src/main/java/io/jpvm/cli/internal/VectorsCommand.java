package io.jpvm.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jpvm vectors}: the w3f PVM conformance vectors, per category. */
@Command(name = "vectors", sortOptions = false,
        description = {"Run the w3f PVM conformance vectors (profile gp072).",
                "Prints a per-category table, every failure with its differing fields, and finally "
                        + "'N passed, M failed'. Exit code 0 when all pass, 1 when some fail."})
final class VectorsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Directory of *.json vectors (default: -Djpvm.vectors.dir, else "
                    + "../shared/vectors/pvm/w3f-v0.4/programs beside the repository).")
    Path dir;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "auto", converter = Engines.Converter.class,
            description = "auto, interpreter, recompiler or both (default: ${DEFAULT-VALUE}: the recompiler when "
                    + "this host runs it, else the interpreter). both: a table per engine, then the sum.")
    Engines.Choice engine;

    @Override
    public Integer call() {
        Path d = dir != null ? dir : VectorDirectories.defaultDirectory();
        List<Engine> engines = engine.resolve(false);
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        for (int i = 0; i < engines.size(); i++) {
            VectorSuite.Result r = VectorSuite.run(d, engines.get(i).vectorEngine());
            if (engines.size() == 1) {
                r.print(out);
            } else {
                r.print(out, engines.get(i).name() + ": ");
                out.println();
            }
            passed += r.passed();
            failed += r.failed();
        }
        if (engines.size() > 1) {
            out.println(passed + " passed, " + failed + " failed");
        }
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
