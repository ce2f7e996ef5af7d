package io.jpvm.isa.internal;

/**
 * An instruction-start bitmask packed 64 positions per {@code long}, least significant bit first,
 * with every position from the code length on set (the bitmask past the end reads as 1) and enough
 * all-ones words after the last code position that {@link #window} can be read at any position up to
 * {@code len + 64}. Lets the decoder find the next start with one {@link Long#numberOfTrailingZeros}
 * instead of a byte-by-byte scan.
 */
public final class StartBits {
    private StartBits() {}

    /** Packs {@code mask} (one entry per code byte, true where an instruction starts). */
    public static long[] pack(boolean[] mask) {
        int len = mask.length;
        long[] bits = newBits(len);
        int full = len >>> 6;
        for (int k = 0; k < full; k++) {
            bits[k] = word(mask, k << 6, 64);
        }
        bits[full] = word(mask, full << 6, len & 63);
        return fillPastEnd(bits, len);
    }

    /**
     * Packs a bitmask given as ⌈len/8⌉ bytes, least significant bit first (the container encoding);
     * padding bits past {@code len} are ignored.
     */
    public static long[] pack(byte[] packed, int len) {
        long[] bits = newBits(len);
        for (int i = 0; i < (len + 7) >>> 3; i++) {
            bits[i >>> 3] |= (packed[i] & 0xFFL) << ((i & 7) << 3);
        }
        return fillPastEnd(bits, len);
    }

    private static long[] newBits(int len) {
        return new long[(len >>> 6) + 3];
    }

    /** {@code n} mask entries from {@code from} as the low bits of a word (branch-free). */
    private static long word(boolean[] mask, int from, int n) {
        long w = 0;
        for (int j = 0; j < n; j++) {
            w |= (mask[from + j] ? 1L : 0L) << j;
        }
        return w;
    }

    private static long[] fillPastEnd(long[] bits, int len) {
        int k = len >>> 6;
        bits[k] = bits[k] & ~(-1L << len) | -1L << len;
        for (int i = k + 1; i < bits.length; i++) {
            bits[i] = -1L;
        }
        return bits;
    }

    /** The 64 bitmask entries from position {@code p} (0 ≤ p ≤ len + 64), position p in bit 0. */
    public static long window(long[] bits, int p) {
        int k = p >>> 6;
        int s = p & 63;
        return bits[k] >>> s | (bits[k + 1] << 1) << (63 - s);
    }

    /** The first start at or after {@code p} (0 ≤ p ≤ len): at most {@code len}. */
    public static int nextStart(long[] bits, int p) {
        int at = p;
        long w = window(bits, at);
        while (w == 0) {
            at += 64;
            w = window(bits, at);
        }
        return at + Long.numberOfTrailingZeros(w);
    }

    /** The number of starts in positions 0 to {@code len - 1}. */
    public static int count(long[] bits, int len) {
        int full = len >>> 6;
        int c = 0;
        for (int k = 0; k < full; k++) {
            c += Long.bitCount(bits[k]);
        }
        return c + Long.bitCount(bits[full] & ~(-1L << len));
    }
}
