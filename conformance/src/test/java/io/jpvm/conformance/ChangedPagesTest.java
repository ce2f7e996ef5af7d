package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpvm.gas.Gp072GasModel;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.interpreter.Machine;
import io.jpvm.isa.Assembler;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Block-stepped lockstep runs compare only the pages the reference changed, plus every page at a
 * bounded amortized cost ({@link StepMemoryCheck}): a write of the second machine to a page the
 * reference never touches is still found, and the cost no longer grows with the heap.
 */
class ChangedPagesTest {
    /** r1 counts down from 50; each pass stores r1 at 0x10000. */
    private static final String STORE_LOOP = """
            load_imm r1, 50
            fallthrough
            L0:
            store_u32 r1, 0x10000
            add_imm_64 r1, r1, -1
            branch_ne_imm r1, 0, L0
            trap
            """;

    /** As {@link #STORE_LOOP}, each pass also growing the heap by 5000 bytes and storing r1 at its old end. */
    private static String sbrkLoop(int passes) {
        return """
                load_imm r1, %d
                load_imm r2, 5000
                fallthrough
                L0:
                sbrk r3, r2
                store_ind_u32 r1, r3, 0
                store_u32 r1, 0x10000
                add_imm_64 r1, r1, -1
                branch_ne_imm r1, 0, L0
                trap
                """.formatted(passes);
    }

    private static LockstepRun.Outcome run(String source, long pages, MachineEngine engine, MemoryChecking mode,
                                           UnaryOperator<Machine> wrap) {
        assumeTrue(engine.available(), engine.unavailableReason());
        Program p = Program.of(Assembler.assemble(source).code(), Profile.GP072);
        InterpreterProgram ip = InterpreterProgram.compile(p, Gp072GasModel.INSTANCE);
        try (MachineCode a = MachineEngine.INTERPRETER.compile(ip);
             MachineCode b = MachineCode.wrapped(engine.compile(ip), wrap);
             Machine ref = a.newVm();
             Machine other = b.newVm()) {
            for (Machine vm : new Machine[] {ref, other}) {
                vm.map(0x10, pages, true);
                vm.setPc(0);
            }
            return LockstepRun.run(ref, other, ip.schedule(), 1_000_000, vm -> ExitAction.stop(), true, 1_000_000,
                    mode);
        }
    }

    private static LockstepRun.Divergence diverged(LockstepRun.Outcome o) {
        LockstepRun.Divergence d = o.divergence();
        assertNotNull(d, "the stray write was not found");
        return d;
    }

    @ParameterizedTest
    @EnumSource(MachineEngine.class)
    void agreeingMachinesAgree(MachineEngine engine) {
        LockstepRun.Outcome o = run(sbrkLoop(50), 200, engine, MemoryChecking.CHANGED_PAGES, vm -> vm);
        assertTrue(o.identical(), () -> o.divergence().toString());
        assertEquals(ExitKind.PANIC.id(), o.status()); // gp072 trap
        assertEquals(51, o.blocks());
    }

    @ParameterizedTest
    @EnumSource(MachineEngine.class)
    void strayWriteInSmallMemoryIsFoundAtItsBlock(MachineEngine engine) {
        // 4 pages ≤ PAGES_PER_BLOCK: every storing block is compared in full
        LockstepRun.Divergence d = diverged(run(STORE_LOOP, 4, engine, MemoryChecking.CHANGED_PAGES,
                vm -> new StrayWrite(vm, 10, 0x12L << 12)));
        assertEquals(9, d.step());
        assertEquals("memory 0x12123", d.differences().getFirst().field());
    }

