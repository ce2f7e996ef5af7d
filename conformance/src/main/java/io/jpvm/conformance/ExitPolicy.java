package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;

/**
 * The embedder side of a machine-level run: decides, at each exit of the run, what happens next.
 * Called once per exit with the reference machine (the interpreter in a differential run) right after
 * the exit; may keep state of its own (answers consumed, calls counted).
 */
@FunctionalInterface
public interface ExitPolicy {
    ExitAction onExit(Machine vm);
}
