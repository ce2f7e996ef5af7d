package io.jpvm.kernel;

/** What a {@link HostFunction} wants the kernel to do once it has handled a protocol call. */
public enum HostAction {
    /** Continue the calling VM after its {@code ecalli}. */
    RESUME,
    /** Stop {@link Invocation#run()} with {@link KernelResult.ProtocolCall}; the embedder resumes later. */
    YIELD,
    /** The calling VM panics (a child reports status 2 to its caller; the root ends with Panic). */
    PANIC,
    /** The calling VM runs out of gas (gas 0; status 3, or OutOfGas at the root). */
    OUT_OF_GAS
}
