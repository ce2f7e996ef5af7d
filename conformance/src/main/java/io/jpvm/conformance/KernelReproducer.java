package io.jpvm.conformance;

import io.jpvm.isa.Assembler;
import io.jpvm.isa.Disassembler;
import io.jpvm.isa.JarProgram;

/**
 * The reproducer file of a kernel fuzz failure: the JAR v2 manifest as jpvm assembly (the disassembly
 * reassembles to the same bytes; the children's code, CODE cap 33, is pinned in it as data and listed
 * readably in the header), with the gas and the protocol-call answers in header lines.
 */
public final class KernelReproducer {
    /** The first line of every kernel reproducer. */
    public static final String MAGIC = "; jpvm fuzz reproducer (kernel)";

    /** What a kernel reproducer replays. */
    public record Input(long seed, byte[] blob, long gas, long[] answers) {}

    private KernelReproducer() {}

    public static boolean isKernelReproducer(String text) {
        return text.startsWith(MAGIC);
    }

    public static String write(KernelCase c, KernelCheck.Outcome o) {
        StringBuilder s = new StringBuilder(MAGIC).append(": interpreter and recompiler kernel engines differ\n");
        s.append("; replay: jpvm diff FILE   (assemble with jpvm asm FILE -o X.jar)\n");
        s.append("; seed: ").append(c.seed()).append('\n');
        s.append("; gas: ").append(c.gas()).append('\n');
        s.append("; answers:");
        for (long a : c.answers()) {
            s.append(" 0x").append(Long.toHexString(a));
        }
        s.append('\n');
        if (o != null && !o.identical()) {
            s.append("; divergence: at pause ").append(o.pauses()).append(" (interpreter result: ").append(o.result())
                    .append(")\n");
            for (Difference d : o.differences()) {
                s.append(";   ").append(d.describe("interpreter", "recompiler")).append('\n');
            }
        }
        s.append("; VM 0 (CODE cap ").append(KernelCase.ROOT_CODE).append(") is listed below; the children run CODE cap ")
                .append(KernelCase.CHILD_CODE).append(":\n");
        for (String line : c.childSource().split("\n")) {
            if (!line.startsWith(".container")) {
                s.append(";|").append(line).append('\n');
            }
        }
        return s.append(Disassembler.disassemble(JarProgram.parse(c.blob()))).toString();
    }

    public static Input parse(String text) {
        long seed = 0;
        long gas = 0;
        long[] answers = new long[0];
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (!line.isEmpty() && !line.startsWith(";")) {
                break;
            }
            if (line.startsWith("; seed:")) {
                seed = Long.parseLong(line.substring(7).strip());
            } else if (line.startsWith("; gas:")) {
                gas = Long.parseLong(line.substring(6).strip());
            } else if (line.startsWith("; answers:")) {
                String v = line.substring(10).strip();
                if (!v.isEmpty()) {
                    String[] f = v.split("\\s+");
                    answers = new long[f.length];
                    for (int i = 0; i < f.length; i++) {
                        answers[i] = Long.parseUnsignedLong(f[i].substring(2), 16);
                    }
                }
            }
        }
        return new Input(seed, Assembler.assemble(text).toContainerBytes(), gas, answers);
    }
}
