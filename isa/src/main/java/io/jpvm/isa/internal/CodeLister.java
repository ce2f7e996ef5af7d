package io.jpvm.isa.internal;

import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Decoder;
import io.jpvm.isa.Instruction;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * Lists a code blob as assembly: {@code .jump_table} lines, labels ({@code L<pc>}) at every static
 * branch target and jump-table target that is an instruction start, one line per instruction. An
 * instruction whose bytes differ from its canonical encoding (or is listed in {@code forceRaw}) is
 * printed as {@code .insn} with its bytes and the decoded form as a comment; bytes not covered by an
 * instruction start (before the first start, or past the 24-byte skip limit) as {@code .data}.
 */
public final class CodeLister {
    private CodeLister() {}

    private static final int MAX_SPAN = 25;

    /** The listing text and the pcs of the instructions printed with a label operand. */
    public record Listing(String text, List<Integer> branchPcs) {}

    public static Listing list(CodeBlob blob, Profile profile, Set<Integer> forceRaw) {
        byte[] code = blob.code();
        boolean[] mask = blob.bitmask();
        int len = code.length;
        Instruction[] insn = new Instruction[len];
        boolean[] readable = new boolean[len];
        BitSet labels = new BitSet();
        List<Integer> branchPcs = new ArrayList<>();
        for (int p = 0; p < len; p++) {
            if (!mask[p]) {
                continue;
            }
            int end = nextStart(mask, p);
            Instruction in = Decoder.decode(blob, p, Math.min(24, end - p - 1), profile);
            insn[p] = in;
            if (!forceRaw.contains(p) && isCanonical(in, code, end)) {
                readable[p] = true;
                if (Encoding.hasOffset(in.operandClass())) {
                    branchPcs.add(p);
                    markLabel(labels, mask, in.target());
                }
            }
        }
        for (int i = 0; i < blob.jumpTableSize(); i++) {
            markLabel(labels, mask, blob.jumpTableEntry(i));
        }
        StringBuilder out = new StringBuilder();
        jumpTable(out, blob, labels);
        emitCode(out, code, mask, insn, readable, labels, profile);
        return new Listing(out.toString(), branchPcs);
    }

    private static int nextStart(boolean[] mask, int p) {
        int q = p + 1;
        while (q < mask.length && !mask[q]) {
            q++;
        }
        return q;
    }

    private static void markLabel(BitSet labels, boolean[] mask, long pc) {
        if (pc >= 0 && pc < mask.length && mask[(int) pc]) {
            labels.set((int) pc);
        }
    }

    /** {@code L<pc>} for labelled pcs, {@code @pc} otherwise. */
    private static String name(BitSet labels, long pc) {
        return pc >= 0 && pc < Integer.MAX_VALUE && labels.get((int) pc) ? "L" + pc : "@" + pc;
    }

    private static void jumpTable(StringBuilder out, CodeBlob blob, BitSet labels) {
        for (int i = 0; i < blob.jumpTableSize(); i += 8) {
            out.append("    .jump_table ");
            for (int j = i; j < Math.min(blob.jumpTableSize(), i + 8); j++) {
                out.append(j > i ? ", " : "").append(name(labels, blob.jumpTableEntry(j)));
            }
            out.append("   ; entries ").append(i).append("..").append(Math.min(blob.jumpTableSize(), i + 8) - 1)
                    .append('\n');
        }
    }

    private static void emitCode(StringBuilder out, byte[] code, boolean[] mask, Instruction[] insn,
                                 boolean[] readable, BitSet labels, Profile profile) {
        int p = 0;
        int first = nextStart(mask, -1);
        if (first > 0) {
            data(out, code, 0, first, "not an instruction start");
            p = first;
        }
        while (p < code.length) {
            int end = nextStart(mask, p);
            if (labels.get(p)) {
                out.append('L').append(p).append(":\n");
            }
            String text = InsnText.format(insn[p], pc -> name(labels, pc));
            if (readable[p]) {
                readable(out, text, insn[p], profile);
            } else {
                raw(out, code, insn[p], end, text);
            }
            p = end;
        }
    }

    /** True when {@code code[in.pc(), end)} is exactly the canonical encoding of {@code in}. */
    private static boolean isCanonical(Instruction in, byte[] code, int end) {
        if (!Opcode.isDefined(in.opcode())) {
            return false;
        }
        byte[] canonical = Encoding.canonical(in);
        return Arrays.equals(canonical, 0, canonical.length, code, in.pc(), end);
    }

    private static void readable(StringBuilder out, String text, Instruction in, Profile profile) {
        out.append("    ").append(text);
        if (!profile.isValid(in.opcode())) {
            out.append("   ; invalid in ").append(profile.id());
        }
        out.append('\n');
    }

    /** {@code .insn} with the bytes up to the skip limit, then {@code .data} for any rest. */
    private static void raw(StringBuilder out, byte[] code, Instruction in, int end, String text) {
        int p = in.pc();
        int span = Math.min(end, p + MAX_SPAN);
        String why = !Opcode.isDefined(in.opcode()) ? ""
                : isCanonical(in, code, end) ? ", offset width kept" : ", non-canonical encoding";
        out.append("    .insn ").append(Hex.tokens(code, p, span)).append("   ; ").append(text)
                .append(" (pc ").append(p).append(why).append(")\n");
        if (span < end) {
            data(out, code, span, end, "past the 24-byte skip limit: pc " + span + " executes as trap");
        }
    }

    private static void data(StringBuilder out, byte[] code, int from, int to, String comment) {
        for (int i = from; i < to; i += 16) {
            out.append("    .data ").append(Hex.tokens(code, i, Math.min(to, i + 16)));
            if (i == from) {
                out.append("   ; ").append(comment);
            }
            out.append('\n');
        }
    }
}
