package io.jpvm.recompiler.kernel;

import static io.jpvm.recompiler.kernel.KernelRuns.GAS_BY_EXIT;
import static io.jpvm.recompiler.kernel.KernelRuns.INTERPRETER;
import static io.jpvm.recompiler.kernel.KernelRuns.RECOMPILER;
import static io.jpvm.recompiler.kernel.KernelRuns.jar;
import static io.jpvm.recompiler.kernel.KernelRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.gas.GasModel;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Program;
import io.jpvm.kernel.CompiledCode;
import io.jpvm.kernel.Engine;
import io.jpvm.kernel.Execution;
import io.jpvm.kernel.HostFunction;
import io.jpvm.kernel.Invocation;
import io.jpvm.kernel.KernelCodes;
import io.jpvm.kernel.KernelResult;
import io.jpvm.kernel.PhysicalMemory;
import io.jpvm.recompiler.kernel.KernelRuns.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code ecalli 1} answered inside generated code gives exactly what the exit to the kernel and
 * {@code HostFunction.GAS} give (gas, φ7 of every call, out-of-gas points), and is used only while
 * VM 0's slot 1 holds the original GAS cap.
 */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class InlineGasTest {
    /** 40 GAS calls; φ7 at the end = the sum of every answer (each one checked), then REPLY. */
    static final String LOOP = """
            .container jar
            .invoke_cap 64
                    load_imm   r9, 0
                    load_imm   r10, 40
                    load_imm   r11, 0
                    fallthrough
            loop:
                    ecalli     1
                    add_64     r11, r11, r7
                    add_imm_64 r9, r9, 1
                    branch_lt_u r9, r10, loop
                    move_reg   r7, r11
                    ecalli     0
            """;

    @Test
    void everyGasBudgetGivesTheSameRunInlineByExitAndOnTheInterpreter() {
        byte[] blob = jar(LOOP);
        long full = 1_000_000 - run(INTERPRETER, blob, 1_000_000, 0, HostFunction.GAS).gasLeft();
        for (long gas = 0; gas <= full + 3; gas++) {
            Outcome want = run(INTERPRETER, blob, gas, 0, HostFunction.GAS);
            run(RECOMPILER, blob, gas, 0, HostFunction.GAS).assertSameAs(want, "inline, gas " + gas);
            run(RECOMPILER, blob, gas, 0, GAS_BY_EXIT).assertSameAs(want, "by exit, gas " + gas);
        }
    }

    @Test
    void aGasCallAsTheLastInstructionRunsOffTheEnd() {
        byte[] blob = jar(".container jar\n load_imm r7, 5\n ecalli 1\n");
        for (long gas = 0; gas < 40; gas++) {
            Outcome want = run(INTERPRETER, blob, gas, 0, HostFunction.GAS);
            run(RECOMPILER, blob, gas, 0, HostFunction.GAS).assertSameAs(want, "gas " + gas);
        }
    }

    // ------------------------------------------------------------------ which calls exit

    /** Counts, per engine execution, the ecalli 1 exits and the inline switch. */
    static final class Spy implements Engine {
        final List<Boolean> switches = new ArrayList<>();
        int gasExits;

        @Override
        public String name() {
            return "spy";
        }

        @Override
        public PhysicalMemory newMemory(long pageCount) {
            return RECOMPILER.newMemory(pageCount);
        }

        @Override
        public CompiledCode compile(Program program, GasModel gas) {
            CompiledCode inner = RECOMPILER.compile(program, gas);
            return memory -> new Recording(inner.newExecution(memory));
        }

        final class Recording implements Execution {
            private final Execution e;

            Recording(Execution e) {
                this.e = e;
            }

            @Override
            public ExitKind run() {
                ExitKind k = e.run();
                if (k == ExitKind.HOST_CALL && e.exitArg() == 1) {
                    gasExits++;
                }
                return k;
            }

            @Override
            public void setInlineGas(boolean on) {
                switches.add(on);
                e.setInlineGas(on);
            }

            @Override public long inlineGasCalls() { return e.inlineGasCalls(); }
            @Override public long exitPc() { return e.exitPc(); }
            @Override public long exitArg() { return e.exitArg(); }
            @Override public long reg(int i) { return e.reg(i); }
            @Override public void setReg(int i, long v) { e.setReg(i, v); }
            @Override public long gas() { return e.gas(); }
            @Override public void setGas(long g) { e.setGas(g); }
            @Override public long pc() { return e.pc(); }
            @Override public void setPc(long pc) { e.setPc(pc); }
            @Override public void resumeAt(long pc) { e.resumeAt(pc); }
            @Override public void map(long page, long phys, boolean w) { e.map(page, phys, w); }
            @Override public void unmap(long page) { e.unmap(page); }
            @Override public void discard() { e.discard(); }
        }
    }

    private static String move(long from, long to) {
        return " load_imm a4, " + KernelCodes.OP_MOVE + "\n load_imm_64 a5, " + (from << 32 | to) + "\n ecall\n";
    }

    /** Three GAS calls, the GAS cap moved out and back (no longer original), three more. */
    static final String MOVED = ".container jar\n ecalli 1\n ecalli 1\n ecalli 1\n" + move(1, 40) + move(40, 1)
            + " ecalli 1\n ecalli 1\n ecalli 1\n ecalli 0\n";

    @Test
    void onlyTheOriginalCapInSlotOneIsAnsweredInline() {
        Spy spy = new Spy();
        try (Invocation inv = Invocation.builder(jar(MOVED)).engine(spy).gas(100_000).host(1, HostFunction.GAS).build()) {
            assertTrue(inv.run() instanceof KernelResult.Halt);
            assertEquals(List.of(true, false), spy.switches);   // on at build, off when the cap left slot 1
            assertEquals(3, spy.gasExits);                       // the last three calls exit to the kernel
            assertEquals(6, inv.protocolCalls());
        }
        Outcome want = run(INTERPRETER, jar(MOVED), 100_000, 0, HostFunction.GAS);
        run(RECOMPILER, jar(MOVED), 100_000, 0, HostFunction.GAS).assertSameAs(want, "moved GAS cap");
    }

    @Test
    void anyOtherAnswerToProtocolOneExitsEveryTime() {
        Spy spy = new Spy();
        try (Invocation inv = Invocation.builder(jar(LOOP)).engine(spy).gas(100_000).host(1, GAS_BY_EXIT).build()) {
            assertTrue(inv.run() instanceof KernelResult.Halt);
            assertEquals(List.of(), spy.switches);
            assertEquals(40, spy.gasExits);
        }
        Spy inline = new Spy();
        try (Invocation inv = Invocation.builder(jar(LOOP)).engine(inline).gas(100_000).host(1, HostFunction.GAS).build()) {
            assertTrue(inv.run() instanceof KernelResult.Halt);
            assertEquals(0, inline.gasExits);
            assertEquals(40, inv.protocolCalls());
        }
    }
}
