package io.jpvm.kernel;

/**
 * Why {@link Invocation#run()} returned. {@link ProtocolCall} is a pause (answer it and call
 * {@code run()} again); every other result ends the invocation.
 */
public sealed interface KernelResult {
    /** The root VM replied ({@code ecalli 0} with an empty call stack); {@code value} is its φ7. */
    record Halt(long value) implements KernelResult {}

    /** The root VM trapped, panicked or used an invalid {@code ecalli} (immediate above 127). */
    record Panic() implements KernelResult {}

    /** The root VM ran out of gas (its gas is now 0). */
    record OutOfGas() implements KernelResult {}

    /** The root VM touched an inaccessible page; {@code address} is page-aligned. */
    record PageFault(long address) implements KernelResult {}

    /**
     * The active VM called PROTOCOL cap {@code slot} (the protocol id 1..28, which is also its slot in
     * VM 0). The active VM's registers and memory are available through the invocation.
     */
    record ProtocolCall(int slot) implements KernelResult {}

    /** True for every result except {@link ProtocolCall}. */
    default boolean isFinal() {
        return !(this instanceof ProtocolCall);
    }
}
