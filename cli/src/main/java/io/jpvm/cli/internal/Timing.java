package io.jpvm.cli.internal;

import java.util.Arrays;
import java.util.function.IntSupplier;

/** Small statistics over timed runs. */
final class Timing {
    private Timing() {}

    /** The median of {@code nanos} (the mean of the middle two for an even count). */
    static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    /**
     * Runs {@code work} {@code warmups} times, then times {@code runs} more runs; returns their
     * durations in ns. The results of {@code work} are summed and kept observable, so the JIT cannot
     * drop the work.
     */
    static long[] sample(int warmups, int runs, IntSupplier work) {
        int sink = 0;
        for (int i = 0; i < warmups; i++) {
            sink += work.getAsInt();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink += work.getAsInt();
            nanos[i] = System.nanoTime() - t0;
        }
        SINK = sink;
        return nanos;
    }

    /** Where {@link #sample} leaves its results. */
    @SuppressWarnings("unused")
    private static volatile int SINK;

    static long min(long[] nanos) {
        return Arrays.stream(nanos).min().orElse(0);
    }
}
