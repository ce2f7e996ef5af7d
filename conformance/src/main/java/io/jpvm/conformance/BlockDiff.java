package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.isa.Program;
import java.util.function.Consumer;

/**
 * {@code jpvm diff} at machine level: a program on the interpreter and the recompiler, block by block
 * ({@link LockstepRun} with block stepping), compared at every gas block boundary and every exit, all
 * of memory after every block that can store ({@link MemoryChecking#EVERY_STORING_BLOCK}), so that a
 * divergence is reported at the block that caused it.
 */
public final class BlockDiff {
    /**
     * The comparison and the reference's final state.
     *
     * @param outcome      the lockstep outcome (its divergence, if any)
     * @param status       the final status
     * @param exitPc       the reference's last exit pc
     * @param regs         the reference's registers at the end
     * @param gasLeft      the reference's gas at the end
     * @param faultAddress the page-fault address of a final page fault, else null
     */
    public record Result(LockstepRun.Outcome outcome, String status, long exitPc, long[] regs, long gasLeft,
                         Long faultAddress) {}

    private BlockDiff() {}

    /**
     * A loaded program as {@link MachineRunner} runs it ({@link MachineHost} answers javm host calls),
     * from {@code startPc} with {@code gas} (initialisation charges included) after register overrides.
     */
    public static Result machine(LoadedProgram p, long gas, long[] regs, boolean[] set, long startPc) {
        long init = p.initGas();
        if (Long.compareUnsigned(gas, init) < 0) {
            throw new IllegalArgumentException("gas " + gas + " does not cover the initialisation charge " + init);
        }
        return run(p.program(), vm -> {
            MachineCode.copyMemory(p.newMemory(), vm);
            long[] r = p.initialRegisters();
            for (int i = 0; i < 13; i++) {
                vm.setReg(i, set != null && set[i] ? regs[i] : r[i]);
            }
            vm.setHeapStart(p.heapStart());
            vm.setPc(startPc);
        }, gas - init, new MachineHost(p.profile()));
    }

    /** A reproducer's case with its exit plan; {@code gas} null keeps the reproducer's. */
    public static Result reproducer(FuzzInput in, Long gas, long[] regs, boolean[] set) {
        InterpreterProgram ip = InterpreterProgram.compile(Program.of(in.code(), in.profile()), in.gasModel());
        return run(ip, vm -> {
            FuzzCheck.setUp(vm, in);
            for (int i = 0; i < 13; i++) {
                if (set != null && set[i]) {
                    vm.setReg(i, regs[i]);
                }
            }
            vm.setPc(in.startPc());
        }, gas != null ? gas : in.gas(), new FuzzPolicy(in.plan(), in.profile()));
    }

    private static Result run(InterpreterProgram ip, Consumer<Machine> setUp, long gas, ExitPolicy policy) {
        return run(ip, setUp, gas, policy, MachineEngine.RECOMPILER::compile);
    }

    /** As above against the engine {@code second} compiles for (tests plant bugs this way). */
    static Result run(InterpreterProgram ip, Consumer<Machine> setUp, long gas, ExitPolicy policy,
                      java.util.function.Function<InterpreterProgram, MachineCode> second) {
        try (MachineCode a = MachineEngine.INTERPRETER.compile(ip);
             MachineCode b = second.apply(ip);
             Machine ref = a.newVm();
             Machine other = b.newVm()) {
            setUp.accept(ref);
            setUp.accept(other);
            LockstepRun.Outcome o = LockstepRun.run(ref, other, ip.schedule(), gas, policy, true, Long.MAX_VALUE,
                    MemoryChecking.EVERY_STORING_BLOCK);
            return new Result(o, o.status(), ref.exitPc(), ref.registers(), ref.gas(),
                    ref.exitKind() == ExitKind.PAGE_FAULT ? ref.exitArg() : null);
        }
    }
}
