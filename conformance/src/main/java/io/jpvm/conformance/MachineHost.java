package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Profile;

/**
 * The machine-level host of {@link MachineRunner}. javm: every {@code ecalli} costs
 * {@link MachineRunner#ECALLI_GAS}; {@code ecalli 0} (REPLY at the root) halts with φ7, {@code ecalli 1}
 * (GAS) sets φ7 to the gas left, {@code ecalli 2..28} answer WHAT; anything else stops the run.
 * gp072: every exit stops the run.
 */
public final class MachineHost implements ExitPolicy {
    private final Profile profile;
    private long hostCalls;

    public MachineHost(Profile profile) {
        this.profile = profile;
    }

    /** Host calls answered so far. */
    public long hostCalls() {
        return hostCalls;
    }

    @Override
    public ExitAction onExit(Machine vm) {
        if (vm.exitKind() != ExitKind.HOST_CALL || profile != Profile.JAVM) {
            return ExitAction.stop();
        }
        long id = vm.exitArg();
        if (id > 28) {
            return ExitAction.stop();
        }
        if (vm.gas() < MachineRunner.ECALLI_GAS) {
            return ExitAction.stop("out-of-gas", v -> v.setGas(0));
        }
        hostCalls++;
        if (id == 0) {
            return ExitAction.stop("halt", v -> v.setGas(v.gas() - MachineRunner.ECALLI_GAS));
        }
        return ExitAction.resume(v -> {
            v.setGas(v.gas() - MachineRunner.ECALLI_GAS);
            v.setReg(7, id == 1 ? v.gas() : MachineRunner.WHAT);
        });
    }
}