    @ParameterizedTest
    @EnumSource(MachineEngine.class)
    void strayWriteInLargeMemoryIsFoundWithinOnePeriod(MachineEngine engine) {
        long pages = 200;
        long period = (pages + StepMemoryCheck.PAGES_PER_BLOCK - 1) / StepMemoryCheck.PAGES_PER_BLOCK;
        LockstepRun.Divergence d = diverged(run(sbrkLoop(50), pages, engine, MemoryChecking.CHANGED_PAGES,
                vm -> new StrayWrite(vm, 10, 0x80L << 12)));
        assertTrue(d.step() >= 9 && d.step() <= 9 + period, "found at step " + d.step());
        assertEquals("memory 0x80123", d.differences().getFirst().field());
        LockstepRun.Divergence exact = diverged(run(sbrkLoop(50), pages, engine, MemoryChecking.EVERY_STORING_BLOCK,
                vm -> new StrayWrite(vm, 10, 0x80L << 12)));
        assertEquals(9, exact.step());
    }

    @ParameterizedTest
    @EnumSource(MachineEngine.class)
    void strayWriteAtTheEndIsFoundByTheFinalComparison(MachineEngine engine) {
        // run 51 is the last pass of the loop, run 52 ends in the trap: no full comparison is due in between
        LockstepRun.Divergence d = diverged(run(sbrkLoop(50), 200, engine, MemoryChecking.CHANGED_PAGES,
                vm -> new StrayWrite(vm, 51, 0x80L << 12)));
        assertTrue(d.step() >= 50, "found at step " + d.step());
    }

    @ParameterizedTest
    @EnumSource(MachineEngine.class)
    void strayWriteInAFreshHeapPageIsFoundAtItsBlock(MachineEngine engine) {
        // the last byte the 10th run's sbrk added lies on a page mapped in that run, never stored to
        LockstepRun.Divergence d = diverged(run(sbrkLoop(50), 200, engine, MemoryChecking.CHANGED_PAGES,
                vm -> new StrayWrite(vm, 10, -1)));
        assertEquals(9, d.step());
        assertTrue(d.differences().getFirst().field().startsWith("memory 0x"), d.toString());
    }

    @ParameterizedTest
    @EnumSource(value = MemoryChecking.class)
    void heapGrowthNoLongerMakesEveryBlockCostTheWholeMemory(MemoryChecking mode) {
        int passes = 300; // the heap grows to ~370 pages
        PeekCounter[] counter = new PeekCounter[1];
        LockstepRun.Outcome o = run(sbrkLoop(passes), 1, MachineEngine.INTERPRETER, mode,
                vm -> counter[0] = new PeekCounter(vm));
        assertTrue(o.identical());
        long heapPages = (passes * 5000L + 4095) / 4096;
        long peeks = counter[0].peeks;
        if (mode == MemoryChecking.CHANGED_PAGES) {
            // per storing block: at most 3 changed pages, PAGES_PER_BLOCK amortized full comparisons
            long bound = passes * (3 + StepMemoryCheck.PAGES_PER_BLOCK) + 2 * heapPages;
            assertTrue(peeks <= bound, peeks + " pages read, more than " + bound);
        } else {
            long atLeast = passes * heapPages / 2 - 2 * heapPages; // every block reads the whole heap so far
            assertTrue(peeks >= atLeast, peeks + " pages read, fewer than " + atLeast);
        }
    }

    /**
     * A machine that, after its {@code n}-th run, writes one byte at {@code page address + 0x123} (or,
     * with a negative address, at the last byte the heap grew to: φ3 + 4999) without its guest asking.
     */
    private static final class StrayWrite extends Delegating {
        private final int n;
        private final long pageAddress;
        private int runs;

        StrayWrite(Machine vm, int n, long pageAddress) {
            super(vm);
            this.n = n;
            this.pageAddress = pageAddress;
        }

        @Override
        public ExitKind run() {
            ExitKind k = super.run();
            if (++runs == n) {
                long at = pageAddress >= 0 ? pageAddress + 0x123 : reg(3) + 4999;
                poke(at, new byte[] {(byte) (peek(at, 1)[0] ^ 0x5A)});
            }
            return k;
        }
    }

    /** Counts the pages read through {@link Machine#peek}. */
    private static final class PeekCounter extends Delegating {
        long peeks;

        PeekCounter(Machine vm) {
            super(vm);
        }

        @Override
        public byte[] peek(long address, int length) {
            peeks++;
            return super.peek(address, length);
        }
    }
}
