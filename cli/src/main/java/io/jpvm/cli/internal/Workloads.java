package io.jpvm.cli.internal;

import io.jpvm.conformance.RandomProgram;
import io.jpvm.conformance.ReferenceProgram;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;

/**
 * Workloads of {@code jpvm bench} and {@code jpvm demo}: the reference fib loop per profile and a
 * random straight-line ALU/load/store program (conformance's RandomProgram) for timing the decoder.
 */
final class Workloads {
    /** Loop iterations of the reference fib program. */
    static final long FIB_ITERATIONS = 1_000_000;
    /** Size of the random decode workload, in instructions. */
    static final int DECODE_INSTRUCTIONS = RandomProgram.DECODE_INSTRUCTIONS;

    private Workloads() {}

    /** The fib loop in {@code profile}: a JAR v2 for javm, a deblob halting through 0xFFFF0000 for gp072. */
    static ReferenceProgram fib(Profile profile) {
        return profile == Profile.JAVM ? ReferenceProgram.FIB : ReferenceProgram.FIB_GP;
    }

    /** The assembled random decode workload's code. */
    static CodeBlob randomCode(int count, long seed) {
        return RandomProgram.code(count, seed);
    }
}
