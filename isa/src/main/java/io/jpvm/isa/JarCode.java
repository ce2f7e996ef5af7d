package io.jpvm.isa;

import io.jpvm.isa.internal.ByteReader;
import io.jpvm.isa.internal.ByteWriter;

/**
 * The code sub-blob a JAR v2 CODE cap carries: jump_len u32 ‖ entry_size u8 (1..4) ‖ code_len u32 ‖
 * jump table ‖ code ‖ packed bitmask (LSB-first). Bytes after the bitmask are ignored, as upstream does;
 * non-zero bitmask padding bits are rejected.
 */
public final class JarCode {
    private JarCode() {}

    /** Parses a sub-blob; any malformation raises {@link BlobFormatException}. */
    public static CodeBlob parse(byte[] subBlob) {
        return read(new ByteReader(subBlob));
    }

    /** Reads a sub-blob from {@code r}, ignoring whatever follows the bitmask. */
    static CodeBlob read(ByteReader r) {
        long jlAt = r.offset();
        long jumpLen = r.le(4, "jump_len");
        long esAt = r.offset();
        int entrySize = r.u8("entry_size");
        long clAt = r.offset();
        long codeLen = r.le(4, "code_len");
        if (entrySize < 1 || entrySize > 4) {
            throw r.error("entry_size", esAt, "entry size " + entrySize + " not in 1..4");
        }
        int entries = r.count(jumpLen, entrySize, "jump_len", jlAt);
        int[] table = new int[entries];
        for (int i = 0; i < entries; i++) {
            table[i] = (int) r.le(entrySize, "jump table");
        }
        int len = r.count(codeLen, 1, "code_len", clAt);
        if ((long) len + (len + 7L) / 8 > r.remaining()) {
            throw r.error("code_len", clAt, "code of " + len + " bytes and its bitmask need "
                    + (len + (len + 7L) / 8) + " bytes, only " + r.remaining() + " remain");
        }
        byte[] code = r.bytes(len, "code");
        return Deblob.codeBlob(r, code, table);
    }

    /** The sub-blob with the minimal entry size (1 when the table is empty). */
    public static byte[] write(CodeBlob code) {
        return write(code, minimalEntrySize(code));
    }

    /** The sub-blob with entry size {@code entrySize} (1..4, wide enough for every entry). */
    public static byte[] write(CodeBlob code, int entrySize) {
        if (entrySize < 1 || entrySize > 4) {
            throw new IllegalArgumentException("entry size " + entrySize + " not in 1..4");
        }
        if (entrySize < minimalEntrySize(code)) {
            throw new IllegalArgumentException("entry size " + entrySize + " too small for the jump table");
        }
        ByteWriter w = new ByteWriter().le(code.jumpTableSize(), 4).u8(entrySize).le(code.length(), 4);
        for (int i = 0; i < code.jumpTableSize(); i++) {
            w.le(code.jumpTableEntry(i), entrySize);
        }
        return w.bytes(code.code()).bytes(code.packedBitmask()).toByteArray();
    }

    /** The fewest bytes (1..4) that hold the largest jump-table entry; 1 for an empty table. */
    public static int minimalEntrySize(CodeBlob code) {
        return Math.max(1, Deblob.minimalEntrySize(code));
    }
}
