package io.jpvm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.gas.GasModel;
import io.jpvm.gas.JavmGasModel;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Assembler;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine contract over the tests' engine: shared code, per-VM executions, shared physical pages. */
class EngineContractTest {

    private static CompiledCode compile(String src) {
        Program p = Program.of(Assembler.assemble(src).code(), Profile.JAVM);
        return K.engine().compile(p, JavmGasModel.forMemoryPages(0));
    }

    private static byte read(PhysicalMemory m, long page, int offset) {
        byte[] b = new byte[1];
        m.read(page, offset, b, 0, 1);
        return b[0];
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
        try (PhysicalMemory mem = K.engine().newMemory(8)) {
            Execution a = code.newExecution(mem);
            Execution b = code.newExecution(mem);
            mem.write(5, 0, new byte[] {41}, 0, 1);   // host write before any mapping
            a.map(3, 5, true);
            b.map(3, 5, true);
            a.setGas(10_000);
            b.setGas(10_000);
            assertEquals(ExitKind.HOST_CALL, a.run());
            assertEquals(9, a.exitArg());
            assertEquals(42, a.reg(7));
            assertEquals(ExitKind.HOST_CALL, b.run());
            assertEquals(43, b.reg(7));           // b sees a's write
            assertEquals(43, read(mem, 5, 0));    // and so does the host
            mem.write(5, 0, new byte[] {99}, 0, 1);
            assertEquals(ExitKind.HOST_CALL, a.run());
            assertEquals(0, a.exitArg());
            assertEquals(a.exitPc(), a.pc());
            b.unmap(3);
            b.setPc(0);
            assertEquals(ExitKind.PAGE_FAULT, b.run());
            assertEquals(0x3000, b.exitArg());
            a.setPc(0);
            assertEquals(ExitKind.HOST_CALL, a.run());
            assertEquals(100, a.reg(7));          // a sees the host's write
        }
    }

    @Test
    void readOnlyMappingsFault() {
        CompiledCode code = compile(" store_imm_u8 0x1000, 1\n ecalli 0\n");
        try (PhysicalMemory mem = K.engine().newMemory(1)) {
            Execution e = code.newExecution(mem);
            e.map(1, 0, false);
            e.setGas(1000);
            assertEquals(ExitKind.PAGE_FAULT, e.run());
            assertEquals(0x1000, e.exitArg());
            assertEquals(0, e.pc());
            assertEquals(0, read(mem, 0, 0));
        }
    }

    /** Counts compilations and delegates to the tests' engine. */
    private static final class CountingEngine implements Engine {
        final AtomicInteger compiles = new AtomicInteger();
        final Engine inner = K.engine();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public CompiledCode compile(Program program, GasModel gas) {
            compiles.incrementAndGet();
            return inner.compile(program, gas);
        }

        @Override
        public PhysicalMemory newMemory(long pageCount) {
            return inner.newMemory(pageCount);
        }
    }

    @Test
    void codeIsCompiledOncePerDistinctSubBlobNeverPerCallAndCachedAcrossInvocations() {
        CountingEngine engine = new CountingEngine();
        Invocation inv = Invocation.builder(FibRecurTest.fibRecur()).gas(K.BIG_GAS).operation(10).engine(engine).build();
        assertEquals(1, engine.compiles.get());
        assertEquals(new KernelResult.Halt(55), inv.run());
        assertEquals(177, inv.liveVms());
        assertEquals(1, engine.compiles.get());
        // the next invocation of the same code finds it in the cache
        assertEquals(new KernelResult.Halt(55),
                Invocation.builder(FibRecurTest.fibRecur()).gas(K.BIG_GAS).operation(10).engine(engine).build().run());
        assertEquals(1, engine.compiles.get());
        // two CODE caps with the same sub-blob share one compilation; a different one gets its own
        Invocation.builder(K.jar(".container jar\n.code_cap 64\n.code_cap 65\n ecalli 0\n")).engine(engine).build();
        assertEquals(2, engine.compiles.get());
        // " ecalli 0" is cached by now; " trap" is new
        Invocation.builder(K.jar(".container jar\n ecalli 0\n", java.util.Map.of(65, " trap\n"))).engine(engine).build();
        assertEquals(3, engine.compiles.get());
        // another memory tier is another gas model: compiled again
        Invocation.builder(K.jar(".container jar\n.memory_pages 5000\n ecalli 0\n")).engine(engine).build();
        assertEquals(4, engine.compiles.get());
    }
}
