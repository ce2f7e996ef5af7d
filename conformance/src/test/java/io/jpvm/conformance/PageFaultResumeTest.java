package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.HALT_ADDRESS;
import static io.jpvm.conformance.Vms.assertExit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;

/**
 * Page-fault resumption: the fault leaves registers and memory unchanged and the block already paid
 * (gp-conformance.md §7: gas = initial − the whole block containing the faulting instruction); after
 * the embedder maps the page, run() re-executes the faulting instruction and finishes with exactly the
 * gas of an uninterrupted run (no block is charged twice).
 */
class PageFaultResumeTest {

    /**
     * store_ind_u32 [r2] = r1 (pc0) · load_ind_u32 r3 ← [r2] (pc2) · add_imm_64 r4 = r3 + 1 (pc4) ·
     * end (pc7): jump_ind r0 in gp072 (halt), trap in javm.
     */
    private static TestCode program(Profile p) {
        TestCode c = new TestCode().twoRegImm(122, 1, 2, 0).twoRegImm(128, 3, 2, 0).twoRegImm(149, 4, 3, 1);
        return p == Profile.GP072 ? c.jumpInd(0, 0) : c.trap();
    }

    private static Interpreter vm(Profile p, GuestMemory mem) {
        Interpreter vm = Vms.vm(program(p), p, mem, 1000);
        vm.setReg(0, HALT_ADDRESS);
        vm.setReg(1, 0x1234_5678_9ABCL);
        vm.setReg(2, 0x30000);
        return vm;
    }

    @Test
    void gp072ResumeAfterMappingTheFaultingPage() {
        GuestMemory mem = GuestMemory.forProfile(Profile.GP072);
        Interpreter vm = vm(Profile.GP072, mem);
        long[] before = vm.registers();
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertExit(vm, ExitKind.PAGE_FAULT, 0, 996); // the whole 4-instruction block is paid
        assertEquals(0x30000L, vm.exitArg());
        assertArrayEquals(before, vm.registers());

        mem.mapZero(0x30, 1, true);
        assertEquals(ExitKind.HALT, vm.run());
        assertExit(vm, ExitKind.HALT, 7, 996);
        assertEquals(0x5678_9ABCL, vm.reg(3));
        assertEquals(0x5678_9ABDL, vm.reg(4));

        GuestMemory premapped = GuestMemory.forProfile(Profile.GP072);
        premapped.mapZero(0x30, 1, true);
        Interpreter ref = vm(Profile.GP072, premapped);
        ref.run();
        assertExit(ref, ExitKind.HALT, 7, vm.gas());
        assertArrayEquals(ref.registers(), vm.registers());
    }

    @Test
    void javmResumeAfterMappingTheFaultingPage() {
        // §4.3: store (25 cycles) done 25, load done 25, add_imm_64 waits for r3 → done 26,
        // trap done 2: cost 23
        GuestMemory mem = GuestMemory.forProfile(Profile.JAVM);
        Interpreter vm = vm(Profile.JAVM, mem);
        long[] before = vm.registers();
        assertEquals(ExitKind.PAGE_FAULT, vm.run());
        assertExit(vm, ExitKind.PAGE_FAULT, 0, 977);
        assertEquals(0x30000L, vm.exitArg());
        assertArrayEquals(before, vm.registers());

        mem.mapZero(0x30, 1, true);
        assertEquals(ExitKind.TRAP, vm.run());
        assertExit(vm, ExitKind.TRAP, 7, 977);
        assertEquals(0x5678_9ABDL, vm.reg(4));

        GuestMemory premapped = GuestMemory.forProfile(Profile.JAVM);
        premapped.mapZero(0x30, 1, true);
        Interpreter ref = vm(Profile.JAVM, premapped);
        ref.run();
        assertExit(ref, ExitKind.TRAP, 7, vm.gas());
        assertArrayEquals(ref.registers(), vm.registers());
    }

    @Test
    void twoFaultsInOneBlockAreEachResumedWithoutRecharging() {
        for (Profile p : Profile.values()) {
            // store to page 0x30, then load from page 0x40 (r5): two faults, one block charge
            TestCode c = new TestCode().twoRegImm(122, 1, 2, 0).twoRegImm(128, 3, 5, 0);
            c = p == Profile.GP072 ? c.jumpInd(0, 0) : c.trap();
            GuestMemory mem = GuestMemory.forProfile(p);
            Interpreter vm = Vms.vm(c, p, mem, 1000);
            vm.setReg(0, HALT_ADDRESS);
            vm.setReg(1, 7);
            vm.setReg(2, 0x30000);
            vm.setReg(5, 0x40008);
            assertEquals(ExitKind.PAGE_FAULT, vm.run(), p.id());
            assertEquals(0x30000L, vm.exitArg());
            long paid = vm.gas();
            mem.mapZero(0x30, 1, true);
            assertEquals(ExitKind.PAGE_FAULT, vm.run(), p.id());
            assertExit(vm, ExitKind.PAGE_FAULT, 2, paid);
            assertEquals(0x40000L, vm.exitArg());
            mem.map(0x40, Vms.page(0x5A), false);
            vm.run();
            assertExit(vm, p == Profile.GP072 ? ExitKind.HALT : ExitKind.TRAP, 4, paid);
            assertEquals(0x5A5A5A5AL, vm.reg(3), p.id());
            assertEquals(p == Profile.GP072 ? 997 : 1000 - 22, paid, p.id());
        }
    }
}
