package io.jpvm.recompiler.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.isa.Assembler;
import io.jpvm.kernel.Engine;
import io.jpvm.kernel.HostAction;
import io.jpvm.kernel.HostFunction;
import io.jpvm.kernel.Invocation;
import io.jpvm.kernel.KernelCodes;
import io.jpvm.kernel.KernelResult;
import io.jpvm.recompiler.RecompilerEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs JAR v2 programs on the kernel with a given engine and records everything that must not depend
 * on the engine: every result (protocol calls answered WHAT on the way), the gas left, the registers,
 * VM counts, protocol calls and chosen memory ranges.
 */
final class KernelRuns {
    private KernelRuns() {}

    static final Engine INTERPRETER = Engine.interpreter();
    static final Engine RECOMPILER = RecompilerEngine.instance();
    static final long BIG_GAS = 10_000_000_000L;

    /** A protocol-1 answer equal to {@link HostFunction#GAS} but not it: the engine must exit for it. */
    static final HostFunction GAS_BY_EXIT = (id, inv) -> {
        inv.setActiveReg(7, inv.activeGas());
        return HostAction.RESUME;
    };

    /** The assembly source of a reference program in the isa module's resources. */
    static String source(String name) {
        String path = "programs/" + name + ".jpvmasm";
        try (InputStream in = Assembler.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jar(String source) {
        return Assembler.assemble(source).toJarProgram().write();
    }

    /** A memory range of the active VM to compare at the end. */
    record Range(long address, int length) {}

    /** The engine-independent record of a run. */
    record Outcome(List<String> results, long gasLeft, long[] regs, long pc, int liveVms, long vmsCreated,
                   long protocolCalls, List<byte[]> memory) {
        void assertSameAs(Outcome o, String what) {
            assertEquals(o.results, results, what + ": results");
            assertEquals(o.gasLeft, gasLeft, what + ": gas left");
            assertArrayEquals(o.regs, regs, what + ": registers");
            assertEquals(o.pc, pc, what + ": pc");
            assertEquals(o.liveVms, liveVms, what + ": live VMs");
            assertEquals(o.vmsCreated, vmsCreated, what + ": VMs created");
            assertEquals(o.protocolCalls, protocolCalls, what + ": protocol calls");
            assertEquals(o.memory.size(), memory.size(), what + ": memory ranges");
            for (int i = 0; i < memory.size(); i++) {
                assertArrayEquals(o.memory.get(i), memory.get(i), what + ": memory range " + i);
            }
        }
    }

    /**
     * Runs {@code blob} on {@code engine}: φ7 = {@code op}, protocol 1 answered by {@code gasHost}
     * (null: returned and answered WHAT like every other protocol call), until a final result.
     */
    static Outcome run(Engine engine, byte[] blob, long gas, long op, HostFunction gasHost, Range... ranges) {
        Invocation.Builder b = Invocation.builder(blob).engine(engine).gas(gas).operation(op);
        if (gasHost != null) {
            b.host(KernelCodes.GAS_PROTOCOL, gasHost);
        }
        try (Invocation inv = b.build()) {
            List<String> results = new ArrayList<>();
            KernelResult r = inv.run();
            while (r instanceof KernelResult.ProtocolCall) {
                results.add(r.toString());
                inv.resumeProtocolCall(KernelCodes.WHAT, inv.activeReg(8));
                r = inv.run();
            }
            results.add(r.toString());
            List<byte[]> memory = new ArrayList<>();
            for (Range range : ranges) {
                memory.add(inv.readMemory(range.address(), range.length()));
            }
            return new Outcome(results, inv.activeGas(), inv.activeRegisters(), inv.activePc(), inv.liveVms(),
                    inv.vmsCreated(), inv.protocolCalls(), memory);
        }
    }
}
