package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.recompiler.Platform;
import io.jpvm.recompiler.RecompiledProgram;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** The engines a machine-level run can use. */
public enum MachineEngine {
    /** The pure-Java reference interpreter: runs everywhere. */
    INTERPRETER("interpreter") {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String unavailableReason() {
            return null;
        }

        @Override
        public MachineCode compile(InterpreterProgram program) {
            return MachineCode.interpreter(program);
        }

        @Override
        MachineCode shared(InterpreterProgram program) {
            return MachineCode.interpreter(program);
        }
    },
    /** The x86-64 recompiler: Linux on x86-64 with POPCNT, LZCNT and BMI1, guest-fault handler installed. */
    RECOMPILER("recompiler") {
        @Override
        public boolean available() {
            return Platform.supported() && Platform.guestFaultsHandled();
        }

        @Override
        public String unavailableReason() {
            if (!Platform.supported()) {
                return "the recompiler needs Linux on x86-64 with POPCNT, LZCNT and BMI1 (this host: "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
            }
            if (!Platform.guestFaultsHandled()) {
                return "the recompiler's guest-fault signal handler could not be installed "
                        + "(run java with --enable-native-access=ALL-UNNAMED)";
            }
            return null;
        }

        @Override
        public MachineCode compile(InterpreterProgram program) {
            requireAvailable();
            return MachineCode.recompiled(program, RecompiledProgram.compile(program), true);
        }

        @Override
        MachineCode shared(InterpreterProgram program) {
            requireAvailable();
            RecompiledProgram code;
            synchronized (CACHE) {
                code = CACHE.computeIfAbsent(program, RecompiledProgram::compile);
            }
            return MachineCode.recompiled(program, code, false);
        }
    };

    /**
     * Translations of programs run through {@link #load}, kept while the program is reachable (a
     * program loaded once and run many times, as by the benchmarks, is translated once). The
     * generated code is freed by the recompiler's cleaner once the entry is gone.
     */
    private static final Map<InterpreterProgram, RecompiledProgram> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final String id;

    MachineEngine(String id) {
        this.id = id;
    }

    /** The name used on the command line. */
    public String id() {
        return id;
    }

    /** Whether this engine can run on this host. */
    public abstract boolean available();

    /** Why {@link #available()} is false (one line), or null. */
    public abstract String unavailableReason();

    /** Prepares {@code program} for this engine; the caller closes the result. */
    public abstract MachineCode compile(InterpreterProgram program);

    /** Prepares {@code program} once per program object; closing the result frees nothing. */
    abstract MachineCode shared(InterpreterProgram program);

    /** A machine with {@code p}'s initial memory, registers and heap start, its code prepared once per program. */
    public Machine load(LoadedProgram p) {
        return shared(p.program()).newVm(p);
    }

    /** The engine named {@code id} (case-insensitive), or null. */
    public static MachineEngine byId(String id) {
        for (MachineEngine e : values()) {
            if (e.id.equalsIgnoreCase(id)) {
                return e;
            }
        }
        return null;
    }

    void requireAvailable() {
        if (!available()) {
            throw new UnsupportedOperationException(unavailableReason());
        }
    }
}
