package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.InterpreterProgram;

/**
 * A deliberately broken engine for testing the fuzzer itself: the interpreter, except that φ7 has
 * its low bit flipped whenever a run ends with a host call.
 */
final class PlantedBug extends Delegating {
    private PlantedBug(Machine vm) {
        super(vm);
    }

    /** Code whose machines carry the bug. */
    static MachineCode compile(InterpreterProgram p) {
        return MachineCode.wrapped(MachineEngine.INTERPRETER.compile(p), PlantedBug::new);
    }

    /** The fuzzer's check against the broken engine. */
    static LockstepRun.Outcome check(FuzzInput in) {
        return FuzzCheck.run(in, in.plan().stepBlocks(), PlantedBug::compile, p -> p);
    }

    @Override
    public ExitKind run() {
        ExitKind k = super.run();
        if (k == ExitKind.HOST_CALL) {
            setReg(7, reg(7) ^ 1);
        }
        return k;
    }
}
