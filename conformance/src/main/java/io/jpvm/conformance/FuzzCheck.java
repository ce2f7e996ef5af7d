package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.isa.Program;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Runs one {@link FuzzInput} on the interpreter and the recompiler in lockstep and compares them. */
public final class FuzzCheck {
    /** Runs (exits plus stepped blocks) after which a case is cut off. */
    static final long MAX_RUNS = 1_000_000;

    private FuzzCheck() {}

    /** The lockstep outcome of {@code in}: a divergence (or an engine exception) means a bug. */
    public static LockstepRun.Outcome run(FuzzInput in) {
        return run(in, in.plan().stepBlocks());
    }

    /** As {@link #run(FuzzInput)}, with block stepping on or off. */
    public static LockstepRun.Outcome run(FuzzInput in, boolean stepBlocks) {
        return run(in, stepBlocks, MachineEngine.RECOMPILER::compile, p -> p);
    }

    /**
     * The general form: the second machine's code comes from {@code second} (the recompiler, or a
     * deliberately broken engine in the fuzzer's own tests), and {@code observe} may wrap the policy.
     */
    static LockstepRun.Outcome run(FuzzInput in, boolean stepBlocks, Function<InterpreterProgram, MachineCode> second,
                                   UnaryOperator<ExitPolicy> observe) {
        InterpreterProgram ip = InterpreterProgram.compile(Program.of(in.code(), in.profile()), in.gasModel());
        MachineCode other;
        try {
            other = second.apply(ip);
        } catch (RuntimeException e) {
            return failed("compile", e, in.gas());
        }
        try (MachineCode interpreted = MachineEngine.INTERPRETER.compile(ip);
             other;
             Machine a = interpreted.newVm();
             Machine b = other.newVm()) {
            setUp(a, in);
            setUp(b, in);
            return LockstepRun.run(a, b, ip.schedule(), in.gas(), observe.apply(new FuzzPolicy(in.plan(), in.profile())),
                    stepBlocks, MAX_RUNS);
        }
    }

    /** Maps the pages, writes their contents, sets registers, heap start and start pc. */
    static void setUp(Machine vm, FuzzInput in) {
        for (FuzzPage p : in.pages()) {
            vm.map(p.page(), 1, p.writable());
            if (p.contents() != null) {
                vm.poke(p.page() << 12, p.contents());
            }
        }
        long[] regs = in.regs();
        for (int i = 0; i < 13; i++) {
            vm.setReg(i, regs[i]);
        }
        vm.setHeapStart(in.heapStart());
        vm.setPc(in.startPc());
    }

    private static LockstepRun.Outcome failed(String where, RuntimeException e, long gas) {
        LockstepRun.Divergence d = new LockstepRun.Divergence(0, 0, 0, false, null,
                List.of(new Difference("exception", "(none)", where + ": " + e)));
        return new LockstepRun.Outcome(d, "exception", gas, gas, 0, 0, 0);
    }
}
