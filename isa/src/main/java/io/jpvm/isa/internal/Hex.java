package io.jpvm.isa.internal;

/** Hex formatting of byte runs for disassembly output. */
public final class Hex {
    private Hex() {}

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    /** {@code b[from, to)} as space-separated {@code 0xNN} tokens. */
    public static String tokens(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(' ');
            }
            sb.append("0x").append(DIGITS[(b[i] >> 4) & 15]).append(DIGITS[b[i] & 15]);
        }
        return sb.toString();
    }

    /** {@code b[from, to)} as one run of hex digits. */
    public static String compact(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) * 2);
        for (int i = from; i < to; i++) {
            sb.append(DIGITS[(b[i] >> 4) & 15]).append(DIGITS[b[i] & 15]);
        }
        return sb.toString();
    }

    /**
     * Appends {@code prefix + " " + compact(chunk)} lines for {@code b} in chunks of {@code chunk}
     * bytes; nothing when {@code b} is empty.
     */
    public static void lines(StringBuilder out, String prefix, byte[] b, int chunk) {
        for (int i = 0; i < b.length; i += chunk) {
            out.append(prefix).append(' ').append(compact(b, i, Math.min(b.length, i + chunk))).append('\n');
        }
    }
}
