package io.jpvm.isa.internal;

import io.jpvm.isa.CapType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** The container settings collected from a source file's directives (mutable, assembler-internal). */
public final class ContainerSpec {
    /** The largest data section or Y field the assembler builds. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    /** {@code deblob}, {@code program} or {@code jar}. */
    public String container = "deblob";
    public int containerLine;
    /** {@code .jump_entry_size}, or null for the minimal size. */
    public Integer entrySize;
    public int entrySizeLine;

    // standard program (Y)
    public final ByteArrayOutputStream roData = new ByteArrayOutputStream();
    public final ByteArrayOutputStream rwData = new ByteArrayOutputStream();
    public Integer heapPages;
    public Integer stackSize;

    // JAR v2
    public Long memoryPages;
    public Integer invokeCap;
    public int invokeLine;
    public final List<CapSpec> caps = new ArrayList<>();
    public final List<Overlay> overlays = new ArrayList<>();
    public Long dataSize;
    public int dataSizeLine;

    /** One {@code .code_cap} or {@code .data_cap}. */
    public static final class CapSpec {
        public final int line;
        public final int slot;
        public final CapType type;
        public long basePage;
        public long pageCount;
        public boolean writable;
        /** {@code at=}: explicit data_offset, or null to append. */
        public Long at;
        /** {@code len=}: explicit data_len, or null for the contents' length. */
        public Long len;
        public final ByteArrayOutputStream init = new ByteArrayOutputStream();

        public CapSpec(int line, int slot, CapType type) {
            this.line = line;
            this.slot = slot;
            this.type = type;
        }
    }

    /** {@code .data_bytes OFFSET hex}: bytes written over the data section last. */
    public record Overlay(long offset, byte[] bytes, int line) {}

    /** The cap declared for {@code slot}, or null. */
    public CapSpec cap(int slot) {
        for (CapSpec c : caps) {
            if (c.slot == slot) {
                return c;
            }
        }
        return null;
    }
}
