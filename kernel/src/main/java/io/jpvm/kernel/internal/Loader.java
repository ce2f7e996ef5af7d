package io.jpvm.kernel.internal;

import io.jpvm.gas.GasModel;
import io.jpvm.gas.JavmGasModel;
import io.jpvm.isa.BlobFormatException;
import io.jpvm.isa.CapEntry;
import io.jpvm.isa.CapType;
import io.jpvm.isa.JarProgram;
import io.jpvm.kernel.Engine;
import io.jpvm.kernel.Execution;
import io.jpvm.kernel.InvalidProgramException;
import io.jpvm.kernel.InvalidProgramException.Reason;
import io.jpvm.kernel.KernelCodes;
import io.jpvm.kernel.PhysicalMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Invocation set-up (javm-reference §2.1 "Kernel init"): parse the manifest, compile each distinct
 * CODE sub-blob once, bump-allocate and fill the DATA caps, charge 1500 gas per DATA page, build VM 0's
 * table (protocol caps 1..28, manifest caps, UNTYPED in 254) and deliver the arguments.
 */
public final class Loader {
    private Loader() {}

    /** Builds a ready-to-run kernel; any unusable input raises {@link InvalidProgramException}. */
    public static Kernel load(byte[] blob, byte[] args, long gas, Engine engine) {
        JarProgram jar;
        try {
            jar = JarProgram.parse(blob);
        } catch (BlobFormatException e) {
            throw new InvalidProgramException(Reason.MALFORMED_BLOB, "invalid JAR v2 blob: " + e.getMessage(), e);
        }
        List<CapEntry> code = new ArrayList<>();
        List<CapEntry> data = new ArrayList<>();
        for (CapEntry c : jar.caps()) {
            (c.type() == CapType.CODE ? code : data).add(c);
        }
        if (code.size() > KernelCodes.MAX_CODE_CAPS) {
            throw new InvalidProgramException(Reason.TOO_MANY_CODE_CAPS, "the manifest declares " + code.size()
                    + " CODE caps, at most " + KernelCodes.MAX_CODE_CAPS + " are allowed");
        }
        long pages = 0;
        for (CapEntry c : data) {
            pages += c.pageCount();
        }
        if (pages > jar.memoryPages()) {
            throw new InvalidProgramException(Reason.OUT_OF_MEMORY, "the DATA caps need " + pages
                    + " pages but memory_pages is " + jar.memoryPages());
        }
        long initGas = pages * JavmGasModel.GAS_PER_PAGE;
        if (gas < initGas) {
            throw new InvalidProgramException(Reason.OUT_OF_GAS, "initialising " + pages + " DATA pages costs "
                    + initGas + " gas, only " + gas + " given");
        }
        if (jar.memoryPages() > 0 && jar.cap(KernelCodes.UNTYPED_SLOT) != null) {
            throw new InvalidProgramException(Reason.CONFLICT, "slot " + KernelCodes.UNTYPED_SLOT
                    + " is reserved for the UNTYPED cap when memory_pages > 0");
        }
        checkOverlaps(data);
        checkArgs(jar, args);
        PhysicalMemory memory = engine.newMemory(jar.memoryPages());
        try {
            Map<CapEntry, KernelCode> compiled = compile(jar, code, engine, memory);
            Kernel k = new Kernel(engine, memory);
            init(k, jar, compiled, args, gas - initGas);
            return k;
        } catch (RuntimeException | Error e) {
            memory.close();
            throw e;
        }
    }

