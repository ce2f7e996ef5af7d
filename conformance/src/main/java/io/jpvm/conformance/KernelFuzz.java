package io.jpvm.conformance;

/**
 * Differential fuzzing of multi-VM kernel programs: {@link KernelGenerator} writes JAR v2 programs whose
 * VM 0 RETYPEs, MAPs, CREATEs, GRANTs, CALLs, REVOKEs and DROPs while children compute, make protocol
 * calls, create grandchildren and fault; {@link KernelCheck} runs each on the interpreter's and the
 * recompiler's kernel engines ({@link KernelEngines#recompiler()}) and compares every pause;
 * {@link KernelShrinker} and {@link KernelReproducer} handle failures. {@link Fuzzer} runs one such
 * case per seed when asked to.
 */
public final class KernelFuzz {
    private KernelFuzz() {}

    /** Whether kernel programs can be fuzzed here: the recompiler's kernel engine exists and runs. */
    public static boolean available() {
        return KernelEngines.recompiler().isPresent();
    }
}
