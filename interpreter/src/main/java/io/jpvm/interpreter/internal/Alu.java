package io.jpvm.interpreter.internal;

/**
 * PVM arithmetic whose semantics need more than one Java operator: division and remainder (never
 * trapping), the upper halves of 128-bit products, and the comparisons that yield 0 or 1.
 */
public final class Alu {
    private Alu() {}

    public static long divU32(long a, long b) {
        int d = (int) b;
        return d == 0 ? -1L : (int) Integer.divideUnsigned((int) a, d);
    }

    public static long divS32(long a, long b) {
        int d = (int) b;
        // Java's Integer.MIN_VALUE / -1 is Integer.MIN_VALUE, as the PVM requires
        return d == 0 ? -1L : (int) a / d;
    }

    public static long remU32(long a, long b) {
        int d = (int) b;
        return d == 0 ? (int) a : Integer.remainderUnsigned((int) a, d);
    }

    public static long remS32(long a, long b) {
        int d = (int) b;
        return d == 0 ? (int) a : (int) a % d;
    }

    public static long divU64(long a, long b) {
        return b == 0 ? -1L : Long.divideUnsigned(a, b);
    }

    public static long divS64(long a, long b) {
        return b == 0 ? -1L : a / b;
    }

    public static long remU64(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    public static long remS64(long a, long b) {
        return b == 0 ? a : a % b;
    }

    /** High 64 bits of signed a × unsigned b. */
    public static long mulUpperSU(long a, long b) {
        return Math.multiplyHigh(a, b) + (b < 0 ? a : 0);
    }

    public static long ltU(long a, long b) {
        return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
    }

    public static long ltS(long a, long b) {
        return a < b ? 1 : 0;
    }

    public static long maxU(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    public static long minU(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