    /** VM 0's table, the manifest DATA caps (filled and mapped), the arguments and the gas. */
    private static void init(Kernel k, JarProgram jar, Map<CapEntry, KernelCode> compiled, byte[] args, long gas) {
        Vm root = k.arena.allocate(compiled.get(jar.invokeEntry()));
        k.root = root;
        k.active = root;
        root.state = VmState.RUNNING;
        for (int id = 1; id <= KernelCodes.LAST_PROTOCOL; id++) {
            if (jar.cap(id) == null) {
                root.caps.put(id, new ProtocolCap(id, true));
            }
        }
        HostMemory host = new HostMemory(k);
        Execution ex = root.exec();
        for (CapEntry c : jar.caps()) {
            if (c.type() == CapType.CODE) {
                root.caps.put(c.slot(), new CodeCap(compiled.get(c)));
                continue;
            }
            DataCap d = new DataCap(k.store.carve(c.pageCount()), c.pageCount(), c.writable());
            root.caps.put(c.slot(), d);
            host.write(d.physBase, 0, jar.capData(c));
            if (c.pageCount() > 0) {
                d.base = c.basePage();
                d.access = c.writable() ? 1 : 0;
                k.mapper.map(d, 0, c.pageCount());
            }
        }
        if (jar.memoryPages() > 0) {
            root.caps.put(KernelCodes.UNTYPED_SLOT, new UntypedCap());
        }
        if (args.length > 0) {
            DataCap d = (DataCap) root.caps.get(0);
            host.write(d.physBase, 0, args);
            ex.setReg(8, jar.cap(0).basePage() * JarProgram.PAGE_SIZE);
            ex.setReg(9, args.length);
        }
        ex.setGas(gas);
    }

    /**
     * Compiles each distinct CODE sub-blob once (identical sub-blobs share one compilation), through
     * the cross-invocation {@link CodeCache}.
     */
    private static Map<CapEntry, KernelCode> compile(JarProgram jar, List<CapEntry> code, Engine engine,
            PhysicalMemory memory) {
        GasModel gas = JavmGasModel.forMemoryPages(jar.memoryPages());
        Map<CapEntry, KernelCode> out = new HashMap<>();
        Map<ByteKey, KernelCode> bySubBlob = new HashMap<>();
        for (CapEntry c : code) {
            byte[] sub = jar.capData(c);
            ByteKey key = new ByteKey(sub);
            KernelCode kc = bySubBlob.get(key);
            if (kc == null) {
                CodeCache.Entry e;
                try {
                    e = CodeCache.SHARED.get(engine, sub, gas, () -> jar.codeOf(c));
                } catch (BlobFormatException ex) {
                    throw new InvalidProgramException(Reason.MALFORMED_BLOB, "CODE cap in slot " + c.slot()
                            + ": " + ex.getMessage(), ex);
                }
                kc = new KernelCode(bySubBlob.size(), e.program(), e.compiled(), memory);
                bySubBlob.put(key, kc);
            }
            out.put(c, kc);
        }
        return out;
    }

    private record ByteKey(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private static void checkOverlaps(List<CapEntry> data) {
        for (int i = 0; i < data.size(); i++) {
            CapEntry a = data.get(i);
            for (int j = i + 1; j < data.size(); j++) {
                CapEntry b = data.get(j);
                if (a.basePage() < b.basePage() + b.pageCount() && b.basePage() < a.basePage() + a.pageCount()) {
                    throw new InvalidProgramException(Reason.CONFLICT, "DATA caps in slots " + a.slot() + " and "
                            + b.slot() + " cover the same address pages");
                }
            }
        }
    }

    private static void checkArgs(JarProgram jar, byte[] args) {
        if (args.length == 0) {
            return;
        }
        CapEntry slot0 = jar.cap(0);
        if (slot0 == null || slot0.type() != CapType.DATA) {
            throw new InvalidProgramException(Reason.BAD_ARGUMENTS, args.length
                    + " bytes of arguments but slot 0 holds no DATA cap to receive them");
        }
        if (args.length > slot0.pageCount() * JarProgram.PAGE_SIZE) {
            throw new InvalidProgramException(Reason.BAD_ARGUMENTS, args.length + " bytes of arguments do not fit the "
                    + slot0.pageCount() + "-page DATA cap in slot 0");
        }
    }
}
