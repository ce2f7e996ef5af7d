package io.jpvm.isa.internal;

import io.jpvm.isa.AsmException;
import io.jpvm.isa.Assembler;
import io.jpvm.isa.BlobFormatException;
import io.jpvm.isa.CapEntry;
import io.jpvm.isa.CapType;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Disassembler;
import io.jpvm.isa.JarCode;
import io.jpvm.isa.JarProgram;
import io.jpvm.isa.Profile;
import java.util.Arrays;

/**
 * Disassembly of a JAR v2 manifest. First the plain form (cap directives in manifest order, data
 * placed by the assembler's default rules) is tried; if it does not reproduce the manifest's bytes,
 * the explicit form pins every cap's data_offset/data_len ({@code at=}, {@code len=}), the section size
 * ({@code .data_size}) and patches the remaining bytes with {@code .data_bytes}.
 */
public final class JarText {
    private JarText() {}

    private static final int CHUNK = 32;

    public static String disassemble(JarProgram jar) {
        CapEntry invoke = jar.invokeEntry();
        CodeBlob code;
        int entrySize = 0;
        String note = "";
        try {
            code = jar.codeOf(invoke);
            entrySize = jar.capData(invoke)[4] & 0xFF;
        } catch (BlobFormatException e) {
            code = new CodeBlob(new byte[0], new boolean[0], new int[0]);
            note = "; the invoke cap's code does not parse (" + e.getMessage() + "); its bytes are kept as data\n";
        }
        String listing = Disassembler.listing(code, Profile.JAVM);
        byte[] want = jar.write();
        String plain = header(jar, code, entrySize, note, false) + listing;
        if (reproduces(plain, want)) {
            return plain;
        }
        String explicit = header(jar, code, entrySize, note, true);
        byte[] base = Assembler.assemble(explicit + listing).toJarProgram().dataSection();
        String text = explicit + overlays(base, jar.dataSection()) + listing;
        if (!reproduces(text, want)) {
            throw new IllegalStateException("JAR disassembly does not reproduce the manifest");
        }
        return text;
    }

    private static boolean reproduces(String text, byte[] want) {
        try {
            return Arrays.equals(Assembler.assemble(text).toJarProgram().write(), want);
        } catch (AsmException e) {
            return false;
        }
    }

    private static String header(JarProgram jar, CodeBlob code, int entrySize, String note, boolean explicit) {
        StringBuilder out = new StringBuilder();
        out.append("; JAR v2 manifest: ").append(jar.caps().size()).append(" caps, data section ")
                .append(jar.dataSection().length).append(" bytes\n").append(note);
        out.append(".container jar\n.memory_pages ").append(jar.memoryPages()).append('\n');
        out.append(".invoke_cap ").append(jar.invokeCap()).append('\n');
        if (entrySize != 0 && entrySize != JarCode.minimalEntrySize(code)) {
            out.append(".jump_entry_size ").append(entrySize).append('\n');
        }
        for (CapEntry c : jar.caps()) {
            if (c.type() == CapType.CODE) {
                codeCap(out, c, explicit);
            } else {
                dataCap(out, jar, c, explicit);
            }
        }
        if (explicit) {
            out.append(".data_size ").append(jar.dataSection().length).append('\n');
        }
        return out.toString();
    }

    private static void codeCap(StringBuilder out, CapEntry c, boolean explicit) {
        out.append(".code_cap ").append(c.slot());
        if (c.basePage() != 0) {
            out.append(" base_page=").append(c.basePage());
        }
        if (c.pageCount() != 0) {
            out.append(" pages=").append(c.pageCount());
        }
        if (c.writable()) {
            out.append(" rw");
        }
        if (explicit) {
            out.append(" at=").append(c.dataOffset()).append(" len=").append(c.dataLength());
        }
        out.append('\n');
    }

    private static void dataCap(StringBuilder out, JarProgram jar, CapEntry c, boolean explicit) {
        out.append(".data_cap ").append(c.slot()).append(" base_page=").append(c.basePage()).append(" pages=")
                .append(c.pageCount()).append(c.writable() ? " rw" : " ro");
        if (explicit) {
            out.append(" at=").append(c.dataOffset());
        }
        out.append('\n');
        Hex.lines(out, ".data_init " + c.slot(), jar.capData(c), CHUNK);
    }

    /** {@code .data_bytes} lines for every run where {@code base} differs from {@code want}. */
    private static String overlays(byte[] base, byte[] want) {
        StringBuilder out = new StringBuilder();
        int n = want.length;
        int i = 0;
        while (i < n) {
            if (i < base.length && base[i] == want[i]) {
                i++;
                continue;
            }
            int end = i + 1;
            for (int j = end; j < n && j < end + 8; j++) {
                if (j >= base.length || base[j] != want[j]) {
                    end = j + 1;
                }
            }
            for (int k = i; k < end; k += CHUNK) {
                int to = Math.min(end, k + CHUNK);
                out.append(".data_bytes ").append(k).append(' ').append(Hex.compact(want, k, to)).append('\n');
            }
            i = end;
        }
        return out.toString();
    }
}
