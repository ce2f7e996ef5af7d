package io.jpvm.isa.internal;

/**
 * The Gray Paper's natural-number varint E(x) for 0 ≤ x < 2^64 (serialization appendix): a first byte
 * whose count of leading 1-bits l tells how many little-endian bytes follow; {@code 0xFF} is followed
 * by all 8 bytes. Values are unsigned; Java {@code long}s ≥ 2^63 are negative.
 */
public final class Varint {
    private Varint() {}

    /** The total encoded length (1..9) announced by a first byte. */
    public static int length(int firstByte) {
        int leadingOnes = Integer.numberOfLeadingZeros(~firstByte & 0xFF) - 24;
        return 1 + leadingOnes;
    }

    /** The length (1..9) of the canonical encoding of {@code x} (unsigned). */
    public static int encodedLength(long x) {
        if (x == 0) {
            return 1;
        }
        if (Long.compareUnsigned(x, 1L << 56) >= 0) {
            return 9;
        }
        int bits = 64 - Long.numberOfLeadingZeros(x);
        return 1 + (bits - 1) / 7;
    }

    /** The canonical encoding of {@code x} (unsigned). */
    public static byte[] encode(long x) {
        int n = encodedLength(x);
        byte[] out = new byte[n];
        if (n == 9) {
            out[0] = (byte) 0xFF;
            for (int i = 0; i < 8; i++) {
                out[1 + i] = (byte) (x >>> (8 * i));
            }
            return out;
        }
        int l = n - 1;
        out[0] = (byte) (((0xFF << (8 - l)) & 0xFF) | (int) (x >>> (8 * l)));
        for (int i = 0; i < l; i++) {
            out[1 + i] = (byte) (x >>> (8 * i));
        }
        return out;
    }

    /**
     * Decodes the varint starting at {@code off}. The caller guarantees that {@link #length} bytes are
     * available. The result may be non-canonical; compare {@link #encodedLength} with {@link #length}.
     */
    public static long decode(byte[] buf, int off) {
        int first = buf[off] & 0xFF;
        int l = length(first) - 1;
        long low = 0;
        for (int i = 0; i < l; i++) {
            low |= (long) (buf[off + 1 + i] & 0xFF) << (8 * i);
        }
        if (l == 8) {
            return low;
        }
        long high = first & (0x7F >> l);
        return (high << (8 * l)) | low;
    }
}
