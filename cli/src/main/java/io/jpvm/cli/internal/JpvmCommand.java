package io.jpvm.cli.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code jpvm} command: a list of subcommands. */
@Command(name = "jpvm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "A Java runtime for the PVM (JAM's RISC-V-like virtual machine).",
        subcommands = {DemoCommand.class, RunCommand.class, VectorsCommand.class, GasCommand.class, AsmCommand.class,
                DisasmCommand.class, BenchCommand.class, FuzzCommand.class, DiffCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 the program ran / the command succeeded, 1 internal error, failing vectors, a fuzz "
                + "failure or a diff that diverges, 2 bad input or usage. Set JPVM_DEBUG=1 for stack traces of internal errors."})
public final class JpvmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** A command line with the project's error handling; {@code execute} returns the exit code. */
    public static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(new JpvmCommand());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        ErrorHandlers.install(cmd);
        return cmd;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
