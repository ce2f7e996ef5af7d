package io.jpvm.recompiler;

import io.jpvm.gas.GasModel;
import io.jpvm.gas.GasSchedule;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.isa.Instruction;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import io.jpvm.recompiler.internal.codegen.CodeGenerator;
import io.jpvm.recompiler.internal.codegen.GeneratedCode;
import io.jpvm.recompiler.internal.memory.CodeMemory;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * A program translated once into x86-64 code, immutable and shareable: any number of {@link NativeVm}s,
 * on any threads, may run it at the same time (the code addresses guest memory and its context
 * relative to r15, each VM's own window).
 *
 * <p>{@link #close()} frees the code at once (refused while a run is in progress); if it is never
 * called, a cleaner frees it once the program and every VM using it are unreachable.
 */
public final class RecompiledProgram implements AutoCloseable {
    /**
     * {@code void f(long guestBase)} at an address given per call: one constant handle for every
     * program, so the JIT inlines the downcall. Not {@code critical}: guest code may run long.
     */
    @SuppressWarnings("restricted")
    private static final MethodHandle ENTER =
            Linker.nativeLinker().downcallHandle(FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG));

    private final Program program;
    private final GasSchedule schedule;
    private final GeneratedCode generated;
    private final CodeMemory code;
    /** The code as a global-scope segment: the downcall target, guarded by the code memory's acquire/release. */
    private final MemorySegment entry;
    private final long codeAddress;

    private RecompiledProgram(GasSchedule schedule) {
        if (!Platform.supported()) {
            throw new UnsupportedOperationException("the recompiler needs Linux on x86-64 with POPCNT, LZCNT and BMI1");
        }
        this.program = schedule.program();
        this.schedule = schedule;
        GeneratedCode g = CodeGenerator.generateTransient(schedule);
        this.generated = g.withoutBuffer();
        CodeMemory mem = CodeMemory.allocate(g.size());
        try {
            mem.write(0, g.buffer(), 0, g.size()).seal();
            this.entry = mem.target();
        } catch (RuntimeException | Error e) {
            mem.close();
            throw e;
        }
        this.code = mem;
        this.codeAddress = mem.address();
    }

    /** Translates {@code program} with the block costs of {@code gas}. */
    public static RecompiledProgram compile(Program program, GasModel gas) {
        return new RecompiledProgram(gas.schedule(program));
    }

    /** Translates the program an interpreter program was decoded from, with the same block costs. */
    public static RecompiledProgram compile(InterpreterProgram program) {
        return new RecompiledProgram(program.schedule());
    }

    /** Translates {@code schedule.program()} with {@code schedule}'s block costs. */
    public static RecompiledProgram compile(GasSchedule schedule) {
        return new RecompiledProgram(schedule);
    }

    public Program program() {
        return program;
    }

    public GasSchedule schedule() {
        return schedule;
    }

    public Profile profile() {
        return program.profile();
    }

    /** Bytes of generated code (dispatch table included). */
    public int codeSize() {
        return generated.size();
    }

    /** Frees the generated code; idempotent. VMs of this program cannot run afterwards. */
    @Override
    public void close() {
        code.close();
    }

    // ---------------------------------------------------------------- for NativeVm

    /**
     * Runs the code from its entry point: {@code void entry(long guestBase)}, one downcall; the code
     * memory refuses to close meanwhile.
     */
    void enter(long guestBase) {
        code.acquire();
        try {
            ENTER.invokeExact(entry, guestBase);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            code.release();
        }
    }

    long bodyAddress(int index) {
        return codeAddress + generated.bodyOffsets()[index];
    }

    /** The dense index of the memory access at native address {@code rip}, or -1. */
    int trapIndex(long rip) {
        return generated.trapIndex(rip - codeAddress);
    }

    long cost(int index) {
        return schedule.costAt(index);
    }

    int pc(int index) {
        return program.pcOf(index);
    }

    Instruction instruction(int index) {
        return program.instruction(index);
    }

    long codeAddress() {
        return codeAddress;
    }
}
