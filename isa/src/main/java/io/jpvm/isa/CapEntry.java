package io.jpvm.isa;

import java.util.Objects;

/**
 * One 19-byte JAR v2 manifest entry. All numeric fields keep their raw values (CODE entries carry the
 * page fields too, usually 0) so that a parsed manifest writes back to the same bytes.
 *
 * @param slot       {@code cap_index}: the slot in VM 0's capability table (0..255)
 * @param type       {@code cap_type}
 * @param basePage   {@code base_page} (u32): first page of a DATA cap in the address space
 * @param pageCount  {@code page_count} (u32)
 * @param writable   {@code init_access}: true for RW (1), false for RO (0)
 * @param dataOffset {@code data_offset} (u32) into the data section
 * @param dataLength {@code data_len} (u32); 0 means no initial data (the offset is then unused)
 */
public record CapEntry(int slot, CapType type, long basePage, long pageCount, boolean writable, long dataOffset,
                       long dataLength) {
    private static final long U32 = 0xFFFF_FFFFL;

    /** Checks the raw field ranges (IllegalArgumentException: a parser never produces such values). */
    public CapEntry {
        Objects.requireNonNull(type, "type");
        if (slot < 0 || slot > 255) {
            throw new IllegalArgumentException("slot " + slot + " not in 0..255");
        }
        checkU32("base_page", basePage);
        checkU32("page_count", pageCount);
        checkU32("data_offset", dataOffset);
        checkU32("data_len", dataLength);
    }

    private static void checkU32(String name, long v) {
        if (v < 0 || v > U32) {
            throw new IllegalArgumentException(name + " " + v + " not a u32");
        }
    }

    /** A CODE entry for a sub-blob at {@code dataOffset} of {@code dataLength} bytes, page fields 0. */
    public static CapEntry code(int slot, long dataOffset, long dataLength) {
        return new CapEntry(slot, CapType.CODE, 0, 0, false, dataOffset, dataLength);
    }
}
