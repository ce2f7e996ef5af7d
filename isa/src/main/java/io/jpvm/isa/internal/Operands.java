package io.jpvm.isa.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parsing of operand tokens: registers, numbers, branch targets and hex byte lists. */
public final class Operands {
    private Operands() {}

    private static final Map<String, Integer> ALIASES = Map.ofEntries(
            Map.entry("ra", 0), Map.entry("sp", 1), Map.entry("t0", 2), Map.entry("t1", 3), Map.entry("t2", 4),
            Map.entry("s0", 5), Map.entry("s1", 6), Map.entry("a0", 7), Map.entry("a1", 8), Map.entry("a2", 9),
            Map.entry("a3", 10), Map.entry("a4", 11), Map.entry("a5", 12));
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger MIN_64 = BigInteger.ONE.shiftLeft(63).negate();

    /** A branch or jump-table target: a label name, or an absolute pc when {@code label} is null. */
    public record Target(String label, long pc) {
        @Override
        public String toString() {
            return label != null ? label : "@" + pc;
        }
    }

    /** Instruction operands: comma-separated, trimmed; none when {@code rest} is blank. */
    public static List<String> commaList(String rest) {
        List<String> out = new ArrayList<>();
        if (rest.isBlank()) {
            return out;
        }
        for (String part : rest.split(",", -1)) {
            String t = part.strip();
            if (t.isEmpty()) {
                throw new AsmFailure("empty operand");
            }
            out.add(t);
        }
        return out;
    }

    /** Directive arguments: separated by whitespace and/or commas. */
    public static List<String> words(String rest) {
        List<String> out = new ArrayList<>();
        for (String t : rest.split("[\\s,]+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** r0..r12 or an ABI alias (ra, sp, t0..t2, s0, s1, a0..a5). */
    public static int register(String tok) {
        String t = tok.toLowerCase(Locale.ROOT);
        Integer alias = ALIASES.get(t);
        if (alias != null) {
            return alias;
        }
        if (t.length() >= 2 && t.length() <= 3 && t.charAt(0) == 'r' && t.chars().skip(1).allMatch(Character::isDigit)) {
            int n = Integer.parseInt(t.substring(1));
            if (n <= 12 && (t.length() == 2 || t.charAt(1) != '0')) {
                return n;
            }
        }
        throw new AsmFailure("expected a register r0..r12, found '" + tok + "'");
    }

    /** A decimal or 0x-hex integer with an optional sign, or null when {@code tok} is not one. */
    public static BigInteger numberOrNull(String tok) {
        String t = tok.replace("_", "");
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
            radix = 16;
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 40 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(t, radix);
            return negative ? v.negate() : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An integer token, or an error naming {@code what}. */
    public static BigInteger number(String tok, String what) {
        BigInteger v = numberOrNull(tok);
        if (v == null) {
            throw new AsmFailure("expected " + what + ", found '" + tok + "'");
        }
        return v;
    }

    /**
     * A 64-bit value: any of −2^63..2^64−1, returned as its 64-bit pattern.
     */
    public static long imm64(String tok) {
        BigInteger v = number(tok, "an immediate");
        if (v.compareTo(MIN_64) < 0 || v.compareTo(TWO_64) >= 0) {
            throw new AsmFailure("immediate " + tok + " does not fit in 64 bits");
        }
        return v.longValue();
    }

    /**
     * A sign-extended 32-bit immediate: −2^31..2^31−1, or a 64-bit pattern of such a value
     * (e.g. 0xFFFFFFFFFFFFFFFF for −1).
     */
    public static long imm32(String tok) {
        long v = imm64(tok);
        if (Encoding.width(v) < 0) {
            throw new AsmFailure("immediate " + tok + " out of range -2147483648..2147483647");
        }
        return v;
    }

    /** An unsigned integer in 0..max. */
    public static long unsigned(String tok, long max, String what) {
        BigInteger v = number(tok, what);
        if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new AsmFailure(what + " " + tok + " out of range 0.." + max);
        }
        return v.longValue();
    }

    /** A label name or {@code @pc} (an absolute code offset, possibly negative). */
    public static Target target(String tok) {
        if (tok.startsWith("@")) {
            BigInteger v = number(tok.substring(1), "a pc after '@'");
            if (v.bitLength() > 40) {
                throw new AsmFailure("target " + tok + " out of range");
            }
            return new Target(null, v.longValue());
        }
        if (!SourceLine.isIdentifier(tok)) {
            throw new AsmFailure("expected a label or @pc, found '" + tok + "'");
        }
        return new Target(tok, 0);
    }

    /**
     * Bytes from hex tokens: each token is an even number of hex digits with an optional 0x prefix
     * ({@code 0xc8}, {@code c88709}).
     */
    public static byte[] hexBytes(List<String> tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String tok : tokens) {
            hexInto(tok, out);
        }
        return out.toByteArray();
    }

    /** Appends the bytes of one hex token. */
    public static void hexInto(String tok, ByteArrayOutputStream out) {
        String t = tok.startsWith("0x") || tok.startsWith("0X") ? tok.substring(2) : tok;
        if (t.isEmpty() || t.length() % 2 != 0) {
            throw new AsmFailure("bad hex bytes '" + tok + "': need an even number of hex digits");
        }
        for (int i = 0; i < t.length(); i += 2) {
            int hi = Character.digit(t.charAt(i), 16);
            int lo = Character.digit(t.charAt(i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new AsmFailure("bad hex bytes '" + tok + "'");
            }
            out.write(hi << 4 | lo);
        }
    }
}
