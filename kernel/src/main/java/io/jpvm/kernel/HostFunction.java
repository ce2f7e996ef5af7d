package io.jpvm.kernel;

/**
 * Answers a protocol call ({@code ecalli} on a PROTOCOL cap) inside {@link Invocation#run()} instead
 * of returning {@link KernelResult.ProtocolCall} to the embedder. The 10 gas of the {@code ecalli} are
 * already charged; the function reads and writes the calling VM through the invocation's
 * {@code active*} accessors and its memory methods, may charge more gas with
 * {@link Invocation#setActiveGas}, and says how to go on.
 */
@FunctionalInterface
public interface HostFunction {
    /**
     * Handles protocol {@code protocolId} (1..28) for the invocation's active VM.
     *
     * @return how the kernel continues
     */
    HostAction call(int protocolId, Invocation invocation);

    /**
     * Protocol 1 (GAS): φ7 := gas left, then resume. Registering exactly this function for protocol 1
     * also lets the engine answer VM 0's {@code ecalli 1} inside generated code while its slot 1 holds
     * the original GAS cap (same gas, same φ7, no exit).
     */
    HostFunction GAS = (id, inv) -> {
        inv.setActiveReg(7, inv.activeGas());
        return HostAction.RESUME;
    };
}
