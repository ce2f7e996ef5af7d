package io.jpvm.conformance;

import io.jpvm.gas.Gp072GasModel;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.isa.BlobFormatException;
import io.jpvm.isa.Deblob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.SortedMap;
import java.util.TreeMap;

/** Runs vectors on the reference interpreter under the gp072 profile. */
public final class InterpreterVectorEngine implements VectorEngine {
    @Override
    public String name() {
        return "interpreter";
    }

    @Override
    public Outcome execute(Vector v) {
        GuestMemory mem = buildMemory(v);
        Deblob blob;
        try {
            blob = Deblob.parse(v.program());
        } catch (BlobFormatException e) {
            // GP: an invalid blob panics without executing
            return new Outcome("panic", 0, v.initialRegs().clone(), v.initialGas(), image(mem), null);
        }
        InterpreterProgram prog = InterpreterProgram.compile(Program.of(blob.code(), Profile.GP072),
                Gp072GasModel.INSTANCE);
        Interpreter vm = new Interpreter(prog, mem);
        for (int i = 0; i < 13; i++) {
            vm.setReg(i, v.initialRegs()[i]);
        }
        vm.setGas(v.initialGas());
        vm.setPc(v.initialPc());
        ExitKind exit = vm.run();
        return new Outcome(exit.id(), vm.exitPc(), vm.registers(), vm.gas(), image(mem),
                exit == ExitKind.PAGE_FAULT ? vm.exitArg() : null);
    }

    /** The vector's initial memory: its page map (contents zero) plus its pokes. */
    public static GuestMemory buildMemory(Vector v) {
        GuestMemory mem = GuestMemory.forProfile(Profile.GP072);
        for (Vector.PageRange r : v.initialPageMap()) {
            mem.mapZero(r.address() >>> 12, (r.length() + 4095) >>> 12, r.writable());
        }
        for (Vector.MemoryChunk c : v.initialMemory()) {
            mem.poke(c.address(), c.contents());
        }
        return mem;
    }

    /** Every non-zero byte of every mapped page. */
    public static SortedMap<Long, Byte> image(GuestMemory mem) {
        SortedMap<Long, Byte> out = new TreeMap<>();
        mem.forEachMappedPage(p -> {
            byte[] page = mem.page(p);
            for (int i = 0; i < page.length; i++) {
                if (page[i] != 0) {
                    out.put((p << 12) + i, page[i]);
                }
            }
        });
        return out;
    }
}
