package io.jpvm.isa.internal;

import io.jpvm.isa.AsmException;
import io.jpvm.isa.BlobFormatException;
import io.jpvm.isa.CapEntry;
import io.jpvm.isa.CapType;
import io.jpvm.isa.JarProgram;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a JAR v2 manifest from the cap directives. Entries follow directive order; when the invoke
 * slot has no {@code .code_cap}, an implicit CODE entry for it comes first. Data placement: each cap's
 * contents (the code sub-blob for CODE caps, {@code init=} bytes for DATA caps) go at {@code at=} if
 * given, otherwise after everything placed so far; CODE caps without {@code at=}/{@code len=} share one
 * copy of the code; a DATA cap without contents gets data_offset 0 and data_len 0. {@code len=} sets
 * data_len explicitly. Then {@code .data_bytes} overlays are written, and the section is
 * {@code .data_size} bytes long or just long enough.
 */
public final class JarBuilder {
    private JarBuilder() {}

    private record Write(long offset, byte[] bytes, long length) {}

    /** The manifest for {@code spec} whose CODE caps carry {@code subBlob}. */
    public static JarProgram build(ContainerSpec spec, byte[] subBlob) {
        int invoke = spec.invokeCap != null ? spec.invokeCap : 64;
        List<ContainerSpec.CapSpec> caps = withInvokeCap(spec, invoke);
        List<CapEntry> entries = new ArrayList<>();
        List<Write> writes = new ArrayList<>();
        long cursor = 0;
        Long sharedCode = null;
        long memory = 0;
        for (ContainerSpec.CapSpec c : caps) {
            byte[] contents = c.type == CapType.CODE ? subBlob : c.init.toByteArray();
            long len = c.len != null ? c.len : contents.length;
            if (c.type == CapType.DATA && contents.length > len) {
                throw new AsmException(c.line, "init has " + contents.length + " bytes but len=" + len);
            }
            boolean shareable = c.type == CapType.CODE && c.at == null && c.len == null;
            long off;
            if (c.at != null) {
                off = c.at;
            } else if (len == 0) {
                off = 0;
            } else if (shareable && sharedCode != null) {
                off = sharedCode;
            } else {
                off = cursor;
                if (shareable) {
                    sharedCode = off;
                }
            }
            if (len > 0) {
                writes.add(new Write(off, contents, len));
                cursor = Math.max(cursor, off + len);
            }
            checkCap(c, off, len);
            if (c.type == CapType.DATA) {
                memory += c.pageCount;
            }
            entries.add(new CapEntry(c.slot, c.type, c.basePage, c.pageCount, c.writable, off, len));
        }
        long needed = cursor;
        for (ContainerSpec.Overlay o : spec.overlays) {
            needed = Math.max(needed, o.offset() + o.bytes().length);
        }
        if (needed > ContainerSpec.MAX_BYTES) {
            throw new AsmException(spec.containerLine, "data section of " + needed + " bytes is too large");
        }
        if (spec.dataSize != null && spec.dataSize < needed) {
            throw new AsmException(spec.dataSizeLine, ".data_size " + spec.dataSize + " is smaller than the "
                    + needed + " bytes the caps and .data_bytes need");
        }
        byte[] data = new byte[(int) (spec.dataSize != null ? spec.dataSize : needed)];
        for (Write w : writes) {
            System.arraycopy(w.bytes(), 0, data, (int) w.offset(), (int) Math.min(w.length(), w.bytes().length));
        }
        for (ContainerSpec.Overlay o : spec.overlays) {
            System.arraycopy(o.bytes(), 0, data, (int) o.offset(), o.bytes().length);
        }
        long memoryPages = spec.memoryPages != null ? spec.memoryPages : Math.min(memory, 0xFFFF_FFFFL);
        try {
            return new JarProgram(memoryPages, invoke, entries, data);
        } catch (BlobFormatException e) {
            throw new AsmException(spec.containerLine, "invalid JAR: " + e.getMessage());
        }
    }

    private static List<ContainerSpec.CapSpec> withInvokeCap(ContainerSpec spec, int invoke) {
        List<ContainerSpec.CapSpec> caps = new ArrayList<>(spec.caps);
        ContainerSpec.CapSpec declared = spec.cap(invoke);
        if (declared == null) {
            caps.add(0, new ContainerSpec.CapSpec(spec.invokeLine, invoke, CapType.CODE));
        } else if (declared.type != CapType.CODE) {
            throw new AsmException(declared.line, "slot " + invoke + " is the invoke cap and must be a CODE cap");
        }
        if (caps.size() > 255) {
            throw new AsmException(caps.get(255).line, "more than 255 caps");
        }
        return caps;
    }

    private static void checkCap(ContainerSpec.CapSpec c, long off, long len) {
        if (c.basePage + c.pageCount > JarProgram.ADDRESS_PAGES) {
            throw new AsmException(c.line, "pages " + c.basePage + " + " + c.pageCount + " exceed the 2^20-page address space");
        }
        if (c.type == CapType.DATA && len > c.pageCount * JarProgram.PAGE_SIZE) {
            throw new AsmException(c.line, len + " bytes of data exceed " + c.pageCount + " pages");
        }
        if (len > 0 && off + len > ContainerSpec.MAX_BYTES) {
            throw new AsmException(c.line, "data at " + off + " + " + len + " is beyond the largest data section");
        }
    }
}
