package io.jpvm.kernel.internal;

/** The VM lifecycle (javm-reference §3.2). */
enum VmState {
    /** Created or replied: can be CALLed. */
    IDLE,
    /** The active VM. */
    RUNNING,
    /** Called another VM and waits for its reply or fault. */
    WAITING_FOR_REPLY,
    /** Exited without REPLY (trap, panic, out of gas, page fault, invalid ecalli): can be RESUMEd. */
    FAULTED
}
