package io.jpvm.cli.internal;

import io.jpvm.isa.AsmException;
import io.jpvm.isa.Assembler;
import io.jpvm.isa.Assembly;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jpvm asm}: assembles text into the container its {@code .container} directive names. */
@Command(name = "asm", sortOptions = false,
        description = {"Assemble PVM assembly text into a program file.",
                "The container (JAR v2, deblob or standard program) is the one the source's .container "
                        + "directive names; the syntax is in docs/assembly.md."})
final class AsmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Assembly source file.")
    Path in;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "Output file.")
    Path out;

    @Override
    public Integer call() {
        String source = InputFiles.readText(in);
        byte[] bytes;
        try {
            Assembly asm = Assembler.assemble(source);
            bytes = asm.toContainerBytes();
        } catch (AsmException e) {
            throw new UsageException(in + ": " + e.getMessage());
        }
        InputFiles.write(out, bytes);
        spec.commandLine().getOut().println(in + " -> " + out + " (" + bytes.length + " bytes)");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
