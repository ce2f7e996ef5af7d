package io.jpvm.cli.internal;

import java.util.List;
import java.util.Locale;

/** The engines this build offers, and the {@code --engine} choice. */
final class Engines {
    static final Engine INTERPRETER = new InterpreterEngine();
    static final Engine RECOMPILER = new RecompilerEngine();
    private static final List<Engine> ALL = List.of(INTERPRETER, RECOMPILER);

    private Engines() {}

    /** Every engine of the build, available here or not. */
    static List<Engine> all() {
        return ALL;
    }

    /** The engines that run on this host (the interpreter always does). */
    static List<Engine> available() {
        return ALL.stream().filter(Engine::available).toList();
    }

    /** The value of {@code --engine}. */
    enum Choice {
        AUTO, INTERPRETER, RECOMPILER, BOTH;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The engines chosen, for a program that does ({@code kernelProgram}) or does not run on the
         * capability kernel. {@code auto}: the recompiler when it is available and runs the program as
         * the interpreter would (JAR v2 programs need its kernel engine), else the interpreter. An
         * explicit engine that cannot run here is a usage error.
         */
        List<Engine> resolve(boolean kernelProgram) {
            return switch (this) {
                case AUTO -> Engines.RECOMPILER.available()
                        && (!kernelProgram || Engines.RECOMPILER.runsKernelPrograms())
                        ? List.of(Engines.RECOMPILER) : List.of(Engines.INTERPRETER);
                case INTERPRETER -> List.of(Engines.INTERPRETER);
                case RECOMPILER -> List.of(require(Engines.RECOMPILER));
                case BOTH -> List.of(Engines.INTERPRETER, require(Engines.RECOMPILER));
            };
        }

        private static Engine require(Engine e) {
            if (!e.available()) {
                throw new UsageException("--engine " + e.name() + ": " + e.unavailableReason());
            }
            return e;
        }
    }

    /** picocli converter for {@code --engine}. */
    static final class Converter implements picocli.CommandLine.ITypeConverter<Choice> {
        @Override
        public Choice convert(String text) {
            for (Choice c : Choice.values()) {
                if (c.id().equalsIgnoreCase(text)) {
                    return c;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "unknown engine '" + text + "' (expected auto, interpreter, recompiler or both)");
        }
    }
}
