package io.jpvm.conformance;

import static io.jpvm.conformance.Vms.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;

/**
 * Running sequentially past the last instruction. gp072 (gp-conformance.md §3 worked example, §4, §7):
 * an implicit trap at pc = len(c) → panic there, costing 1 as part of the block. javm
 * (javm-reference.md §1.3, README table): an implicit trap costing 1 gas beyond the block's pipeline
 * cost → exit trap at pc = len(code).
 */
class RunOffEndTest {

    @Test
    void gp072PanicsAtTheCodeLength() {
        // load_imm r1,5 (3 bytes): block = load_imm + implicit trap = 2
        Interpreter vm = Vms.vm(new TestCode().loadImm(1, 5), Profile.GP072, 10);
        assertEquals(ExitKind.PANIC, vm.run());
        assertExit(vm, ExitKind.PANIC, 3, 8);
        assertEquals(5, vm.reg(1));
    }

    @Test
    void gp072Add64WorkedExample() {
        // gp-conformance.md §3: [200,135,9] = add_64 r7 + r8 → r9; panic at pc 3, gas − 2
        Interpreter vm = Vms.vm(new TestCode().threeReg(200, 7, 8, 9), Profile.GP072, 10000);
        vm.setReg(7, 40);
        vm.setReg(8, 2);
        vm.run();
        assertExit(vm, ExitKind.PANIC, 3, 9998);
        assertEquals(42, vm.reg(9));
    }

    @Test
    void javmTrapsAtTheCodeLengthAndPaysOneMore() {
        // [load_imm] costs 1; the implicit trap 1 more
        Interpreter vm = Vms.vm(new TestCode().loadImm(1, 5), Profile.JAVM, 10);
        assertEquals(ExitKind.TRAP, vm.run());
        assertExit(vm, ExitKind.TRAP, 3, 8);
        assertEquals(5, vm.reg(1));

        // [div_u_64] alone: done 60 → 57, + 1 for the implicit trap
        Interpreter div = Vms.vm(new TestCode().threeReg(203, 1, 2, 3), Profile.JAVM, 100);
        assertEquals(ExitKind.TRAP, div.run());
        assertExit(div, ExitKind.TRAP, 3, 42);
    }

    @Test
    void afterATerminatorTheEndIsItsOwnBlock() {
        // fallthrough (pc0) | end (pc1)
        Interpreter gp = Vms.vm(new TestCode().fallthrough(), Profile.GP072, 10);
        gp.run();
        assertExit(gp, ExitKind.PANIC, 1, 8);
        Interpreter javm = Vms.vm(new TestCode().fallthrough(), Profile.JAVM, 10);
        javm.run();
        assertExit(javm, ExitKind.TRAP, 1, 8);
    }

    @Test
    void emptyCode() {
        CodeBlob empty = new CodeBlob(new byte[0], new boolean[0], new int[0]);
        Interpreter gp = Vms.vm(empty, Profile.GP072, GuestMemory.forProfile(Profile.GP072), 10);
        gp.run();
        assertExit(gp, ExitKind.PANIC, 0, 9);
        Interpreter javm = Vms.vm(empty, Profile.JAVM, GuestMemory.forProfile(Profile.JAVM), 10);
        javm.run();
        assertExit(javm, ExitKind.TRAP, 0, 9);
    }

    @Test
    void takenBranchThenRunOffTheEnd() {
        // branch_eq_imm r1,0,L (pc0) | trap (pc6) | L: load_imm r2,1 (pc7) | end (pc10)
        TestCode c = new TestCode();
        TestCode.Label l = c.label();
        c.regImmJump(81, 1, 0, l).trap().bind(l).loadImm(2, 1);
        Interpreter gp = Vms.vm(c, Profile.GP072, 10);
        gp.run();
        assertExit(gp, ExitKind.PANIC, 10, 7); // 1 + (load_imm + implicit trap) 2
        // javm: branch to a non-trap target BR 20 → 17; [load_imm] 1; implicit trap 1
        Interpreter javm = Vms.vm(c, Profile.JAVM, 100);
        javm.run();
        assertExit(javm, ExitKind.TRAP, 10, 81);
        assertEquals(1, javm.reg(2));
    }
}
