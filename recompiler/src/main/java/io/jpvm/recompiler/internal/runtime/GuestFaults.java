package io.jpvm.recompiler.internal.runtime;

import io.jpvm.recompiler.internal.signal.SignalHandler;

/**
 * Whether guest memory faults are survivable: they are once the process-wide SIGSEGV/SIGBUS handler
 * ({@link SignalHandler}) is installed. Without it (disabled with {@code -Djpvm.signals.disable=true},
 * or an unsupported host) a guest fault kills the JVM, so callers must not run programs that can fault.
 */
public final class GuestFaults {
    private GuestFaults() {}

    /** Installs the handler if needed (idempotent); true once guest faults are handled. */
    public static boolean install() {
        try {
            return SignalHandler.install();
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
