package io.jpvm.cli.internal;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** The engines this build offers; the recompiler joins the list when it exists. */
final class Engines {
    private static final List<Engine> ALL = List.of(new InterpreterEngine());
    /** Engines that are planned but not built yet, for a clearer error. */
    private static final List<String> PLANNED = List.of("recompiler");

    private Engines() {}

    static List<Engine> all() {
        return ALL;
    }

    static String names() {
        return ALL.stream().map(Engine::name).collect(Collectors.joining(", "));
    }

    /** picocli converter for {@code --engine}. */
    static final class Converter implements CommandLine.ITypeConverter<Engine> {
        @Override
        public Engine convert(String text) {
            for (Engine e : ALL) {
                if (e.name().equalsIgnoreCase(text)) {
                    return e;
                }
            }
            if (PLANNED.contains(text.toLowerCase(java.util.Locale.ROOT))) {
                throw new CommandLine.TypeConversionException(
                        "engine '" + text + "' is not available yet (available: " + names() + ")");
            }
            throw new CommandLine.TypeConversionException(
                    "unknown engine '" + text + "' (available: " + names() + ")");
        }
    }
}
