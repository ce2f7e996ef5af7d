package io.jpvm.conformance;

/**
 * The end state of a machine-level run.
 *
 * @param status       halt, panic, trap, out-of-gas, page-fault, host-call or ecall
 * @param pc           the pc reported with the exit
 * @param regs         the 13 registers at the end
 * @param gasGiven     gas the run was given (initialisation charges included)
 * @param gasLeft      gas left at the end
 * @param faultAddress page-fault address, or null
 * @param hostCallId   the unanswered host call id for status host-call, else null
 * @param hostCalls    how many host calls the machine-level host answered
 * @param elapsedNanos execution time only (no parsing, decoding or memory set-up)
 * @param vmsLive      live VMs at the end (VM 0 included; 1 for machine-level runs)
 * @param vmsCreated   VMs created during the run (VM 0 included; 1 for machine-level runs)
 */
public record RunResult(String status, long pc, long[] regs, long gasGiven, long gasLeft, Long faultAddress,
                        Long hostCallId, long hostCalls, long elapsedNanos, int vmsLive, long vmsCreated) {

    /** A machine-level result: one VM. */
    public RunResult(String status, long pc, long[] regs, long gasGiven, long gasLeft, Long faultAddress,
                     Long hostCallId, long hostCalls, long elapsedNanos) {
        this(status, pc, regs, gasGiven, gasLeft, faultAddress, hostCallId, hostCalls, elapsedNanos, 1, 1);
    }

    public long gasUsed() {
        return gasGiven - gasLeft;
    }

    /** φ7. */
    public long result() {
        return regs[7];
    }
}
