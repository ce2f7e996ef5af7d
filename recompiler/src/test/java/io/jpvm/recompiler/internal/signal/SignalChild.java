package io.jpvm.recompiler.internal.signal;

import static io.jpvm.recompiler.internal.asm.Reg.RAX;
import static io.jpvm.recompiler.internal.asm.Reg.RCX;
import static io.jpvm.recompiler.internal.asm.Reg.RDI;
import static io.jpvm.recompiler.internal.asm.Reg.RSI;
import static io.jpvm.recompiler.internal.asm.Reg.RSP;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jpvm.recompiler.internal.asm.Cond;
import io.jpvm.recompiler.internal.asm.Label;
import io.jpvm.recompiler.internal.asm.Mem;
import io.jpvm.recompiler.internal.asm.X64Assembler;
import io.jpvm.recompiler.internal.memory.CodeMemory;
import io.jpvm.recompiler.internal.memory.GuestWindow;
import io.jpvm.recompiler.internal.signal.FaultProbe.Op;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The main class of the forked JVMs of {@link ForkedSignalTest}. Most modes end in a genuine crash:
 * they must only ever run in a child JVM.
 */
public final class SignalChild {
    private SignalChild() {}

    /** Exit status of the test's own "previous handler" when it saw the arguments it expects. */
    static final int PREVIOUS_HANDLER_OK = 47;

    public static void main(String[] args) throws Throwable {
        String mode = args[0];
        switch (mode) {
            case "crash-java" -> {
                installAndCheck();
                crashInJava();
            }
            case "crash-code" -> {
                installAndCheck();
                crashInGeneratedCode(Op.ABSOLUTE8, true);
            }
            case "crash-nostub" -> {
                installAndCheck();
                crashInGeneratedCode(Op.LOAD64, false);
            }
            case "dfl" -> {
                setPrevious(Posix.SIG_DFL, 0);
                installAndCheck();
                crashInGeneratedCode(Op.ABSOLUTE8, true);
            }
            case "dfl-kill" -> {
                setPrevious(Posix.SIG_DFL, 0);
                installAndCheck();
                // a SIGSEGV sent by a process (si_code SI_USER), while the previous action is SIG_DFL:
                // the handler must restore SIG_DFL and raise it again, not swallow it
                System.out.println("sending SIGSEGV to myself");
                System.out.flush();
                killSelf(Posix.SIGSEGV);
                Thread.sleep(10_000);
                System.out.println("survived?!");
                System.exit(3);
            }
            case "prev-siginfo" -> {
                setPrevious(exitingHandler(), Posix.SA_SIGINFO);
                installAndCheck();
                crashInJava();
            }
            case "prev-handler" -> {
                setPrevious(exitingHandler(), 0);
                installAndCheck();
                crashInJava();
            }
            case "prev-resethand" -> {
                setPrevious(returningHandler(), Posix.SA_SIGINFO | Posix.SA_RESETHAND);
                installAndCheck();
                crashInJava();
            }
            case "stress" -> {
                installAndCheck();
                long seconds = Long.parseLong(args[1]);
                FaultStress.Result r = FaultStress.run(2, Long.MAX_VALUE, seconds * 1_000_000_000L);
                System.out.println("stress: " + r);
                if (r.faults() == 0 || r.npes() == 0 || r.chained() == 0 || r.handled() < r.faults()) {
                    throw new AssertionError("nothing ran: " + r);
                }
                System.out.println("stress-ok");
            }
            default -> throw new IllegalArgumentException(mode);
        }
        System.out.flush();
    }

    /** Installs the handler and proves it works with one guest fault round trip. */
    private static void installAndCheck() {
        if (!SignalHandler.install()) {
            throw new AssertionError("not installed");
        }
        try (GuestWindow w = GuestWindow.reserve(); FaultProbe probe = new FaultProbe(Op.LOAD64, true)) {
            if (probe.run(w, 0x5000) != 1 || FaultProbe.faultAddress(w) != w.guestBase() + 0x5000) {
                throw new AssertionError("guest fault round trip failed");
            }
        }
        System.out.println("roundtrip-ok " + SignalHandler.describe());
        System.out.flush();
    }

    @SuppressWarnings("restricted")
    private static void crashInJava() {
        System.out.println("crashing-in-java");
        System.out.flush();
        long v = MemorySegment.ofAddress(8).reinterpret(8).get(JAVA_LONG, 0);
        System.out.println("survived?! " + v);
        System.exit(3);
    }

    private static void crashInGeneratedCode(Op op, boolean setStub) {
        GuestWindow w = GuestWindow.reserve();
        FaultProbe probe = new FaultProbe(op, setStub);
        System.out.println("crashing-in-code " + op + (setStub ? "" : " without stub"));
        System.out.flush();
        long r = probe.run(w, 0x5000);
        System.out.println("survived?! " + r);
        System.exit(3);
    }

    @SuppressWarnings("restricted")
    private static void killSelf(int sig) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle kill = linker.downcallHandle(linker.defaultLookup().find("kill").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        int r = (int) kill.invokeExact((int) ProcessHandle.current().pid(), sig);
        if (r != 0) {
            throw new AssertionError("kill failed");
        }
    }

    /** Sets the current action of SIGSEGV (before our handler is installed, so it becomes "previous"). */
    private static void setPrevious(long handler, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment act = arena.allocate(Posix.SIGACTION_SIZE, 16);
            act.set(JAVA_LONG, Posix.SA_HANDLER, handler);
            act.set(JAVA_INT, Posix.SA_FLAGS, flags);
            Posix.sigaction(Posix.SIGSEGV, act, MemorySegment.NULL);
        }
    }

    /**
     * A handler that exits the process with 40 + 1 (sig == SIGSEGV) + 2 (si_addr == 8) + 4 (entered
     * with the ABI's stack alignment, i.e. with the stack the kernel set up), so 47 when called exactly
     * as the kernel would call it.
     */
    private static long exitingHandler() {
        X64Assembler a = new X64Assembler();
        Label notSegv = new Label();
        Label notAddr = new Label();
        Label misaligned = new Label();
        a.movl(RAX, 40);
        a.cmpl(RDI, Posix.SIGSEGV);
        a.jcc(Cond.NE, notSegv);
        a.addl(RAX, 1);
        a.bind(notSegv);
        a.cmpq(Mem.of(RSI, Posix.SI_ADDR), 8);
        a.jcc(Cond.NE, notAddr);
        a.addl(RAX, 2);
        a.bind(notAddr);
        a.leaq(RCX, Mem.of(RSP, 8));
        a.testl(RCX, 15);
        a.jcc(Cond.NE, misaligned);
        a.addl(RAX, 4);
        a.bind(misaligned);
        a.movl(RDI, RAX);
        a.movl(RAX, Posix.SYS_EXIT_GROUP);
        HandlerCode.syscall(a);
        a.ud2();
        return keep(a.finish());
    }

    /** A handler that just returns (so the fault re-executes). */
    private static long returningHandler() {
        X64Assembler a = new X64Assembler();
        a.ret();
        return keep(a.finish());
    }

    private static CodeMemory kept;

    private static long keep(byte[] code) {
        kept = CodeMemory.allocate(code.length).write(code).seal();
        CodeRanges.unregister(kept.address(), kept.address() + kept.size());
        return kept.address();
    }
}
