package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import io.jpvm.interpreter.ExitKind;

/**
 * Runs a {@link LoadedProgram} on one machine of either engine with the minimal machine-level host
 * {@link MachineHost}: javm: every {@code ecalli} costs 10 gas; {@code ecalli 0} (REPLY at the root)
 * halts with φ7; {@code ecalli 1} (protocol cap GAS) sets φ7 to the gas left; {@code ecalli 2..28}
 * (other protocol caps) answer WHAT in φ7; any other ecalli and every {@code ecall} need the kernel
 * and stop the run with status host-call / ecall. gp072: every host call stops the run with status
 * host-call and its id.
 */
public final class MachineRunner {
    /** WHAT = 2^64 − 2. */
    public static final long WHAT = -2L;
    /** Gas the kernel charges per ecalli. */
    public static final long ECALLI_GAS = 10;

    private MachineRunner() {}

    /** Runs on the interpreter from pc 0 with {@code gas}, after register overrides ({@code regs[i]} where {@code set[i]}). */
    public static RunResult run(LoadedProgram p, long gas, long[] regOverrides, boolean[] overridden) {
        return run(p, MachineEngine.INTERPRETER, gas, regOverrides, overridden, 0);
    }

    /** As {@link #run(LoadedProgram, long, long[], boolean[])}, starting at {@code startPc}. */
    public static RunResult run(LoadedProgram p, long gas, long[] regOverrides, boolean[] overridden, long startPc) {
        return run(p, MachineEngine.INTERPRETER, gas, regOverrides, overridden, startPc);
    }

    /** Runs on {@code engine} from {@code startPc} with {@code gas} (initialisation charges included). */
    public static RunResult run(LoadedProgram p, MachineEngine engine, long gas, long[] regOverrides,
                                boolean[] overridden, long startPc) {
        try (Machine vm = engine.load(p)) {
            return run(vm, p, gas, regOverrides, overridden, startPc);
        }
    }

    /** As above on a machine already made from {@code p} (fresh: nothing run yet). */
    public static RunResult run(Machine vm, LoadedProgram p, long gas, long[] regOverrides, boolean[] overridden,
                                long startPc) {
        for (int i = 0; i < 13; i++) {
            if (overridden != null && overridden[i]) {
                vm.setReg(i, regOverrides[i]);
            }
        }
        if (Long.compareUnsigned(gas, p.initGas()) < 0) {
            return new RunResult("out-of-gas", startPc, vm.registers(), gas, 0, null, null, 0, 0);
        }
        vm.setGas(gas - p.initGas());
        vm.setPc(startPc);
        MachineHost host = new MachineHost(p.profile());
        long t0 = System.nanoTime();
        ExitKind exit;
        ExitAction action;
        do {
            exit = vm.run();
            action = host.onExit(vm);
            action.effect().accept(vm);
        } while (!action.ends());
        long elapsed = System.nanoTime() - t0;
        String status = action.status() != null ? action.status() : exit.id();
        return new RunResult(status, vm.exitPc(), vm.registers(), gas, vm.gas(),
                exit == ExitKind.PAGE_FAULT ? vm.exitArg() : null,
                "host-call".equals(status) ? vm.exitArg() : null, host.hostCalls(), elapsed);
    }
}
