package io.jpvm.isa;

import io.jpvm.isa.internal.CodeLister;
import io.jpvm.isa.internal.Hex;
import io.jpvm.isa.internal.JarText;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The PVM disassembler. Every method returns assembly text that {@link Assembler#assemble} turns back
 * into the same container bytes; canonical instructions are printed readably, anything else byte-exact
 * ({@code .insn}, {@code .data}) with the decoded form in a comment. The syntax is documented in
 * {@code docs/assembly.md}.
 */
public final class Disassembler {
    private Disassembler() {}

    /** A GP deblob, listed under profile {@code gp072}. */
    public static String disassemble(Deblob deblob) {
        CodeBlob code = deblob.code();
        StringBuilder out = new StringBuilder();
        out.append("; deblob: ").append(code.length()).append(" code bytes, ").append(code.jumpTableSize())
                .append(" jump table entries\n.container deblob\n");
        entrySize(out, deblob.entrySize(), Deblob.minimalEntrySize(code));
        return out.append(listing(code, Profile.GP072)).toString();
    }

    /** Bare code under {@code profile}; reassembles to {@code Deblob.of(code)}. */
    public static String disassemble(CodeBlob code, Profile profile) {
        return "; code: " + code.length() + " bytes, " + code.jumpTableSize() + " jump table entries, profile "
                + profile.id() + "\n.container deblob\n" + listing(code, profile);
    }

    /** A GP standard program, listed under profile {@code gp072}. */
    public static String disassemble(StandardProgram program) {
        StringBuilder out = new StringBuilder("; standard program (GP Y)\n.container program\n");
        Hex.lines(out, ".ro_data", program.roData(), 32);
        Hex.lines(out, ".rw_data", program.rwData(), 32);
        out.append(".heap_pages ").append(program.heapPages()).append('\n');
        out.append(".stack_size ").append(program.stackSize()).append('\n');
        CodeBlob code = program.code().code();
        entrySize(out, program.code().entrySize(), Deblob.minimalEntrySize(code));
        return out.append(listing(code, Profile.GP072)).toString();
    }

    /** A JAR v2 manifest; the invoke cap's code is listed under profile {@code javm}. */
    public static String disassemble(JarProgram jar) {
        return JarText.disassemble(jar);
    }

    private static void entrySize(StringBuilder out, int actual, int minimal) {
        if (actual != minimal) {
            out.append(".jump_entry_size ").append(actual).append('\n');
        }
    }

    /**
     * The code listing, checked by reassembly. Instructions whose label operand would be laid out
     * with a different offset width than they have (possible when several layouts are consistent) are
     * printed byte-exact instead, until the listing reproduces the code.
     */
    public static String listing(CodeBlob code, Profile profile) {
        Set<Integer> forceRaw = new HashSet<>();
        while (true) {
            CodeLister.Listing l = CodeLister.list(code, profile, forceRaw);
            CodeBlob back = Assembler.assemble(l.text()).code();
            if (back.equals(code)) {
                return l.text();
            }
            int diff = firstDifference(code, back);
            int culprit = -1;
            for (int pc : l.branchPcs()) {
                if (pc <= diff && !forceRaw.contains(pc)) {
                    culprit = Math.max(culprit, pc);
                }
            }
            if (culprit < 0) {
                if (forceRaw.containsAll(l.branchPcs())) {
                    throw new IllegalStateException("disassembly does not reproduce the code at byte " + diff);
                }
                forceRaw.addAll(l.branchPcs());
            } else {
                forceRaw.add(culprit);
            }
        }
    }

    private static int firstDifference(CodeBlob a, CodeBlob b) {
        byte[] ca = a.code();
        byte[] cb = b.code();
        boolean[] ma = a.bitmask();
        boolean[] mb = b.bitmask();
        int n = Math.min(ca.length, cb.length);
        for (int i = 0; i < n; i++) {
            if (ca[i] != cb[i] || ma[i] != mb[i]) {
                return i;
            }
        }
        if (ca.length != cb.length) {
            return n;
        }
        return Arrays.equals(a.jumpTable(), b.jumpTable()) ? -1 : Integer.MAX_VALUE;
    }
}
