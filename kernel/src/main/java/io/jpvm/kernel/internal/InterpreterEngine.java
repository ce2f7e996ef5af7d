package io.jpvm.kernel.internal;

import io.jpvm.gas.GasModel;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.isa.Program;
import io.jpvm.kernel.CompiledCode;
import io.jpvm.kernel.Engine;

/** The {@link Engine} contract over the reference interpreter. */
public final class InterpreterEngine implements Engine {
    public static final InterpreterEngine INSTANCE = new InterpreterEngine();

    private InterpreterEngine() {}

    @Override
    public String name() {
        return "interpreter";
    }

    @Override
    public CompiledCode compile(Program program, GasModel gas) {
        return new InterpreterCode(InterpreterProgram.compile(program, gas));
    }
}
