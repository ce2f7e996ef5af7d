package io.jpvm.cli.internal;

import java.math.BigInteger;

/**
 * Parses 64-bit register and gas values from the command line: unsigned decimal up to 2^64 − 1,
 * negative decimal down to −2^63 (two's complement bits), or {@code 0x} hex up to 16 digits.
 */
final class NumberParser {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger MIN_I64 = BigInteger.valueOf(Long.MIN_VALUE);

    private NumberParser() {}

    /** The 64-bit pattern of {@code text}; throws {@link IllegalArgumentException} naming the problem. */
    static long parseU64(String text) {
        String s = text.strip().replace("_", "");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty number");
        }
        BigInteger v;
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                String digits = s.substring(2);
                if (digits.isEmpty() || digits.startsWith("-") || digits.startsWith("+")) {
                    throw new NumberFormatException();
                }
                v = new BigInteger(digits, 16);
            } else {
                v = new BigInteger(s);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number (decimal, negative decimal or 0x hex)");
        }
        if (v.signum() < 0 ? v.compareTo(MIN_I64) < 0 : v.compareTo(TWO_64) >= 0) {
            throw new IllegalArgumentException("'" + text + "' does not fit in 64 bits");
        }
        return v.longValue();
    }

    /** A non-negative value that fits in a signed long (gas, pc). */
    static long parseNonNegative(String text, String what) {
        long v = parseU64(text);
        if (v < 0) {
            throw new IllegalArgumentException(what + " must be between 0 and 2^63-1, got '" + text + "'");
        }
        return v;
    }
}
