package io.jpvm.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.gas.Gp072GasModel;
import io.jpvm.isa.Assembler;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import org.junit.jupiter.api.Test;

/** resumeAt continues at a pc without charging; setPc charges the rest of the block from there. */
class ResumeAtTest {
    private static Interpreter vm() {
        Program p = Program.of(Assembler.assemble("""
                load_imm r1, 1
                ecalli 5
                load_imm r2, 2
                trap
                """).code(), Profile.GP072);
        Interpreter vm = new Interpreter(InterpreterProgram.compile(p, Gp072GasModel.INSTANCE),
                GuestMemory.forProfile(Profile.GP072));
        vm.setGas(100);
        return vm;
    }

    @Test
    void resumeAtDoesNotChargeAgain() {
        Interpreter vm = vm();
        assertEquals(ExitKind.HOST_CALL, vm.run());
        assertEquals(96, vm.gas(), "the whole basic block (4 instructions) is paid on entry");
        long ecalliPc = vm.exitPc();
        vm.resumeAt(ecalliPc);
        assertEquals(ExitKind.HOST_CALL, vm.run(), "the ecalli runs again");
        assertEquals(96, vm.gas());
    }

    @Test
    void setPcChargesTheRestOfTheBlock() {
        Interpreter vm = vm();
        vm.run();
        vm.setPc(vm.exitPc());
        vm.run();
        assertEquals(93, vm.gas(), "ecalli, load_imm, trap charged again");
    }
}
