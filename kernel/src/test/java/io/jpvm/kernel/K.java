package io.jpvm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jpvm.gas.GasSchedule;
import io.jpvm.gas.JavmGasModel;
import io.jpvm.isa.Assembler;
import io.jpvm.isa.CapEntry;
import io.jpvm.isa.JarCode;
import io.jpvm.isa.JarProgram;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers: assembling JAR programs, ecall snippets, cap refs, gas probes. */
final class K {
    private K() {}

    static final long WHAT = KernelCodes.WHAT;
    static final long LOW = KernelCodes.LOW;
    static final long HUH = KernelCodes.HUH;
    static final long BIG_GAS = 10_000_000_000L;

    /** A JAR blob from assembly source (which carries its own .container jar directives). */
    static byte[] jar(String source) {
        return Assembler.assemble(source).toJarProgram().write();
    }

    /**
     * A JAR blob from {@code main} (with its directives) plus extra CODE caps, each carrying the code
     * assembled from its own source.
     */
    static byte[] jar(String main, Map<Integer, String> extraCode) {
        JarProgram base = Assembler.assemble(main).toJarProgram();
        List<CapEntry> caps = new ArrayList<>(base.caps());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(base.dataSection());
        for (Map.Entry<Integer, String> e : new TreeMap<>(extraCode).entrySet()) {
            byte[] sub = JarCode.write(Assembler.assemble(e.getValue()).code());
            caps.add(CapEntry.code(e.getKey(), data.size(), sub.length));
            data.writeBytes(sub);
        }
        return new JarProgram(base.memoryPages(), base.invokeCap(), caps, data.toByteArray()).write();
    }

    /**
     * The engine the kernel tests run on: system property {@code jpvm.test.engine} (default
     * {@code interpreter}). The recompiler module runs this whole suite again with {@code recompiler};
     * a test is skipped where that engine cannot run.
     */
    static Engine engine() {
        String name = System.getProperty("jpvm.test.engine", "interpreter");
        boolean installed = io.jpvm.kernel.internal.EngineRegistry.installed().stream()
                .anyMatch(e -> e.name().equals(name) && e.isAvailable());
        org.junit.jupiter.api.Assumptions.assumeTrue(installed || name.equals("auto"),
                () -> "engine " + name + " cannot run here");
        return Engine.named(name);
    }

    /** {@link Invocation#builder} on the tests' {@link #engine()}. */
    static Invocation.Builder builder(byte[] blob) {
        return Invocation.builder(blob).engine(engine());
    }

    static Invocation start(byte[] blob, long gas) {
        return builder(blob).gas(gas).build();
    }

    static Invocation start(String source) {
        return start(jar(source), BIG_GAS);
    }

    static Invocation start(String main, Map<Integer, String> extra) {
        return start(jar(main, extra), BIG_GAS);
    }

    /** A cap ref: hops (outermost first, at most 3) then the slot. */
    static long ref(int... path) {
        long r = 0;
        int hops = path.length - 1;
        for (int i = 0; i < hops; i++) {
            r |= (long) path[i] << (8 * (3 - i));
        }
        return r | path[hops];
    }

    /** Loads φ11 = op and φ12 = subject &lt;&lt; 32 | object, then ecall. */
    static String ecall(int op, long subject, long object) {
        return "        load_imm a4, " + op + "\n        load_imm_64 a5, " + (subject << 32 | object) + "\n        ecall\n";
    }

    /** MAP subject: base page, first page of the cap, count, access. */
    static String map(long subject, long base, long first, long count, int access) {
        return "        load_imm a0, " + base + "\n        load_imm a1, " + first + "\n        load_imm a2, " + count
                + "\n        load_imm a3, " + access + "\n" + ecall(KernelCodes.OP_MAP, subject, 0);
    }

    /** RETYPE n pages through the UNTYPED cap in slot 254 into {@code dst}. */
    static String retype(long n, long dst) {
        return "        load_imm a0, " + n + "\n" + ecall(KernelCodes.OP_CALL, 254, dst);
    }

    /** CREATE from the CODE cap in {@code codeSlot} with {@code mask}, HANDLE to {@code dst}. */
    static String create(int codeSlot, long mask, long dst) {
        return "        load_imm_64 a0, " + mask + "\n        load_imm_64 a5, " + dst + "\n        ecalli " + codeSlot + "\n";
    }

    /** CALL the VM cap in {@code slot} with φ7 = arg, passing the cap in {@code passSlot} (0 = none). */
    static String call(int slot, long arg, int passSlot) {
        return "        load_imm_64 a0, " + arg + "\n        load_imm a5, " + passSlot + "\n        ecalli " + slot + "\n";
    }

    /** A yield to the test (protocol cap 5): the test reads registers, then runs on. */
    static final String PROBE = "        ecalli 5\n";

    /** Runs to the next protocol call 5 and returns the active VM's registers. */
    static long[] probe(Invocation inv) {
        KernelResult r = inv.run();
        assertEquals(new KernelResult.ProtocolCall(5), r);
        return inv.activeRegisters();
    }

    static long halt(Invocation inv) {
        return assertInstanceOf(KernelResult.Halt.class, inv.run()).value();
    }

    /**
     * The sum of the gas-block costs charged on arriving at the block starts with pc in [from, to) of
     * the CODE cap in {@code slot} of {@code blob}.
     */
    static long blockCosts(byte[] blob, int slot, long from, long to) {
        JarProgram jar = JarProgram.parse(blob);
        Program p = Program.of(jar.codeOf(jar.cap(slot)), Profile.JAVM);
        GasSchedule s = JavmGasModel.forMemoryPages(jar.memoryPages()).schedule(p);
        long sum = 0;
        for (int i = 0; i <= p.count(); i++) {
            long pc = p.pcOf(i);
            if (pc >= from && pc < to) {
                sum += s.costAt(i);
            }
        }
        return sum;
    }
}
