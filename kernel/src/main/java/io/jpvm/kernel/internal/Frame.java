package io.jpvm.kernel.internal;

/**
 * One CALL (or RESUME) in progress: who called whom, and the cap passed in the callee's slot 0
 * ({@code passSlot} 0 = none) with the pages it had mapped in the caller, to re-map on REPLY.
 */
record Frame(Vm caller, Vm callee, int passSlot, Cap passed, long[] passedPages) {}
