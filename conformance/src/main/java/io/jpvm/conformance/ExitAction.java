package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import java.util.function.Consumer;

/**
 * What an embedder does at an exit: an effect on the machine (answer a host call, charge gas, map a
 * page), then either continue running or stop with a status. The same action is applied to every
 * machine of a differential run, so it must compute from the machine it is given, never from state
 * of its own.
 *
 * @param ends   whether the run ends here
 * @param status the status the run ends with (null: the exit kind's own)
 * @param effect applied to the machine before continuing or stopping
 * @param fresh  the effect calls {@code setPc}: the next run charges as a fresh start
 */
public record ExitAction(boolean ends, String status, Consumer<Machine> effect, boolean fresh) {
    private static final Consumer<Machine> NOTHING = vm -> { };

    /** Stop with the exit's own status and no effect. */
    public static ExitAction stop() {
        return new ExitAction(true, null, NOTHING, false);
    }

    /** Apply {@code effect}, then stop with {@code status}. */
    public static ExitAction stop(String status, Consumer<Machine> effect) {
        return new ExitAction(true, status, effect, false);
    }

    /** Apply {@code effect}, then run on. */
    public static ExitAction resume(Consumer<Machine> effect) {
        return new ExitAction(false, null, effect, false);
    }

    /** Apply {@code effect}, which starts the machine afresh ({@code setPc}), then run on. */
    public static ExitAction restart(Consumer<Machine> effect) {
        return new ExitAction(false, null, effect, true);
    }
}
