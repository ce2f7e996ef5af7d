package io.jpvm.conformance;

import io.jpvm.kernel.Engine;
import io.jpvm.recompiler.RecompilerEngine;
import java.util.Optional;

/**
 * The kernel engines ({@link Engine}) this build offers besides the interpreter's: the recompiler's
 * ({@link RecompilerEngine}), where it can run (Linux x86-64 with its guest-fault handler).
 */
public final class KernelEngines {
    private KernelEngines() {}

    /** The recompiler's kernel engine, when it can run on this host. */
    public static Optional<Engine> recompiler() {
        RecompilerEngine e = RecompilerEngine.instance();
        return e.isAvailable() ? Optional.of(e) : Optional.empty();
    }
}
