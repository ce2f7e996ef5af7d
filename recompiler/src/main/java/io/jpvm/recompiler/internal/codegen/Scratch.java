package io.jpvm.recompiler.internal.codegen;

import java.lang.ref.SoftReference;
import java.util.Arrays;

/**
 * Per-thread working arrays of {@link CodeGenerator}, kept from one compilation to the next: the
 * code buffer and the per-instruction tables that do not outlive a compilation. Allocating and
 * zeroing them afresh costs ≈ 1–5 ns per instruction of a large program (≈ 0.8 MB for 32,000
 * instructions), a noticeable share of compile time. Softly held, so memory pressure can take them;
 * buffers above {@link #MAX_KEPT} bytes are not kept.
 */
final class Scratch {
    static final int MAX_KEPT = 16 << 20;

    private static final ThreadLocal<SoftReference<Scratch>> CURRENT = new ThreadLocal<>();

    byte[] code = new byte[0];
    int[] checkPos = new int[0];
    Label[] labels = new Label[0];

    private Scratch() {}

    /** This thread's scratch, its arrays sized for {@code count} instructions ({@code codeBytes} of code). */
    static Scratch forThisThread(int count, int codeBytes) {
        SoftReference<Scratch> ref = CURRENT.get();
        Scratch s = ref == null ? null : ref.get();
        if (s == null) {
            s = new Scratch();
            CURRENT.set(new SoftReference<>(s));
        }
        if (s.code.length < codeBytes) {
            s.code = new byte[codeBytes];
        }
        if (s.checkPos.length < count + 1) {
            s.checkPos = new int[count + 1];
            s.labels = new Label[count + 1];
        }
        return s;
    }

    /** Takes back the (possibly grown) code buffer and clears the labels of the first {@code count + 1} indices. */
    void release(byte[] grownCode, int count) {
        code = grownCode.length <= MAX_KEPT ? grownCode : new byte[0];
        Arrays.fill(labels, 0, count + 1, null);
        if (checkPos.length > MAX_KEPT / 4) {
            checkPos = new int[0];
            labels = new Label[0];
        }
    }
}
