package io.jpvm.recompiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.gas.GasModel;
import io.jpvm.gas.Gp072GasModel;
import io.jpvm.gas.JavmGasModel;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.isa.Assembler;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the same program on the interpreter and on a {@link NativeVm} and compares everything the
 * contract names: exit kind, exit pc, exit argument, all 13 registers, gas and every mapped byte.
 */
final class Engines {
    private Engines() {}

    static GasModel gasModel(Profile p) {
        return p == Profile.GP072 ? Gp072GasModel.INSTANCE : new JavmGasModel(25);
    }

    static CodeBlob blob(String source) {
        return Assembler.assemble(source).code();
    }

    /** A page range to map in both engines. */
    record Region(long firstPage, long pages, boolean writable, byte[] contents) {
        static Region rw(long firstPage, long pages) {
            return new Region(firstPage, pages, true, null);
        }

        static Region ro(long firstPage, long pages, byte[] contents) {
            return new Region(firstPage, pages, false, contents);
        }
    }

    /** Both engines over one program, set up identically. */
    static final class Pair implements AutoCloseable {
        final Profile profile;
        final InterpreterProgram iprog;
        final RecompiledProgram nprog;
        final Interpreter interp;
        final GuestMemory imem;
        final NativeVm vm;
        final List<Region> regions;

        Pair(CodeBlob blob, Profile profile, List<Region> regions, RecompiledProgram shared) {
            this.profile = profile;
            this.regions = regions;
            this.iprog = InterpreterProgram.compile(Program.of(blob, profile), gasModel(profile));
            this.nprog = shared != null ? shared : RecompiledProgram.compile(iprog);
            this.imem = GuestMemory.forProfile(profile);
            this.interp = new Interpreter(iprog, imem);
            this.vm = new NativeVm(nprog);
            for (Region r : regions) {
                imem.mapZero(r.firstPage(), r.pages(), r.writable());
                vm.map(r.firstPage(), r.pages(), r.writable());
                if (r.contents() != null) {
                    imem.poke(r.firstPage() << 12, r.contents());
                    vm.poke(r.firstPage() << 12, r.contents());
                }
            }
        }

        Pair(CodeBlob blob, Profile profile, List<Region> regions) {
            this(blob, profile, regions, null);
        }

        Pair(String source, Profile profile, Region... regions) {
            this(blob(source), profile, List.of(regions));
        }

        void setReg(int i, long v) {
            interp.setReg(i, v);
            vm.setReg(i, v);
        }

        void setRegs(long[] regs) {
            for (int i = 0; i < 13; i++) {
                setReg(i, regs[i]);
            }
        }

        void setGas(long g) {
            interp.setGas(g);
            vm.setGas(g);
        }

        void setPc(long pc) {
            interp.setPc(pc);
            vm.setPc(pc);
        }

        void setHeapStart(long h) {
            interp.setHeapStart(h);
            vm.setHeapStart(h);
        }

        /** Runs both once and asserts identical outcomes; returns the exit. */
        ExitKind runBoth(String what) {
            ExitKind ie = interp.run();
            ExitKind ne = vm.run();
            assertSame(what, ie, ne);
            return ie;
        }

        void assertSame(String what, ExitKind ie, ExitKind ne) {
            assertEquals(ie, ne, what + ": exit kind");
            assertEquals(interp.exitPc(), vm.exitPc(), what + ": exit pc");
            assertEquals(interp.exitArg(), vm.exitArg(), what + ": exit arg");
            assertEquals(interp.gas(), vm.gas(), what + ": gas");
            assertEquals(interp.pc(), vm.pc(), what + ": resume pc");
            long[] ir = interp.registers();
            long[] nr = vm.registers();
            if (!Arrays.equals(ir, nr)) {
                assertArrayEquals(ir, nr, what + ": registers " + diffRegs(ir, nr));
            }
            assertMemorySame(what);
        }

        void assertMemorySame(String what) {
            List<Long> ipages = new ArrayList<>();
            imem.forEachMappedPage(ipages::add);
            List<Long> npages = new ArrayList<>();
            vm.forEachMappedPage(npages::add);
            assertEquals(ipages, npages, what + ": mapped pages");
            for (long p : ipages) {
                byte[] want = imem.page(p);
                byte[] got = vm.peek(p << 12, 4096);
                if (!Arrays.equals(want, got)) {
                    int k = Arrays.mismatch(want, got);
                    throw new AssertionError(what + ": memory differs at 0x" + Long.toHexString((p << 12) + k)
                            + ": interpreter " + (want[k] & 0xFF) + ", native " + (got[k] & 0xFF));
                }
            }
        }

        @Override
        public void close() {
            vm.close();
            if (nprog != null) {
                nprog.close();
            }
        }
    }

    static String diffRegs(long[] a, long[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            if (a[i] != b[i]) {
                sb.append(" r").append(i).append(": interpreter 0x").append(Long.toHexString(a[i]))
                        .append(" native 0x").append(Long.toHexString(b[i]));
            }
        }
        return sb.toString();
    }
}
