package io.jpvm.recompiler.internal.signal;

import io.jpvm.recompiler.internal.memory.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * The process-wide guest-fault handler for SIGSEGV and SIGBUS.
 *
 * <p>Generated guest code keeps the guest base of its {@link
 * io.jpvm.recompiler.internal.memory.GuestWindow} in r15, stores its native rsp in the context page's
 * {@code SAVED_RSP} on entry and names its exit stub in {@code FAULT_STUB} (see {@link
 * io.jpvm.recompiler.internal.runtime.ContextLayout}). When such code touches an unmapped or read-only
 * guest page, a page beyond the end of its memfd (SIGBUS), or the guard page behind the 4 GiB window,
 * the handler writes {@code FAULT_ADDRESS} (si_addr) and {@code FAULT_RIP} (the faulting instruction)
 * into the context page at r15 − 4096 and resumes the thread at the exit stub, which restores rsp from
 * {@code SAVED_RSP} and returns to Java. Every other signal goes to the action that was installed
 * before (HotSpot's handler), unchanged: implicit null checks, safepoint polls, stack overflow checks
 * and crash reports keep working. The exact conditions are in {@link HandlerCode}.
 *
 * <p>The handler is machine code assembled with the project's assembler into pages of its own (mapped
 * read-write, then read-execute, never freed, not registered as guest code) and installed once per
 * process with {@code sigaction}: {@code SA_SIGINFO | SA_RESTART | SA_NODEFER} and HotSpot's signal
 * mask. No libjsig is needed, and none should be preloaded.
 *
 * <p>Only Linux on x86-64 is supported; {@link #install()} throws {@link
 * UnsupportedOperationException} elsewhere. Setting the system property {@value #DISABLE_PROPERTY} to
 * {@code true} makes {@link #install()} do nothing and return false (callers then must not rely on
 * guest faults). Thread-safe.
 */
public final class SignalHandler {
    /** System property that, when {@code true}, keeps {@link #install()} from installing anything. */
    public static final String DISABLE_PROPERTY = "jpvm.signals.disable";

    private static final int SA_FLAGS = Posix.SA_SIGINFO | Posix.SA_RESTART | Posix.SA_NODEFER;
    private static final VarHandle COUNTER = ValueLayout.JAVA_LONG.varHandle();

    private static volatile boolean installed;
    /** The handler's pages: mapped once, read-execute, never unmapped. */
    private static long codeBase;
    private static long segvEntry;
    private static long busEntry;
    private static MemorySegment oldSegv;
    private static MemorySegment oldBus;
    /** Two u64 counters the handler increments: guest faults handled, signals chained. */
    private static MemorySegment counters;

    private SignalHandler() {}

    /**
     * Installs the handler for SIGSEGV and SIGBUS if it is not installed yet.
     *
     * @return true if the handler is active (now or already); false if disabled by
     *     {@value #DISABLE_PROPERTY}
     * @throws UnsupportedOperationException if not on Linux x86-64
     * @throws IllegalStateException if a {@code sigaction} call fails (nothing stays installed)
     */
    public static boolean install() {
        if (installed) {
            return true;
        }
        synchronized (SignalHandler.class) {
            if (installed) {
                return true;
            }
            if (Boolean.getBoolean(DISABLE_PROPERTY)) {
                return false;
            }
            if (!Libc.isSupported()) {
                throw new UnsupportedOperationException(unsupportedMessage());
            }
            doInstall();
            installed = true;
            return true;
        }
    }

    /** Whether {@link #install()} has installed the handler in this process. */
    public static boolean isInstalled() {
        return installed;
    }

    static String unsupportedMessage() {
        return "the guest-fault signal handler needs Linux on x86-64 (glibc), not "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    }

    private static void doInstall() {
        // 1. read the current actions, into memory that lives as long as the process
        Arena global = Arena.global();
        MemorySegment segvOld = global.allocate(Posix.SIGACTION_SIZE, 16);
        MemorySegment busOld = global.allocate(Posix.SIGACTION_SIZE, 16);
        Posix.sigaction(Posix.SIGSEGV, MemorySegment.NULL, segvOld);
        Posix.sigaction(Posix.SIGBUS, MemorySegment.NULL, busOld);

        MemorySegment counts = global.allocate(16, 64);

        // 2. assemble the handler with the addresses of those actions baked in
        HandlerCode.Code c = HandlerCode.assemble(CodeRanges.tableAddress(), counts.address(), segvOld.address(),
                busOld.address());
        long codeAddress = mapCode(c.bytes());

        // 3. install, then check the kernel returned the action we chained to
        long segvHandler = codeAddress + c.segvEntry();
        long busHandler = codeAddress + c.busEntry();
        install(Posix.SIGSEGV, segvHandler, segvOld);
        try {
            install(Posix.SIGBUS, busHandler, busOld);
        } catch (RuntimeException e) {
            try {
                Posix.sigaction(Posix.SIGSEGV, segvOld, MemorySegment.NULL);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        codeBase = codeAddress;
        segvEntry = segvHandler;
        busEntry = busHandler;
        oldSegv = segvOld;
        oldBus = busOld;
        counters = counts;
    }

    /**
     * Maps {@code bytes} into fresh pages: read-write while written, then read-execute (never both),
     * never unmapped. Not a {@code CodeMemory}: the handler is not an owned, closable code region, and
     * it must not be registered as guest code (a fault inside it must chain to HotSpot).
     */
    @SuppressWarnings("restricted") // our own fresh anonymous mapping
    private static long mapCode(byte[] bytes) {
        long page = Libc.pageSize();
        long size = Math.ceilDiv(bytes.length, page) * page;
        int flags = Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS;
        long address = Libc.mmap(0, size, Libc.PROT_READ | Libc.PROT_WRITE, flags, -1, 0);
        try {
            MemorySegment.ofAddress(address).reinterpret(size).copyFrom(MemorySegment.ofArray(bytes));
            Libc.mprotect(address, size, Libc.PROT_READ | Libc.PROT_EXEC);
        } catch (RuntimeException e) {
            Libc.munmap(address, size);
            throw e;
        }
        return address;
    }

    private static void install(int sig, long handler, MemorySegment old) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment act = arena.allocate(Posix.SIGACTION_SIZE, 16);
            act.set(ValueLayout.JAVA_LONG, Posix.SA_HANDLER, handler);
            MemorySegment.copy(old, Posix.SA_MASK, act, Posix.SA_MASK, Posix.SA_MASK_SIZE);
            act.set(ValueLayout.JAVA_INT, Posix.SA_FLAGS, SA_FLAGS);
            MemorySegment previous = arena.allocate(Posix.SIGACTION_SIZE, 16);
            Posix.sigaction(sig, act, previous);
            if (!Posix.sameAction(previous, old)) {
                // someone changed the action between our read and our install: chain to what was
                // really there (the handler reads the action at fault time)
                MemorySegment.copy(previous, 0, old, 0, Posix.SIGACTION_SIZE);
                System.getLogger(SignalHandler.class.getName()).log(System.Logger.Level.WARNING,
                        Posix.signalName(sig) + " action changed while the guest-fault handler was being installed;"
                                + " chaining to " + Posix.Action.read(previous));
            }
        }
    }

    /**
     * How many guest faults the handler has turned into exit-stub jumps since {@link #install()}
     * (SIGSEGV and SIGBUS together); 0 before. For diagnostics: the count is exact.
     */
    public static long handledFaults() {
        return counter(HandlerCode.HANDLED_COUNTER);
    }

    /**
     * How many signals the handler has passed on to the previous action (HotSpot's implicit null
     * checks, safepoint polls, crashes...) since {@link #install()}; 0 before.
     */
    public static long chainedSignals() {
        return counter(HandlerCode.CHAINED_COUNTER);
    }

    private static long counter(int offset) {
        if (!installed) {
            return 0;
        }
        return (long) COUNTER.getVolatile(countersSegment(), (long) offset);
    }

    private static synchronized MemorySegment countersSegment() {
        return counters;
    }

    /** The native address of the installed SIGSEGV entry (0 before {@link #install()}). */
    static synchronized long segvEntry() {
        return segvEntry;
    }

    /** The native address of the installed SIGBUS entry (0 before {@link #install()}). */
    static synchronized long busEntry() {
        return busEntry;
    }

    /** The action the handler chains to for {@code sig} (SIGSEGV or SIGBUS), or null before install. */
    static synchronized Posix.Action previousAction(int sig) {
        MemorySegment old = switch (sig) {
            case Posix.SIGSEGV -> oldSegv;
            case Posix.SIGBUS -> oldBus;
            default -> throw new IllegalArgumentException(Posix.signalName(sig));
        };
        return old == null ? null : Posix.Action.read(old);
    }

    /** The address of the handler's code pages (for diagnostics and tests), or 0 before install. */
    static synchronized long codeBase() {
        return codeBase;
    }

    /**
     * A one-line description for logs, e.g. {@code "guest-fault handler at 0x7f..: SIGSEGV chains to
     * Action[0x7f.., flags 0x14000004]"}.
     */
    public static synchronized String describe() {
        if (!installed) {
            return "guest-fault handler not installed";
        }
        return "guest-fault handler at 0x" + Long.toHexString(segvEntry) + " (SIGSEGV), 0x"
                + Long.toHexString(busEntry) + " (SIGBUS); chains to " + previousAction(Posix.SIGSEGV) + " / "
                + previousAction(Posix.SIGBUS);
    }
}
