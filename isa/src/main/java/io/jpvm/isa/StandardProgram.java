package io.jpvm.isa;

import io.jpvm.isa.internal.ByteReader;
import io.jpvm.isa.internal.ByteWriter;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Gray Paper standard program (GP A.7, the blob Y initialises from):
 * E₃(len o) ‖ E₃(len w) ‖ E₂(z) ‖ E₃(s) ‖ o ‖ w ‖ E₄(len c) ‖ c, with c a {@link Deblob}.
 * Parsing consumes the input exactly. Byte arrays are copied on the way in and out.
 *
 * @param roData    o, the read-only data
 * @param rwData    w, the read-write data
 * @param heapPages z, extra zeroed heap pages after w (u16)
 * @param stackSize s, the stack size in bytes (u24)
 * @param code      c, the code blob
 */
public record StandardProgram(byte[] roData, byte[] rwData, int heapPages, int stackSize, Deblob code) {
    private static final int MAX_U24 = (1 << 24) - 1;

    /** Copies the arrays and checks the fixed-width fields' ranges ({@link BlobFormatException}). */
    public StandardProgram {
        Objects.requireNonNull(code, "code");
        roData = roData.clone();
        rwData = rwData.clone();
        if (roData.length > MAX_U24) {
            throw new BlobFormatException("ro_data length", 0, roData.length + " bytes exceed the 3-byte length field");
        }
        if (rwData.length > MAX_U24) {
            throw new BlobFormatException("rw_data length", 3, rwData.length + " bytes exceed the 3-byte length field");
        }
        if (heapPages < 0 || heapPages > 0xFFFF) {
            throw new BlobFormatException("heap_pages", 6, heapPages + " not in 0..65535");
        }
        if (stackSize < 0 || stackSize > MAX_U24) {
            throw new BlobFormatException("stack_size", 8, stackSize + " not in 0..16777215");
        }
    }

    @Override
    public byte[] roData() {
        return roData.clone();
    }

    @Override
    public byte[] rwData() {
        return rwData.clone();
    }

    /** Parses a standard program; any malformation raises {@link BlobFormatException}. */
    public static StandardProgram parse(byte[] blob) {
        ByteReader r = new ByteReader(blob);
        long oAt = r.offset();
        long oLen = r.le(3, "ro_data length");
        long wAt = r.offset();
        long wLen = r.le(3, "rw_data length");
        int z = (int) r.le(2, "heap_pages");
        int s = (int) r.le(3, "stack_size");
        byte[] o = r.bytes(r.count(oLen, 1, "ro_data length", oAt), "ro_data");
        byte[] w = r.bytes(r.count(wLen, 1, "rw_data length", wAt), "rw_data");
        long cAt = r.offset();
        long cLen = r.le(4, "code length");
        if (cLen != r.remaining()) {
            throw r.error("code length", cAt, "declares " + cLen + " bytes but " + r.remaining() + " remain");
        }
        ByteReader c = r.slice((int) cLen, "code", "code ");
        Deblob code = Deblob.read(c);
        c.expectEnd("trailing data");
        return new StandardProgram(o, w, z, s, code);
    }

    /** The encoding (exactly the parsed bytes for any blob {@link #parse} accepted). */
    public byte[] write() {
        byte[] c = code.write();
        return new ByteWriter().le(roData.length, 3).le(rwData.length, 3).le(heapPages, 2).le(stackSize, 3)
                .bytes(roData).bytes(rwData).le(c.length, 4).bytes(c).toByteArray();
    }

    /**
     * The initial memory and registers of Y(p, a) for arguments {@code arguments} (GP A.7).
     *
     * @throws BlobFormatException (field "layout") when the regions do not fit in 2^32 bytes or the
     *                             arguments are longer than Z_I = 2^24
     */
    public StandardLayout layout(byte[] arguments) {
        return StandardLayout.of(this, arguments.clone(), arguments.length);
    }

    /**
     * As {@link #layout(byte[])} for arguments of {@code argumentLength} bytes whose contents the
     * caller supplies: the argument region's {@code contents} is empty.
     */
    public StandardLayout layout(long argumentLength) {
        return StandardLayout.of(this, new byte[0], argumentLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandardProgram p && Arrays.equals(roData, p.roData) && Arrays.equals(rwData, p.rwData)
                && heapPages == p.heapPages && stackSize == p.stackSize && code.equals(p.code);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(roData), Arrays.hashCode(rwData), heapPages, stackSize, code);
    }

    @Override
    public String toString() {
        return "StandardProgram[roData=" + roData.length + " bytes, rwData=" + rwData.length + " bytes, heapPages="
                + heapPages + ", stackSize=" + stackSize + ", code=" + code + "]";
    }
}
