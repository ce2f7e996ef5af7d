package io.jpvm.cli.internal;

import java.nio.file.Path;
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

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "interpreter",
            converter = Engines.Converter.class,
            description = "Execution engine (default: ${DEFAULT-VALUE}).")
    Engine engine;

    @Override
    public Integer call() {
        Path d = dir != null ? dir : VectorDirectories.defaultDirectory();
        VectorSuite.Result r = VectorSuite.run(d, engine.vectorEngine());
        r.print(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return r.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
