package io.jpvm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.gas.JavmGasModel;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Assembler;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import io.jpvm.gas.GasModel;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine contract over the interpreter: shared code, per-VM executions, shared pages. */
class EngineContractTest {

    private static CompiledCode compile(String src) {
        Program p = Program.of(Assembler.assemble(src).code(), Profile.JAVM);
        return Engine.interpreter().compile(p, JavmGasModel.forMemoryPages(0));
    }

    @Test
    void executionsShareCodeAndPages() {
        CompiledCode code = compile("""
                        load_u32 a0, 0x3000
                        add_imm_64 a0, a0, 1
                        store_u32 a0, 0x3000
                        ecalli 9
                        ecalli 0
                """);
        Execution a = code.newExecution();
        Execution b = code.newExecution();
        byte[] page = new byte[4096];
        a.map(3, page, true);
        b.map(3, page, true);
        a.setGas(10_000);
        b.setGas(10_000);
        assertEquals(ExitKind.HOST_CALL, a.run());
        assertEquals(9, a.exitArg());
        assertEquals(ExitKind.HOST_CALL, b.run());
        assertEquals(2, b.reg(7));            // b sees a's write
        assertEquals(2, page[0]);
        assertEquals(ExitKind.HOST_CALL, a.run());
        assertEquals(0, a.exitArg());
        assertEquals(a.exitPc(), a.pc());
        b.unmap(3);
        b.setPc(0);
        assertEquals(ExitKind.PAGE_FAULT, b.run());
        assertEquals(0x3000, b.exitArg());
    }

    @Test
    void readOnlyMappingsFault() {
        CompiledCode code = compile(" store_imm_u8 0x1000, 1\n ecalli 0\n");
        Execution e = code.newExecution();
        e.map(1, new byte[4096], false);
        e.setGas(1000);
        assertEquals(ExitKind.PAGE_FAULT, e.run());
        assertEquals(0x1000, e.exitArg());
        assertEquals(0, e.pc());
    }

    /** Counts compilations and delegates to the interpreter. */
    private static final class CountingEngine implements Engine {
        final AtomicInteger compiles = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public CompiledCode compile(Program program, GasModel gas) {
            compiles.incrementAndGet();
            return Engine.interpreter().compile(program, gas);
        }
    }

    @Test
    void codeIsCompiledOncePerInvocationNeverPerCall() {
        CountingEngine engine = new CountingEngine();
        Invocation inv = Invocation.builder(FibRecurTest.fibRecur()).gas(K.BIG_GAS).operation(10).engine(engine).build();
        assertEquals(1, engine.compiles.get());
        assertEquals(new KernelResult.Halt(55), inv.run());
        assertEquals(177, inv.liveVms());
        assertEquals(1, engine.compiles.get());
        // two CODE caps with the same sub-blob share one compilation; a different one gets its own
        Invocation.builder(K.jar(".container jar\n.code_cap 64\n.code_cap 65\n ecalli 0\n")).engine(engine).build();
        assertEquals(2, engine.compiles.get());
        Invocation.builder(K.jar(".container jar\n ecalli 0\n", java.util.Map.of(65, " trap\n"))).engine(engine).build();
        assertEquals(4, engine.compiles.get());
    }
}
