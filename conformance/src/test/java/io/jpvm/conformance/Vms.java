package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.gas.GasModel;
import io.jpvm.gas.Gp072GasModel;
import io.jpvm.gas.JavmGasModel;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;

/** Builds interpreters for the spec tests and checks exits. */
final class Vms {
    /** gp072 halt address (GP: 2^32 − 2^16). */
    static final long HALT_ADDRESS = 0xFFFF0000L;

    private Vms() {}

    /** gp072: one gas per instruction; javm: the pipeline model with the default memory tier (25). */
    static GasModel gasModel(Profile p) {
        return p == Profile.GP072 ? Gp072GasModel.INSTANCE : new JavmGasModel(25);
    }

    static Interpreter vm(TestCode code, Profile p, GuestMemory mem, long gas) {
        return vm(code.blob(), p, mem, gas);
    }

    static Interpreter vm(CodeBlob blob, Profile p, GuestMemory mem, long gas) {
        Interpreter vm = new Interpreter(InterpreterProgram.compile(Program.of(blob, p), gasModel(p)), mem);
        vm.setGas(gas);
        return vm;
    }

    static Interpreter vm(TestCode code, Profile p, long gas) {
        return vm(code, p, GuestMemory.forProfile(p), gas);
    }

    /** Asserts the exit kind, the reported pc and the gas left of the last exit. */
    static void assertExit(Interpreter vm, ExitKind kind, long pc, long gas) {
        assertEquals(kind, vm.exitKind(), "exit kind");
        assertEquals(pc, vm.exitPc(), "exit pc");
        assertEquals(gas, vm.gas(), "gas left");
    }

    /** Asserts the exit kind and the reported pc of the last exit. */
    static void assertExit(Interpreter vm, ExitKind kind, long pc) {
        assertEquals(kind, vm.exitKind(), "exit kind");
        assertEquals(pc, vm.exitPc(), "exit pc");
    }

    static void assertBytes(GuestMemory mem, long address, int... expected) {
        byte[] want = new byte[expected.length];
        for (int i = 0; i < want.length; i++) {
            want[i] = (byte) expected[i];
        }
        assertArrayEquals(want, mem.peek(address, want.length), () -> "memory at 0x" + Long.toHexString(address));
    }

    /** A page filled with {@code fill}. */
    static byte[] page(int fill) {
        byte[] p = new byte[GuestMemory.PAGE_SIZE];
        java.util.Arrays.fill(p, (byte) fill);
        return p;
    }
}
