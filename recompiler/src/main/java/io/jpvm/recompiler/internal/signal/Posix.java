package io.jpvm.recompiler.internal.signal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.jpvm.recompiler.internal.memory.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * glibc x86-64 signal structures (offsets verified at run time on the project's machines, see
 * {@code spec/native-execution-facts.md}) and the {@code sigaction} downcall.
 */
final class Posix {
    private Posix() {}

    static final int SIGBUS = 7;
    static final int SIGSEGV = 11;

    // struct sigaction (glibc, 152 bytes)
    static final long SIGACTION_SIZE = 152;
    static final long SA_HANDLER = 0;
    static final long SA_MASK = 8;
    static final long SA_MASK_SIZE = 128;
    static final long SA_FLAGS = 136;
    static final long SA_RESTORER_FIELD = 144;

    static final long SIG_DFL = 0;
    static final long SIG_IGN = 1;

    static final int SA_SIGINFO = 0x4;
    static final int SA_ONSTACK = 0x08000000;
    static final int SA_RESTART = 0x10000000;
    static final int SA_NODEFER = 0x40000000;
    static final int SA_RESETHAND = 0x80000000;
    static final int SA_RESTORER = 0x04000000;

    // siginfo_t
    static final int SI_CODE = 8;
    static final int SI_ADDR = 16;

    // ucontext_t: uc_mcontext.gregs at 40, 8 bytes per register
    static final int UC_GREGS = 40;
    static final int REG_R15 = UC_GREGS + 8 * 7;
    static final int REG_RSP = UC_GREGS + 8 * 15;
    static final int REG_RIP = UC_GREGS + 8 * 16;

    // Linux x86-64 system call numbers
    static final int SYS_RT_SIGACTION = 13;
    static final int SYS_GETPID = 39;
    static final int SYS_GETTID = 186;
    static final int SYS_EXIT_GROUP = 231;
    static final int SYS_TGKILL = 234;
    /** The kernel's sigset size, the fourth argument of rt_sigaction. */
    static final int KERNEL_SIGSET_SIZE = 8;

    /** A {@code struct sigaction} as read from the kernel: the fields the handler acts on. */
    record Action(long handler, int flags, long restorer) {
        static Action read(MemorySegment sa) {
            return new Action(sa.get(ValueLayout.JAVA_LONG, SA_HANDLER), sa.get(JAVA_INT, SA_FLAGS),
                    sa.get(ValueLayout.JAVA_LONG, SA_RESTORER_FIELD));
        }

        boolean isFunction() {
            return handler != SIG_DFL && handler != SIG_IGN;
        }

        @Override
        public String toString() {
            String h = handler == SIG_DFL ? "SIG_DFL"
                    : handler == SIG_IGN ? "SIG_IGN"
                    : "0x" + Long.toHexString(handler);
            return "Action[" + h + ", flags 0x" + Integer.toHexString(flags) + "]";
        }
    }

    private static final class Native {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        // int sigaction(int signum, const struct sigaction *act, struct sigaction *oldact)
        static final MethodHandle SIGACTION =
                link("sigaction", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

        @SuppressWarnings("restricted") // the descriptor transcribes the glibc prototype above
        private static MethodHandle link(String name, FunctionDescriptor fd) {
            MemorySegment symbol = LINKER.defaultLookup().find(name)
                    .orElseThrow(() -> new UnsupportedOperationException("libc symbol not found: " + name));
            return LINKER.downcallHandle(symbol, fd, Linker.Option.captureCallState("errno"));
        }
    }

    /**
     * {@code sigaction(sig, act, oldact)}; either pointer may be {@link MemorySegment#NULL}.
     *
     * @throws IllegalStateException naming the call and errno on failure
     */
    static void sigaction(int sig, MemorySegment act, MemorySegment oldact) {
        if (!Libc.isSupported()) {
            throw new UnsupportedOperationException(SignalHandler.unsupportedMessage());
        }
        int r;
        int errno;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Native.CAPTURE_LAYOUT);
            try {
                r = (int) Native.SIGACTION.invokeExact(capture, sig, act, oldact);
            } catch (Throwable t) {
                if (t instanceof RuntimeException e) {
                    throw e;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(t);
            }
            errno = (int) Native.ERRNO.get(capture, 0L);
        }
        if (r != 0) {
            throw new IllegalStateException("sigaction(" + sig + ", " + describe(act) + ", " + describe(oldact)
                    + ") failed: errno " + errno + " (" + Libc.errnoName(errno) + ")");
        }
    }

    private static String describe(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? "NULL" : "0x" + Long.toHexString(p.address());
    }

    /**
     * Whether two {@code struct sigaction}s read from the kernel describe the same action: handler,
     * flags, restorer and the kernel's 64-bit signal mask. glibc copies only that much of the 128-byte
     * {@code sa_mask} it reports; the rest is whatever was on its stack, so it is not compared.
     */
    static boolean sameAction(MemorySegment a, MemorySegment b) {
        return a.get(ValueLayout.JAVA_LONG, SA_HANDLER) == b.get(ValueLayout.JAVA_LONG, SA_HANDLER)
                && a.get(ValueLayout.JAVA_LONG, SA_MASK) == b.get(ValueLayout.JAVA_LONG, SA_MASK)
                && a.get(JAVA_INT, SA_FLAGS) == b.get(JAVA_INT, SA_FLAGS)
                && a.get(ValueLayout.JAVA_LONG, SA_RESTORER_FIELD) == b.get(ValueLayout.JAVA_LONG, SA_RESTORER_FIELD);
    }

    /** The current action for {@code sig}. */
    static Action currentAction(int sig) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(SIGACTION_SIZE, 8);
            sigaction(sig, MemorySegment.NULL, sa);
            return Action.read(sa);
        }
    }

    static String signalName(int sig) {
        return switch (sig) {
            case SIGBUS -> "SIGBUS";
            case SIGSEGV -> "SIGSEGV";
            default -> "signal " + sig;
        };
    }
}
