package io.jpvm.cli.internal;

import io.jpvm.conformance.ProgramFormat;
import io.jpvm.isa.BlobFormatException;
import io.jpvm.isa.Deblob;
import io.jpvm.isa.Disassembler;
import io.jpvm.isa.JarProgram;
import io.jpvm.isa.Profile;
import io.jpvm.isa.StandardProgram;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jpvm disasm}: prints assembly text that reassembles to the same bytes. */
@Command(name = "disasm", sortOptions = false,
        description = {"Disassemble a program into text that 'jpvm asm' turns back into the same bytes.",
                "--profile selects the listing profile of a deblob; JAR code is listed under javm, standard "
                        + "programs under gp072."})
final class DisasmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProgramOptions program;

    @Override
    public Integer call() {
        byte[] bytes = program.bytes();
        ProgramFormat format = program.formatOf(bytes);
        String text;
        try {
            text = switch (format) {
                case JAR -> Disassembler.disassemble(JarProgram.parse(bytes));
                case PROGRAM -> Disassembler.disassemble(StandardProgram.parse(bytes));
                case DEBLOB -> deblob(Deblob.parse(bytes), program.profile);
            };
        } catch (BlobFormatException e) {
            throw program.malformed(e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * A deblob listed under {@code profile} (gp072 when null). The isa disassembler lists deblobs under
     * gp072 only; for javm the bare-code listing gets the deblob's jump-entry size when it is not minimal.
     */
    static String deblob(Deblob blob, Profile profile) {
        if (profile == null || profile == Profile.GP072) {
            return Disassembler.disassemble(blob);
        }
        String text = Disassembler.disassemble(blob.code(), profile);
        if (blob.entrySize() == Deblob.minimalEntrySize(blob.code())) {
            return text;
        }
        String marker = ".container deblob\n";
        int at = text.indexOf(marker) + marker.length();
        return text.substring(0, at) + ".jump_entry_size " + blob.entrySize() + "\n" + text.substring(at);
    }
}
