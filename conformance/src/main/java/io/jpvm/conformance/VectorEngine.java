package io.jpvm.conformance;

/** Something that can run a w3f vector (gp072 profile) and report the final state. */
public interface VectorEngine {
    /** The engine's name as shown in tables. */
    String name();

    /** Runs {@code vector} from its initial state to its exit. */
    Outcome execute(Vector vector);
}
