package io.jpvm.kernel.internal;

import io.jpvm.kernel.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Finds engines: the interpreter, and whatever {@link ServiceLoader} provides (the recompiler). */
public final class EngineRegistry {
    private EngineRegistry() {}

    private static final class Installed {
        static final List<Engine> ALL = load();

        private static List<Engine> load() {
            List<Engine> out = new ArrayList<>();
            out.add(InterpreterEngine.INSTANCE);
            for (Engine e : ServiceLoader.load(Engine.class, Engine.class.getClassLoader())) {
                out.add(e);
            }
            return List.copyOf(out);
        }

        static final Engine AUTO = pick();

        private static Engine pick() {
            for (Engine e : ALL) {
                if (e.name().equals("recompiler") && e.isAvailable()) {
                    return e;
                }
            }
            return InterpreterEngine.INSTANCE;
        }
    }

    /** The recompiler if installed and available, else the interpreter. */
    public static Engine auto() {
        return Installed.AUTO;
    }

    /** Every installed engine, the interpreter first (available or not). */
    public static List<Engine> installed() {
        return Installed.ALL;
    }

    /** {@code interpreter}, {@code auto} or an installed engine's name. */
    public static Engine named(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("auto")) {
            return auto();
        }
        for (Engine e : Installed.ALL) {
            if (e.name().equals(n)) {
                if (!e.isAvailable()) {
                    throw new IllegalArgumentException("engine " + n + " cannot run on this host ("
                            + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ")");
                }
                return e;
            }
        }
        throw new IllegalArgumentException("no engine named " + name + " is installed (installed: "
                + String.join(", ", Installed.ALL.stream().map(Engine::name).toList()) + ", auto)");
    }
}
