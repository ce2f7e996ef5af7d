package io.jpvm.isa;

import io.jpvm.isa.internal.ByteReader;
import io.jpvm.isa.internal.ByteWriter;
import io.jpvm.isa.internal.Varint;
import java.util.Objects;

/**
 * A Gray Paper {@code deblob} code blob (GP A.2; the {@code program} field of the PVM vectors):
 * E(len j) ‖ E₁(z) ‖ E(len c) ‖ j (each entry z bytes LE) ‖ c ‖ k (bitmask packed LSB-first).
 *
 * <p>Parsing is strict: varints must be canonical, the input must be consumed exactly, bitmask padding
 * bits must be 0, z = 0 only with an empty table, and z ≤ 4 (a CodeBlob stores u32 entries, so wider
 * entries are rejected even when their values would fit). Every parsed blob therefore re-encodes to
 * the same bytes: {@code parse(b).write()} equals {@code b}.
 *
 * @param code      the code, bitmask and jump table
 * @param entrySize z, the jump-table entry size in bytes (0..4; 0 only when the table is empty)
 */
public record Deblob(CodeBlob code, int entrySize) {

    /** Validates the entry size against the table (throws {@link BlobFormatException}). */
    public Deblob {
        Objects.requireNonNull(code, "code");
        long zOffset = Varint.encodedLength(code.jumpTableSize());
        if (entrySize < 0 || entrySize > 4) {
            throw new BlobFormatException("jump table entry size", zOffset,
                    "entry size " + entrySize + " not in 0..4");
        }
        if (entrySize == 0 && code.jumpTableSize() > 0) {
            throw new BlobFormatException("jump table entry size", zOffset,
                    "entry size 0 with " + code.jumpTableSize() + " entries");
        }
        for (int i = 0; i < code.jumpTableSize(); i++) {
            if (entrySize < 4 && code.jumpTableEntry(i) >>> (8 * entrySize) != 0) {
                throw new BlobFormatException("jump table entry size", zOffset,
                        "entry " + i + " = " + code.jumpTableEntry(i) + " does not fit in " + entrySize + " bytes");
            }
        }
    }

    /** The blob with the minimal entry size: 0 for an empty table, else the bytes of the largest entry. */
    public static Deblob of(CodeBlob code) {
        return new Deblob(code, minimalEntrySize(code));
    }

    /** 0 for an empty table, else 1..4: the fewest bytes that hold the largest entry. */
    public static int minimalEntrySize(CodeBlob code) {
        if (code.jumpTableSize() == 0) {
            return 0;
        }
        long max = 0;
        for (int i = 0; i < code.jumpTableSize(); i++) {
            max = Math.max(max, code.jumpTableEntry(i));
        }
        int n = 1;
        while (n < 4 && max >>> (8 * n) != 0) {
            n++;
        }
        return n;
    }

    /** Parses a deblob; any malformation raises {@link BlobFormatException}. */
    public static Deblob parse(byte[] blob) {
        ByteReader r = new ByteReader(blob);
        Deblob d = read(r);
        r.expectEnd("trailing data");
        return d;
    }

    /** Reads one deblob from {@code r} (the caller checks what follows). */
    static Deblob read(ByteReader r) {
        long jlAt = r.offset();
        long jumpLen = r.varint("jump table length");
        long zAt = r.offset();
        int z = r.u8("jump table entry size");
        long clAt = r.offset();
        long codeLen = r.varint("code length");
        if (z > 4) {
            throw r.error("jump table entry size", zAt, "entry size " + z + " > 4 is not supported");
        }
        if (z == 0 && jumpLen != 0) {
            throw r.error("jump table entry size", zAt,
                    "entry size 0 with " + Long.toUnsignedString(jumpLen) + " entries");
        }
        int entries = r.count(jumpLen, Math.max(z, 1), "jump table length", jlAt);
        int[] table = new int[entries];
        for (int i = 0; i < entries; i++) {
            table[i] = (int) r.le(z, "jump table");
        }
        int len = r.count(codeLen, 1, "code length", clAt);
        if ((long) len + (len + 7L) / 8 > r.remaining()) {
            throw r.error("code length", clAt, "code of " + len + " bytes and its " + (len + 7) / 8
                    + "-byte bitmask need " + (len + (len + 7L) / 8) + " bytes, only " + r.remaining() + " remain");
        }
        byte[] code = r.bytes(len, "code");
        return new Deblob(codeBlob(r, code, table), z);
    }

    /** The blob of {@code code} and {@code table} with the packed bitmask read from {@code r}. */
    static CodeBlob codeBlob(ByteReader r, byte[] code, int[] table) {
        int len = code.length;
        byte[] packed = readBitmask(r, len);
        boolean[] mask = new boolean[len];
        for (int i = 0; i < len; i++) {
            mask[i] = (packed[i >> 3] >> (i & 7) & 1) != 0;
        }
        return new CodeBlob(code, mask, table, packed);
    }

    /** Reads ⌈len/8⌉ packed bitmask bytes, rejecting non-zero padding bits. */
    private static byte[] readBitmask(ByteReader r, int len) {
        int n = (len + 7) / 8;
        long at = r.offset();
        byte[] packed = r.bytes(n, "bitmask");
        if (len % 8 != 0 && (packed[n - 1] & 0xFF) >>> (len % 8) != 0) {
            throw r.error("bitmask", at + n - 1, "non-zero padding bits past code length " + len);
        }
        return packed;
    }

    /** The canonical encoding (exactly the parsed bytes for any blob {@link #parse} accepted). */
    public byte[] write() {
        ByteWriter w = new ByteWriter();
        writeTo(w);
        return w.toByteArray();
    }

    void writeTo(ByteWriter w) {
        w.varint(code.jumpTableSize()).u8(entrySize).varint(code.length());
        for (int i = 0; i < code.jumpTableSize(); i++) {
            w.le(code.jumpTableEntry(i), entrySize);
        }
        w.bytes(code.code()).bytes(code.packedBitmask());
    }
}
