package io.jpvm.recompiler;

import io.jpvm.gas.GasModel;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import io.jpvm.kernel.CompiledCode;
import io.jpvm.kernel.Engine;
import io.jpvm.kernel.PhysicalMemory;
import io.jpvm.recompiler.internal.memory.GuestWindow;
import io.jpvm.recompiler.internal.memory.WindowPool;
import io.jpvm.recompiler.internal.runtime.NativeMemory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The x86-64 recompiler as an engine of the capability kernel ({@code Invocation.builder(blob)
 * .engine(RecompilerEngine.instance())}, or {@link Engine#auto()}, which finds it through
 * {@link java.util.ServiceLoader}): each CODE cap is translated once into native code shared by all
 * VMs (and, through the kernel's code cache, by later invocations); an invocation's physical pages are
 * one memfd ({@link #newMemory}); VMs run in guest windows borrowed from a pool of five per invocation.
 * Stateless and thread-safe.
 */
public final class RecompilerEngine implements Engine {
    private static final RecompilerEngine INSTANCE = new RecompilerEngine();
    private static final AtomicLong COMPILATIONS = new AtomicLong();

    /**
     * For {@link java.util.ServiceLoader} on the class path (which needs a public constructor); use
     * {@link #instance()}. All instances are equal: the engine has no state.
     */
    public RecompilerEngine() {}

    /** The engine. */
    public static RecompilerEngine instance() {
        return INSTANCE;
    }

    /** The {@link java.util.ServiceLoader} provider method. */
    public static RecompilerEngine provider() {
        return INSTANCE;
    }

    /** This engine where it can run ({@link #isAvailable()}), else the interpreter. */
    public static Engine auto() {
        return INSTANCE.isAvailable() ? INSTANCE : Engine.interpreter();
    }

    /** Programs translated by this engine so far (process-wide). */
    public static long compilations() {
        return COMPILATIONS.get();
    }

    @Override
    public String name() {
        return "recompiler";
    }

    /**
     * True on Linux x86-64 with POPCNT, LZCNT and BMI1 once the guest-fault signal handler is installed
     * and a guest window can be reserved (4 GiB of address space).
     */
    @Override
    public boolean isAvailable() {
        return Availability.AVAILABLE;
    }

    @Override
    public CompiledCode compile(Program program, GasModel gas) {
        if (program.profile() != Profile.JAVM) {
            throw new IllegalArgumentException("the kernel runs profile javm, not " + program.profile());
        }
        COMPILATIONS.incrementAndGet();
        return new NativeCode(RecompiledProgram.compile(program, gas));
    }

    /**
     * {@inheritDoc}
     *
     * @throws UnsupportedOperationException if guest faults cannot be handled here (a guest page fault
     *         would kill the JVM)
     */
    @Override
    public PhysicalMemory newMemory(long pageCount) {
        if (!Platform.guestFaultsHandled()) {
            throw new UnsupportedOperationException("the recompiler engine needs Linux on x86-64 with its guest-fault "
                    + "signal handler installed; use the interpreter");
        }
        return new NativeMemory(pageCount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecompilerEngine;
    }

    @Override
    public int hashCode() {
        return RecompilerEngine.class.hashCode();
    }

    @Override
    public String toString() {
        return "RecompilerEngine";
    }

    private static final class Availability {
        static final boolean AVAILABLE = probe();

        private static boolean probe() {
            if (!Platform.supported() || !Platform.guestFaultsHandled()) {
                return false;
            }
            try {
                GuestWindow w = WindowPool.shared().acquire();
                WindowPool.shared().release(w);
                return true;
            } catch (RuntimeException | Error e) {
                return false;
            }
        }
    }
}
