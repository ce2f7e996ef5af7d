package io.jpvm.cli.internal;

import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.ProgramFormat;
import io.jpvm.isa.BlobFormatException;
import io.jpvm.isa.Profile;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The program file and how to read it: shared by run, gas and disasm. */
final class ProgramOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "Program file (JAR v2, deblob or standard program).")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto", converter = FormatChoice.Converter.class,
            completionCandidates = FormatChoice.Candidates.class,
            description = "Container: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; JAR by its magic, "
                    + ".program/.pvmp as standard programs, anything else a deblob).")
    FormatChoice format = FormatChoice.AUTO;

    @Option(names = "--profile", paramLabel = "PROFILE", converter = ProfileConverter.class,
            description = "Semantics: javm or gp072 (default: javm for JAR, gp072 otherwise).")
    Profile profile;

    /** The file's bytes. */
    byte[] bytes() {
        return InputFiles.readBytes(file);
    }

    /** The container format of {@code bytes}. */
    ProgramFormat formatOf(byte[] bytes) {
        return format.resolve(file, bytes);
    }

    /** Reads and decodes the program; malformed input is a usage error naming the file. */
    LoadedProgram load() {
        byte[] bytes = bytes();
        ProgramFormat f = formatOf(bytes);
        try {
            return LoadedProgram.load(bytes, f, profile);
        } catch (BlobFormatException e) {
            throw malformed(e);
        }
    }

    /** As {@link #load()}, also checking that its initial memory can be mapped under its profile. */
    LoadedProgram loadRunnable() {
        LoadedProgram p = load();
        if (!p.runsOnKernel()) {
            try {
                p.newMemory(); // memory the profile cannot map, e.g. a JAR's DATA caps below 0x10000 under gp072
            } catch (IllegalArgumentException e) {
                throw new UsageException(file + ": " + e.getMessage());
            }
        }
        return p;
    }

    UsageException malformed(BlobFormatException e) {
        return new UsageException(file + ": " + e.getMessage());
    }
}
