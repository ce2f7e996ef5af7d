package io.jpvm.recompiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import io.jpvm.recompiler.internal.memory.CodeMemory;
import io.jpvm.recompiler.internal.memory.GuestWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Sharing a compiled program between VMs and threads; deterministic and cleaner-driven freeing. */
class LifecycleTest {
    static final String SUM = """
            load_imm r3, 0
            fallthrough
            loop: add_64 r3, r3, r1
            store_ind_u64 r3, r2, 0
            add_imm_64 r1, r1, -1
            branch_ne_imm r1, 0, loop
            ecalli 0
            """;

    static Program program() {
        return Program.of(Engines.blob(SUM), Profile.JAVM);
    }

    @Test
    void oneProgramManyVmsManyThreads() throws Exception {
        Program prog = program();
        InterpreterProgram ip = InterpreterProgram.compile(prog, Engines.gasModel(Profile.JAVM));
        try (RecompiledProgram rp = RecompiledProgram.compile(ip);
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    for (int k = 0; k < 25; k++) {
                        long n = 1000L * seed + k;
                        GuestMemory mem = GuestMemory.forProfile(Profile.JAVM);
                        mem.mapZero(0x100, 1, true);
                        Interpreter in = new Interpreter(ip, mem);
                        in.setReg(1, n);
                        in.setReg(2, 0x100000 + 8 * k);
                        in.setGas(1_000_000_000L);
                        ExitKind want = in.run();
                        try (NativeVm vm = new NativeVm(rp)) {
                            vm.map(0x100, 1, true);
                            vm.setReg(1, n);
                            vm.setReg(2, 0x100000 + 8 * k);
                            vm.setGas(1_000_000_000L);
                            assertEquals(want, vm.run());
                            assertArrayEquals(in.registers(), vm.registers());
                            assertEquals(in.gas(), vm.gas());
                            assertArrayEquals(mem.peek(0x100000, 4096), vm.peek(0x100000, 4096));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    @Test
    void closedProgramCannotRun() {
        RecompiledProgram rp = RecompiledProgram.compile(program(), Engines.gasModel(Profile.JAVM));
        try (NativeVm vm = new NativeVm(rp)) {
            vm.setGas(100);
            rp.close();
            rp.close();
            assertThrows(IllegalStateException.class, vm::run);
        }
    }

    @Test
    void closeIsIdempotentAndFreesTheWindow() {
        try (RecompiledProgram rp = RecompiledProgram.compile(program(), Engines.gasModel(Profile.JAVM))) {
            int before = GuestWindow.liveCount();
            NativeVm vm = new NativeVm(rp);
            assertEquals(before + 1, GuestWindow.liveCount());
            vm.close();
            vm.close();
            assertEquals(before, GuestWindow.liveCount());
        }
    }

    @Test
    void unreachableProgramsAndVmsAreFreedByTheCleaner() throws InterruptedException {
        int windows = GuestWindow.liveCount();
        int codes = CodeMemory.liveCount();
        for (int k = 0; k < 50; k++) {
            NativeVm vm = new NativeVm(RecompiledProgram.compile(program(), Engines.gasModel(Profile.JAVM)));
            vm.map(0x100, 1, true);
            vm.setReg(1, 3);
            vm.setReg(2, 0x100000);
            vm.setGas(1000);
            assertEquals(ExitKind.HOST_CALL, vm.run());
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while ((GuestWindow.liveCount() > windows || CodeMemory.liveCount() > codes) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(GuestWindow.liveCount() <= windows, "windows left: " + (GuestWindow.liveCount() - windows));
        assertTrue(CodeMemory.liveCount() <= codes, "code regions left: " + (CodeMemory.liveCount() - codes));
    }
}
