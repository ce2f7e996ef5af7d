package io.jpvm.conformance;

import io.jpvm.gas.GasModel;
import io.jpvm.gas.Gp072GasModel;
import io.jpvm.gas.JavmGasModel;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.isa.BlobFormatException;
import io.jpvm.isa.CapEntry;
import io.jpvm.isa.CapType;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Deblob;
import io.jpvm.isa.JarProgram;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import io.jpvm.isa.StandardLayout;
import io.jpvm.isa.StandardProgram;

/**
 * A program file decoded once and ready to run at machine level: the decoded code under its profile
 * and gas model, and a recipe for a fresh initial memory and register file per run.
 *
 * <p>JAR v2 programs under the javm profile run on the capability kernel ({@link KernelRunner}); the
 * machine-level view kept here (the invoke CODE cap on one machine: DATA caps mapped at their base
 * pages with their access and initial data, 1500 gas per DATA page charged up front) serves
 * {@link MachineRunner} and JARs run under the gp072 profile. Standard programs get the Gray Paper
 * layout (empty argument). Deblobs
 * start with no memory.
 */
public final class LoadedProgram {
    private final ProgramFormat format;
    private final Profile profile;
    private final InterpreterProgram program;
    private final long initGas;
    private final MemoryRecipe memory;
    private final long[] initialRegs;
    private final long heapStart;
    private byte[] bytes = new byte[0];

    /** Builds the initial memory of one run. */
    @FunctionalInterface
    interface MemoryRecipe {
        void apply(GuestMemory memory);
    }

    private LoadedProgram(ProgramFormat format, Profile profile, InterpreterProgram program, long initGas,
                          MemoryRecipe memory, long[] initialRegs, long heapStart) {
        this.format = format;
        this.profile = profile;
        this.program = program;
        this.initGas = initGas;
        this.memory = memory;
        this.initialRegs = initialRegs;
        this.heapStart = heapStart;
    }

    /**
     * Decodes {@code bytes} as {@code format}; {@code profile} null picks the container's own
     * (javm for JAR, gp072 otherwise). Malformed input raises {@link BlobFormatException}.
     */
    public static LoadedProgram load(byte[] bytes, ProgramFormat format, Profile profile) {
        LoadedProgram p = decode(bytes, format, profile);
        p.bytes = bytes.clone();
        return p;
    }

    private static LoadedProgram decode(byte[] bytes, ProgramFormat format, Profile profile) {
        return switch (format) {
            case JAR -> loadJar(JarProgram.parse(bytes), profile == null ? Profile.JAVM : profile);
            case DEBLOB -> {
                Profile p = profile == null ? Profile.GP072 : profile;
                CodeBlob code = Deblob.parse(bytes).code();
                yield new LoadedProgram(format, p, compile(code, p, 0), 0, m -> { }, new long[13],
                        GuestMemory.LOW_ZONE);
            }
            case PROGRAM -> loadStandard(StandardProgram.parse(bytes), profile == null ? Profile.GP072 : profile);
        };
    }

    private static InterpreterProgram compile(CodeBlob code, Profile p, long memoryPages) {
        GasModel gas = p == Profile.JAVM ? JavmGasModel.forMemoryPages(memoryPages) : Gp072GasModel.INSTANCE;
        return InterpreterProgram.compile(Program.of(code, p), gas);
    }

    private static LoadedProgram loadJar(JarProgram jar, Profile p) {
        CapEntry invoke = null;
        long dataPages = 0;
        for (CapEntry cap : jar.caps()) {
            if (cap.slot() == jar.invokeCap()) {
                invoke = cap;
            }
            if (cap.type() == CapType.DATA) {
                dataPages += cap.pageCount();
            }
        }
        if (invoke == null || invoke.type() != CapType.CODE) {
            throw new BlobFormatException("invoke_cap", 9, "slot " + jar.invokeCap() + " holds no CODE cap");
        }
        if (dataPages > jar.memoryPages()) {
            throw new BlobFormatException("memory_pages", 4, "DATA caps need " + dataPages
                    + " pages but the UNTYPED pool has " + jar.memoryPages());
        }
        CodeBlob code = jar.codeOf(invoke);
        MemoryRecipe recipe = m -> {
            for (CapEntry cap : jar.caps()) {
                if (cap.type() == CapType.DATA) {
                    m.mapZero(cap.basePage(), cap.pageCount(), cap.writable());
                    byte[] init = jar.capData(cap);
                    if (init.length > 0) {
                        m.poke(cap.basePage() << 12, init);
                    }
                }
            }
        };
        return new LoadedProgram(ProgramFormat.JAR, p, compile(code, p, jar.memoryPages()),
                dataPages * JavmGasModel.GAS_PER_PAGE, recipe, new long[13], GuestMemory.LOW_ZONE);
    }

    private static LoadedProgram loadStandard(StandardProgram sp, Profile p) {
        StandardLayout layout = sp.layout(0);
        MemoryRecipe recipe = m -> {
            for (StandardLayout.Region r : layout.regions()) {
                m.mapZero(r.address() >>> 12, (r.length() + 4095) >>> 12, r.writable());
                if (r.contents().length > 0) {
                    m.poke(r.address(), r.contents());
                }
            }
        };
        return new LoadedProgram(ProgramFormat.PROGRAM, p, compile(sp.code().code(), p, 0), 0, recipe,
                layout.registers(), layout.heapStart());
    }

    /** The container bytes the program was loaded from. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether the capability kernel runs this program (JAR v2 under the javm profile). */
    public boolean runsOnKernel() {
        return format == ProgramFormat.JAR && profile == Profile.JAVM;
    }

    public ProgramFormat format() {
        return format;
    }

    public Profile profile() {
        return profile;
    }

    public InterpreterProgram program() {
        return program;
    }

    /** Gas charged before the first instruction (JAR v2: 1500 per DATA page). */
    public long initGas() {
        return initGas;
    }

    /** A fresh memory with the program's initial contents. */
    public GuestMemory newMemory() {
        GuestMemory m = GuestMemory.forProfile(profile);
        memory.apply(m);
        return m;
    }

    /** The initial registers (a copy). */
    public long[] initialRegisters() {
        return initialRegs.clone();
    }

    /** gp072 sbrk heap start. */
    public long heapStart() {
        return heapStart;
    }
}
