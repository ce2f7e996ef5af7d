package io.jpvm.cli.internal;

import java.util.Arrays;

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

    static long min(long[] nanos) {
        return Arrays.stream(nanos).min().orElse(0);
    }
}
