package io.jpvm.conformance;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;

/**
 * Runs a {@link LoadedProgram} on the interpreter with a minimal machine-level host (until the
 * capability kernel exists). javm profile: every {@code ecalli} costs 10 gas; {@code ecalli 0}
 * (REPLY at the root) halts with φ7; {@code ecalli 1} (protocol cap GAS) sets φ7 to the gas left;
 * {@code ecalli 2..28} (other protocol caps) answer WHAT in φ7; any other ecalli and every
 * {@code ecall} need the kernel and stop the run with status host-call / ecall. gp072 profile:
 * every host call stops the run with status host-call and its id.
 */
public final class MachineRunner {
    /** WHAT = 2^64 − 2. */
    public static final long WHAT = -2L;
    /** Gas the kernel charges per ecalli. */
    public static final long ECALLI_GAS = 10;

    private MachineRunner() {}

    /** Runs from pc 0 with {@code gas}, after applying register overrides ({@code regs[i]} where {@code set[i]}). */
    public static RunResult run(LoadedProgram p, long gas, long[] regOverrides, boolean[] overridden) {
        return run(p, gas, regOverrides, overridden, 0);
    }

    /** As {@link #run(LoadedProgram, long, long[], boolean[])}, starting at {@code startPc}. */
    public static RunResult run(LoadedProgram p, long gas, long[] regOverrides, boolean[] overridden, long startPc) {
        GuestMemory mem = p.newMemory();
        Interpreter vm = new Interpreter(p.program(), mem);
        long[] regs = p.initialRegisters();
        for (int i = 0; i < 13; i++) {
            vm.setReg(i, overridden != null && overridden[i] ? regOverrides[i] : regs[i]);
        }
        vm.setHeapStart(p.heapStart());
        if (Long.compareUnsigned(gas, p.initGas()) < 0) {
            return new RunResult("out-of-gas", startPc, vm.registers(), gas, 0, null, null, 0, 0);
        }
        vm.setGas(gas - p.initGas());
        vm.setPc(startPc);
        long hostCalls = 0;
        long t0 = System.nanoTime();
        ExitKind exit;
        String status = null;
        while (true) {
            exit = vm.run();
            if (exit != ExitKind.HOST_CALL || p.profile() != Profile.JAVM) {
                break;
            }
            long id = vm.exitArg();
            if (id > 28) {
                break;
            }
            if (vm.gas() < ECALLI_GAS) {
                vm.setGas(0);
                status = "out-of-gas";
                break;
            }
            vm.setGas(vm.gas() - ECALLI_GAS);
            hostCalls++;
            if (id == 0) {
                status = "halt";
                break;
            }
            vm.setReg(7, id == 1 ? vm.gas() : WHAT);
        }
        long elapsed = System.nanoTime() - t0;
        if (status == null) {
            status = exit.id();
        }
        return new RunResult(status, vm.exitPc(), vm.registers(), gas, vm.gas(),
                exit == ExitKind.PAGE_FAULT ? vm.exitArg() : null,
                "host-call".equals(status) ? vm.exitArg() : null, hostCalls, elapsed);
    }
}
