package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import io.jpvm.gas.Gp072GasModel;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.isa.BlobFormatException;
import io.jpvm.isa.Deblob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import io.jpvm.recompiler.NativeVm;
import io.jpvm.recompiler.Platform;
import io.jpvm.recompiler.RecompiledProgram;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Runs vectors on the x86-64 recompiler ({@link NativeVm}) under the gp072 profile, and
 * {@link LoadedProgram}s with {@link MachineRunner}'s machine-level host.
 *
 * <p>A guest memory fault (every page-fault vector, and the gp072 low-zone panics) is survivable
 * only once the signal handler is installed: see {@link #faultsHandled()}.
 */
public final class RecompilerVectorEngine implements VectorEngine {
    /** An engine; it keeps no state between vectors (each gets its own compilation and VM). */
    public RecompilerVectorEngine() {}

    @Override
    public String name() {
        return "recompiler";
    }

    /** Whether this host can run the recompiler at all. */
    public static boolean supported() {
        return Platform.supported();
    }

    /** Whether guest memory faults are survivable (the signal handler is installed). */
    public static boolean faultsHandled() {
        return Platform.guestFaultsHandled();
    }

    @Override
    public Outcome execute(Vector v) {
        Deblob blob;
        try {
            blob = Deblob.parse(v.program());
        } catch (BlobFormatException e) {
            // GP: an invalid blob panics without executing
            return new Outcome("panic", 0, v.initialRegs().clone(), v.initialGas(),
                    InterpreterVectorEngine.image(InterpreterVectorEngine.buildMemory(v)), null);
        }
        try (RecompiledProgram prog = RecompiledProgram.compile(Program.of(blob.code(), Profile.GP072),
                Gp072GasModel.INSTANCE); NativeVm vm = new NativeVm(prog)) {
            for (Vector.PageRange r : v.initialPageMap()) {
                vm.map(r.address() >>> 12, (r.length() + 4095) >>> 12, r.writable());
            }
            for (Vector.MemoryChunk c : v.initialMemory()) {
                vm.poke(c.address(), c.contents());
            }
            for (int i = 0; i < 13; i++) {
                vm.setReg(i, v.initialRegs()[i]);
            }
            vm.setGas(v.initialGas());
            vm.setPc(v.initialPc());
            ExitKind exit = vm.run();
            return new Outcome(exit.id(), vm.exitPc(), vm.registers(), vm.gas(), image(vm),
                    exit == ExitKind.PAGE_FAULT ? vm.exitArg() : null);
        }
    }

    /** Every non-zero byte of every mapped page. */
    public static SortedMap<Long, Byte> image(NativeVm vm) {
        SortedMap<Long, Byte> out = new TreeMap<>();
        vm.forEachMappedPage(p -> {
            byte[] page = vm.peek(p << 12, GuestMemory.PAGE_SIZE);
            for (int i = 0; i < page.length; i++) {
                if (page[i] != 0) {
                    out.put((p << 12) + i, page[i]);
                }
            }
        });
        return out;
    }

    /** {@link MachineRunner#run(LoadedProgram, long, long[], boolean[])} on the recompiler. */
    public static RunResult run(LoadedProgram p, long gas, long[] regOverrides, boolean[] overridden) {
        return run(p, gas, regOverrides, overridden, 0);
    }

    /**
     * {@link MachineRunner#run(LoadedProgram, long, long[], boolean[], long)} on the recompiler: the
     * same machine-level host (javm: ecalli costs 10, 0 halts, 1 answers the gas, 2..28 answer WHAT;
     * everything else stops the run), the same result record.
     */
    public static RunResult run(LoadedProgram p, long gas, long[] regOverrides, boolean[] overridden, long startPc) {
        try (MachineCode code = MachineEngine.RECOMPILER.compile(p.program())) {
            return run(code, p, gas, regOverrides, overridden, startPc);
        }
    }

    private static RunResult run(MachineCode code, LoadedProgram p, long gas, long[] regOverrides,
                                 boolean[] overridden, long startPc) {
        try (Machine vm = code.newVm(p)) {
            return MachineRunner.run(vm, p, gas, regOverrides, overridden, startPc);
        }
    }

    /** As {@link #run(LoadedProgram, long, long[], boolean[], long)} with code compiled once by the caller. */
    public static RunResult run(RecompiledProgram prog, LoadedProgram p, long gas, long[] regOverrides,
                                boolean[] overridden, long startPc) {
        return run(MachineCode.recompiled(p.program(), prog, false), p, gas, regOverrides, overridden, startPc);
    }

    /** Maps every page of {@code from} into {@code vm} with the same access and contents. */
    public static void copyMemory(GuestMemory from, NativeVm vm) {
        from.forEachMappedPage(page -> {
            vm.map(page, 1, from.isWritable(page << 12));
            byte[] bytes = from.page(page);
            for (byte b : bytes) {
                if (b != 0) {
                    vm.poke(page << 12, bytes);
                    break;
                }
            }
        });
    }
}
