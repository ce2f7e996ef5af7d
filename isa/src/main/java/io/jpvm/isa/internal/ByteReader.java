package io.jpvm.isa.internal;

import io.jpvm.isa.BlobFormatException;
import java.util.Arrays;

/**
 * A bounds-checked cursor over part of a byte array for the container parsers. Every read names the
 * field it reads; running out of input or a bad value raises {@link BlobFormatException} with the
 * field and the byte offset (relative to the whole parsed input). Nothing is allocated before its
 * length has been checked against the remaining input.
 */
public final class ByteReader {
    private final byte[] data;
    private final int end;
    private final long base;
    private final String prefix;
    private int pos;

    /** Reads all of {@code data}; offsets are array indices. */
    public ByteReader(byte[] data) {
        this(data, 0, data.length, 0, "");
    }

    /**
     * Reads {@code data[start, end)}. Reported offsets are {@code base + index}; field names in errors
     * get {@code prefix} in front.
     */
    public ByteReader(byte[] data, int start, int end, long base, String prefix) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.base = base;
        this.prefix = prefix;
    }

    /** The offset of the next byte, as reported in errors. */
    public long offset() {
        return base + pos;
    }

    public int remaining() {
        return end - pos;
    }

    /** An error for {@code field} at reported offset {@code offset}. */
    public BlobFormatException error(String field, long offset, String problem) {
        return new BlobFormatException(prefix + field, offset, problem);
    }

    private void need(long n, String field) {
        if (n > remaining()) {
            throw error(field, offset(), "truncated: needs " + n + " bytes, only " + remaining() + " remain");
        }
    }

    public int u8(String field) {
        need(1, field);
        return data[pos++] & 0xFF;
    }

    /** An unsigned little-endian value of {@code n} (≤ 8) bytes. */
    public long le(int n, String field) {
        need(n, field);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) (data[pos + i] & 0xFF) << (8 * i);
        }
        pos += n;
        return v;
    }

    /** A canonical GP natural varint (unsigned; non-canonical encodings are rejected). */
    public long varint(String field) {
        long at = offset();
        need(1, field);
        int len = Varint.length(data[pos] & 0xFF);
        if (len > remaining()) {
            throw error(field, at, "truncated varint: needs " + len + " bytes, only " + remaining() + " remain");
        }
        long v = Varint.decode(data, pos);
        if (Varint.encodedLength(v) != len) {
            throw error(field, at, "non-canonical varint (" + len + " bytes for " + Long.toUnsignedString(v) + ")");
        }
        pos += len;
        return v;
    }

    /**
     * Checks that a declared count of {@code unit}-byte items (an unsigned value) fits in the remaining
     * input and returns it as an int. {@code fieldOffset} is where the count was read.
     */
    public int count(long declared, int unit, String field, long fieldOffset) {
        long rem = remaining();
        if (declared < 0 || declared > rem || declared * unit > rem) {
            throw error(field, fieldOffset, "declares " + Long.toUnsignedString(declared)
                    + (unit == 1 ? " bytes" : " entries of " + unit + " bytes") + " but only " + rem + " bytes remain");
        }
        return (int) declared;
    }

    /** The next {@code n} bytes (already checked with {@link #count} or checked here). */
    public byte[] bytes(int n, String field) {
        need(n, field);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    /** A reader over the next {@code n} bytes (same offsets, same prefix); this reader skips them. */
    public ByteReader slice(int n, String field, String newPrefix) {
        need(n, field);
        ByteReader r = new ByteReader(data, pos, pos + n, base, newPrefix);
        pos += n;
        return r;
    }

    /** Rejects any unread bytes. */
    public void expectEnd(String field) {
        if (pos != end) {
            throw error(field, offset(), (end - pos) + " unexpected trailing bytes");
        }
    }
}
