package io.jpvm.isa;

import io.jpvm.isa.internal.ByteReader;
import io.jpvm.isa.internal.ByteWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A JAR v2 capability manifest (the {@code javm} profile's program container): magic
 * {@code 4A 41 52 02}, memory_pages u32, cap_count u8, invoke_cap u8, cap_count 19-byte entries, then
 * the data section the entries point into. All fields are fixed-width little-endian.
 *
 * <p>Validation (stricter than upstream, which accepts duplicate slots and unchecked page ranges):
 * cap_type must be 0 (CODE) or 1 (DATA) and init_access 0 (RO) or 1 (RW); each slot appears once;
 * base_page + page_count ≤ 2^20 (the 4 GiB address space) for every entry; data_offset + data_len ≤
 * len(data section) when data_len > 0; a DATA entry's data_len ≤ page_count · 4096; invoke_cap names a
 * CODE entry. CODE sub-blobs are parsed on demand by {@link #codeOf}. The constructor applies the same
 * checks, reporting the byte offset the offending field has in {@link #write()}'s output.
 *
 * @param memoryPages size of the UNTYPED page pool (u32)
 * @param invokeCap   the slot of the CODE cap VM 0 runs
 * @param caps        the entries in manifest order
 * @param dataSection everything after the entries
 */
public record JarProgram(long memoryPages, int invokeCap, List<CapEntry> caps, byte[] dataSection) {
    /** {@code "JAR\x02"}. */
    private static final byte[] MAGIC = {0x4A, 0x41, 0x52, 0x02};
    /** The fixed header size before the entries. */
    public static final int HEADER_SIZE = 10;
    /** The size of one manifest entry. */
    public static final int ENTRY_SIZE = 19;
    /** The page size. */
    public static final long PAGE_SIZE = 4096;
    /** Pages in the 32-bit address space. */
    public static final long ADDRESS_PAGES = 1L << 20;

    /** Copies and validates (throws {@link BlobFormatException}). */
    public JarProgram {
        caps = List.copyOf(caps);
        dataSection = dataSection.clone();
        validate(memoryPages, invokeCap, caps, dataSection.length);
    }

    @Override
    public byte[] dataSection() {
        return dataSection.clone();
    }

    /** True when {@code blob} starts with the JAR v2 magic. */
    public static boolean hasMagic(byte[] blob) {
        return blob != null && blob.length >= MAGIC.length && Arrays.equals(blob, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** Parses a manifest; any malformation raises {@link BlobFormatException}. */
    public static JarProgram parse(byte[] blob) {
        if (blob.length < HEADER_SIZE) {
            throw new BlobFormatException("header", 0, "needs " + HEADER_SIZE + " bytes, blob has " + blob.length);
        }
        if (!hasMagic(blob)) {
            throw new BlobFormatException("magic", 0, "not JAR\\x02");
        }
        ByteReader r = new ByteReader(blob);
        r.le(4, "magic");
        long memoryPages = r.le(4, "memory_pages");
        int count = r.u8("cap_count");
        int invoke = r.u8("invoke_cap");
        r.count(count, ENTRY_SIZE, "cap_count", 8);
        CapEntry[] caps = new CapEntry[count];
        for (int i = 0; i < count; i++) {
            caps[i] = readEntry(r, "cap entry " + i + " ");
        }
        byte[] data = r.bytes(r.remaining(), "data section");
        return new JarProgram(memoryPages, invoke, Arrays.asList(caps), data);
    }

    private static CapEntry readEntry(ByteReader r, String name) {
        int slot = r.u8(name + "cap_index");
        long typeAt = r.offset();
        int type = r.u8(name + "cap_type");
        if (type > 1) {
            throw r.error(name + "cap_type", typeAt, "unknown cap type " + type);
        }
        long basePage = r.le(4, name + "base_page");
        long pageCount = r.le(4, name + "page_count");
        long accessAt = r.offset();
        int access = r.u8(name + "init_access");
        if (access > 1) {
            throw r.error(name + "init_access", accessAt, "unknown access " + access);
        }
        long dataOffset = r.le(4, name + "data_offset");
        long dataLength = r.le(4, name + "data_len");
        return new CapEntry(slot, CapType.values()[type], basePage, pageCount, access == 1, dataOffset, dataLength);
    }

    private static void validate(long memoryPages, int invokeCap, List<CapEntry> caps, int dataLength) {
        if (memoryPages < 0 || memoryPages > 0xFFFF_FFFFL) {
            throw new BlobFormatException("memory_pages", 4, memoryPages + " not a u32");
        }
        if (caps.size() > 255) {
            throw new BlobFormatException("cap_count", 8, caps.size() + " entries, at most 255");
        }
        if (invokeCap < 0 || invokeCap > 255) {
            throw new BlobFormatException("invoke_cap", 9, invokeCap + " not in 0..255");
        }
        int[] slotOwner = new int[256];
        Arrays.fill(slotOwner, -1);
        boolean invokeIsCode = false;
        for (int i = 0; i < caps.size(); i++) {
            CapEntry c = caps.get(i);
            long at = HEADER_SIZE + (long) ENTRY_SIZE * i;
            String name = "cap entry " + i + " ";
            if (slotOwner[c.slot()] >= 0) {
                throw new BlobFormatException(name + "cap_index", at,
                        "slot " + c.slot() + " already used by cap entry " + slotOwner[c.slot()]);
            }
            slotOwner[c.slot()] = i;
            if (c.basePage() + c.pageCount() > ADDRESS_PAGES) {
                throw new BlobFormatException(name + "page_count", at + 6, "pages " + c.basePage() + " + "
                        + c.pageCount() + " exceed the " + ADDRESS_PAGES + "-page address space");
            }
            if (c.dataLength() > 0 && c.dataOffset() + c.dataLength() > dataLength) {
                throw new BlobFormatException(name + "data_offset", at + 11, "data [" + c.dataOffset() + ", "
                        + (c.dataOffset() + c.dataLength()) + ") exceeds the " + dataLength + "-byte data section");
            }
            if (c.type() == CapType.DATA && c.dataLength() > c.pageCount() * PAGE_SIZE) {
                throw new BlobFormatException(name + "data_len", at + 15,
                        c.dataLength() + " bytes exceed " + c.pageCount() + " pages");
            }
            invokeIsCode |= c.slot() == invokeCap && c.type() == CapType.CODE;
        }
        if (!invokeIsCode) {
            throw new BlobFormatException("invoke_cap", 9, "slot " + invokeCap + " holds no CODE cap");
        }
    }

    /** The encoding (exactly the parsed bytes for any blob {@link #parse} accepted). */
    public byte[] write() {
        ByteWriter w = new ByteWriter().bytes(MAGIC).le(memoryPages, 4).u8(caps.size()).u8(invokeCap);
        for (CapEntry c : caps) {
            w.u8(c.slot()).u8(c.type().code()).le(c.basePage(), 4).le(c.pageCount(), 4).u8(c.writable() ? 1 : 0)
                    .le(c.dataOffset(), 4).le(c.dataLength(), 4);
        }
        return w.bytes(dataSection).toByteArray();
    }

    /** The byte offset of the data section in {@link #write()}'s output. */
    public int dataSectionOffset() {
        return HEADER_SIZE + ENTRY_SIZE * caps.size();
    }

    /** The entry for {@code slot}, or null. */
    public CapEntry cap(int slot) {
        for (CapEntry c : caps) {
            if (c.slot() == slot) {
                return c;
            }
        }
        return null;
    }

    /** The CODE entry VM 0 runs. */
    public CapEntry invokeEntry() {
        return cap(invokeCap);
    }

    /**
     * The entry's initial data: {@code data_len} bytes from {@code data_offset} (empty when 0).
     * {@code cap} must be one of {@link #caps()}.
     */
    public byte[] capData(CapEntry cap) {
        requireOwn(cap);
        if (cap.dataLength() == 0) {
            return new byte[0];
        }
        int from = (int) cap.dataOffset();
        return Arrays.copyOfRange(dataSection, from, from + (int) cap.dataLength());
    }

    /**
     * Parses the code sub-blob of CODE entry {@code cap} (one of {@link #caps()}; see {@link JarCode});
     * errors carry the byte offset within the whole manifest.
     */
    public CodeBlob codeOf(CapEntry cap) {
        requireOwn(cap);
        if (cap.type() != CapType.CODE) {
            throw new IllegalArgumentException("slot " + cap.slot() + " is not a CODE cap");
        }
        int from = cap.dataLength() == 0 ? 0 : (int) cap.dataOffset();
        ByteReader r = new ByteReader(dataSection, from, from + (int) cap.dataLength(), dataSectionOffset(),
                "cap " + cap.slot() + " ");
        return JarCode.read(r);
    }

    private void requireOwn(CapEntry cap) {
        if (!caps.contains(cap)) {
            throw new IllegalArgumentException("not an entry of this manifest: " + cap);
        }
    }

    /** The code of the invoke cap. */
    public CodeBlob invokeCode() {
        return codeOf(invokeEntry());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JarProgram p && memoryPages == p.memoryPages && invokeCap == p.invokeCap
                && caps.equals(p.caps) && Arrays.equals(dataSection, p.dataSection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(memoryPages, invokeCap, caps, Arrays.hashCode(dataSection));
    }

    @Override
    public String toString() {
        return "JarProgram[memoryPages=" + memoryPages + ", invokeCap=" + invokeCap + ", caps=" + caps
                + ", dataSection=" + dataSection.length + " bytes]";
    }
}
