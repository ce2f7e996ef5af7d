package io.jpvm.conformance;

import io.jpvm.isa.Assembler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The project's reference workloads, written in jpvm assembly and shipped as resources of the isa
 * module ({@code io/jpvm/isa/programs/NAME.jpvmasm}), each with the φ7 it must produce.
 */
public enum ReferenceProgram {
    /** Fibonacci loop, 1,000,000 iterations, javm (JAR v2). */
    FIB("fib", 0x2641A9A802E2699DL, 5_000_000L),
    /** The same loop as a gp072 deblob halting through 0xFFFF0000. */
    FIB_GP("fib-gp", 0x2641A9A802E2699DL, 5_000_000L),
    /** 100,000 calls of protocol cap 1 (GAS), javm. */
    HOSTCALL("hostcall", 100_000L, 0),
    /** Insertion sort of 1000 u32 (input n..1), javm. */
    SORT("sort", 1L, 0),
    /** Recursive Fibonacci, one VM per call (kernel CREATE/CALL/REPLY), N = 20 in φ7, javm. */
    FIB_RECUR("fib_recur", 6765L, 0, 20, 21_891);

    private final String resource;
    private final long expectedResult;
    private final long loopInstructions;

    private final long argument;
    private final int expectedVms;

    ReferenceProgram(String resource, long expectedResult, long loopInstructions) {
        this(resource, expectedResult, loopInstructions, 0, 1);
    }

    ReferenceProgram(String resource, long expectedResult, long loopInstructions, long argument, int expectedVms) {
        this.resource = resource;
        this.expectedResult = expectedResult;
        this.loopInstructions = loopInstructions;
        this.argument = argument;
        this.expectedVms = expectedVms;
    }

    /** φ7 given to VM 0 (the program's input; 0 where it takes none). */
    public long argument() {
        return argument;
    }

    /** Live VMs at the end of a correct run (VM 0 included). */
    public int expectedVms() {
        return expectedVms;
    }

    /** The resource name without extension, also the name used on the command line. */
    public String id() {
        return resource;
    }

    /** φ7 at the end of a correct run. */
    public long expectedResult() {
        return expectedResult;
    }

    /** PVM instructions executed in the program's main loop (0 where not meaningful). */
    public long loopInstructions() {
        return loopInstructions;
    }

    /** The assembly source. */
    public String source() {
        String path = "programs/" + resource + ".jpvmasm";
        try (InputStream in = Assembler.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The assembled container bytes. */
    public byte[] bytes() {
        return Assembler.assemble(source()).toContainerBytes();
    }

    /** The container format of the assembled bytes. */
    public ProgramFormat format() {
        return ProgramFormat.byId(Assembler.assemble(source()).container());
    }

    /** Assembles and decodes the program for running. */
    public LoadedProgram load() {
        return LoadedProgram.load(bytes(), format(), null);
    }

    /**
     * Runs the program on the interpreter the way {@code jpvm run} does: JAR v2 programs on the
     * capability kernel, others at machine level; φ7 = {@link #argument()}.
     */
    public RunResult run(long gas) {
        LoadedProgram p = load();
        long[] regs = new long[13];
        boolean[] set = new boolean[13];
        regs[7] = argument;
        set[7] = true;
        return p.runsOnKernel() ? KernelRunner.run(p, gas, regs, set) : MachineRunner.run(p, gas, regs, set);
    }
}
