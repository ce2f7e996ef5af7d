package io.jpvm.recompiler.kernel;

import io.jpvm.isa.Assembler;
import io.jpvm.isa.CapEntry;
import io.jpvm.isa.JarCode;
import io.jpvm.isa.JarProgram;
import io.jpvm.kernel.KernelCodes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Assembly snippets for kernel operations (registers a0..a5 = φ7..φ12) and multi-CODE JAR blobs. */
final class Snippets {
    private Snippets() {}

    /** φ11 = op, φ12 = subject &lt;&lt; 32 | object, ecall. */
    static String ecall(int op, long subject, long object) {
        return " load_imm a4, " + op + "\n load_imm_64 a5, " + (subject << 32 | object) + "\n ecall\n";
    }

    /** A cap ref: hops (outermost first) then the slot. */
    static long ref(int... path) {
        long r = 0;
        int hops = path.length - 1;
        for (int i = 0; i < hops; i++) {
            r |= (long) path[i] << (8 * (3 - i));
        }
        return r | path[hops];
    }

    static String map(long subject, long base, long first, long count, int access) {
        return " load_imm a0, " + base + "\n load_imm a1, " + first + "\n load_imm a2, " + count + "\n load_imm a3, "
                + access + "\n" + ecall(KernelCodes.OP_MAP, subject, 0);
    }

    /** RETYPE n pages through the UNTYPED cap in {@code untyped} into {@code dst}. */
    static String retype(int untyped, long n, long dst) {
        return " load_imm a0, " + n + "\n" + ecall(KernelCodes.OP_CALL, untyped, dst);
    }

    static String create(int codeSlot, long mask, long dst) {
        return " load_imm_64 a0, " + mask + "\n load_imm_64 a5, " + dst + "\n ecalli " + codeSlot + "\n";
    }

    /** CALL the VM cap in {@code slot} with φ7 = the value of register {@code argReg}, no IPC cap. */
    static String callWithReg(int slot, String argReg) {
        return " move_reg a0, " + argReg + "\n load_imm a5, 0\n ecalli " + slot + "\n";
    }

    static String call(int slot, long arg) {
        return " load_imm_64 a0, " + arg + "\n load_imm a5, 0\n ecalli " + slot + "\n";
    }

    static String grant(long access, long subject, long object) {
        return " load_imm a0, " + access + "\n" + ecall(KernelCodes.OP_GRANT, subject, object);
    }

    static String copy(long subject, long object) {
        return ecall(KernelCodes.OP_COPY, subject, object);
    }

    /** A JAR blob from {@code main} (with its directives) plus CODE caps assembled from their own sources. */
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
}
