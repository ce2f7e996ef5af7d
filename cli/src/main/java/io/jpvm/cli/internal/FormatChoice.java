package io.jpvm.cli.internal;

import io.jpvm.conformance.ProgramFormat;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/** The {@code --format} option: {@code auto} (detect) or one {@link ProgramFormat}. */
record FormatChoice(ProgramFormat format) {
    static final FormatChoice AUTO = new FormatChoice(null);

    /** The format of {@code file}: the chosen one, else detected from magic and extension. */
    ProgramFormat resolve(Path file, byte[] bytes) {
        return format != null ? format : ProgramFormat.detect(file, bytes);
    }

    /** picocli converter. */
    static final class Converter implements CommandLine.ITypeConverter<FormatChoice> {
        @Override
        public FormatChoice convert(String text) {
            if (text.equalsIgnoreCase("auto")) {
                return AUTO;
            }
            ProgramFormat f = ProgramFormat.byId(text);
            if (f == null) {
                throw new CommandLine.TypeConversionException(
                        "unknown format '" + text + "' (expected auto, jar, deblob or program)");
            }
            return new FormatChoice(f);
        }
    }

    /** Completion candidates shown in help. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("auto", "jar", "deblob", "program").iterator();
        }
    }
}
