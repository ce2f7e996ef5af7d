package io.jpvm.recompiler.internal.signal;

import io.jpvm.recompiler.internal.memory.BackingStore;
import io.jpvm.recompiler.internal.memory.GuestWindow;
import io.jpvm.recompiler.internal.signal.FaultProbe.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;

/**
 * Guest faults on several threads (each with its own window) while another thread throws
 * NullPointerExceptions from JIT-compiled code and calls System.gc(). Shared by the in-process stress
 * test and the forked SafepointALot/HandshakeALot run.
 */
final class FaultStress {
    private FaultStress() {}

    /** What a run did. */
    record Result(long faults, long handled, long npes, long classes, long chained, long gcs, long nanos,
            double faultMicros, double plainCallNanos) {
        @Override
        public String toString() {
            return String.format("%,d guest faults (%,d counted by the handler), %,d NPEs from %d fresh classes,"
                    + " %,d signals chained to HotSpot, %d GCs in %d ms; fault round trip %.2f µs under load,"
                    + " plain call %.1f ns", faults, handled, npes, classes, chained, gcs, nanos / 1_000_000,
                    faultMicros, plainCallNanos);
        }
    }

    /**
     * Runs {@code threads} faulting threads for {@code faultsPerThread} faults each, or until
     * {@code maxNanos} have passed.
     */
    static Result run(int threads, long faultsPerThread, long maxNanos) throws InterruptedException {
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong faults = new AtomicLong();
        AtomicLong faultNanos = new AtomicLong();
        AtomicLong npes = new AtomicLong();
        AtomicLong gcs = new AtomicLong();
        AtomicLong classes = new AtomicLong();
        long chained0 = SignalHandler.chainedSignals();
        long handled0 = SignalHandler.handledFaults();
        long deadline = System.nanoTime() + maxNanos;

        Thread noise = new Thread(() -> {
            String[] values = {"x", "yy", null};
            ToIntFunction<String> source = NpeSource.fresh();
            long i = 0;
            while (!done.get()) {
                try {
                    source.applyAsInt(values[(int) (i % 3)]);
                } catch (NullPointerException e) {
                    npes.incrementAndGet();
                }
                if (++i % 200_000 == 0) {
                    source = NpeSource.fresh(); // new code, compiled afresh with implicit null checks
                    classes.incrementAndGet();
                }
                if (i % 2_000_000 == 0) {
                    System.gc();
                    gcs.incrementAndGet();
                }
            }
        }, "npe-noise");
        noise.setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
        noise.start();

        List<Thread> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 0; k < threads; k++) {
            int id = k;
            Thread t = new Thread(() -> {
                try (BackingStore store = BackingStore.create(1);
                        GuestWindow w = GuestWindow.reserve();
                        FaultProbe probe = new FaultProbe(Op.LOAD64, true)) {
                    w.mapPages(0, store, 0, 1, true);
                    long start = System.nanoTime();
                    long n = 0;
                    while (n < faultsPerThread && ((n & 1023) != 0 || System.nanoTime() < deadline)) {
                        long addr = 0x10000L + ((n * 4096 + id * 8) & 0xFFF_FFFFL);
                        if (probe.run(w, addr) != 1) {
                            throw new AssertionError("no fault at guest 0x" + Long.toHexString(addr));
                        }
                        long got = FaultProbe.faultAddress(w);
                        if (got != w.guestBase() + addr || FaultProbe.faultRip(w) != probe.accessRip) {
                            throw new AssertionError("thread " + id + " fault " + n + ": address 0x"
                                    + Long.toHexString(got) + ", expected 0x" + Long.toHexString(w.guestBase() + addr));
                        }
                        if (probe.run(w, 8 * (n & 511)) != 0) { // a mapped page: no fault
                            throw new AssertionError("spurious fault");
                        }
                        n++;
                    }
                    faultNanos.addAndGet(System.nanoTime() - start);
                    faults.addAndGet(n);
                }
            }, "guest-" + k);
            t.setUncaughtExceptionHandler((th, e) -> failure.compareAndSet(null, e));
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        long elapsed = System.nanoTime() - t0;
        done.set(true);
        noise.join();
        if (failure.get() != null) {
            throw new AssertionError("stress run failed", failure.get());
        }
        long chained = SignalHandler.chainedSignals() - chained0;
        long handled = SignalHandler.handledFaults() - handled0;
        double plain = plainCallNanos();
        long n = faults.get();
        // per-thread time, minus the non-faulting call made per iteration
        double faultMicros = n == 0 ? 0 : (faultNanos.get() / (double) n - plain) / 1000.0;
        return new Result(n, handled, npes.get(), classes.get(), chained, gcs.get(), elapsed, faultMicros, plain);
    }

    /** The cost of one non-faulting call of the probe (downcall + access), in ns. */
    static double plainCallNanos() {
        try (BackingStore store = BackingStore.create(1);
                GuestWindow w = GuestWindow.reserve();
                FaultProbe probe = new FaultProbe(Op.LOAD64, true)) {
            w.mapPages(0, store, 0, 1, true);
            for (int i = 0; i < 200_000; i++) {
                probe.run(w, 8);
            }
            int n = 1_000_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                probe.run(w, 8);
            }
            return (System.nanoTime() - t0) / (double) n;
        }
    }

    /** Measures single-thread fault round trips: {@code n} faults, returns µs per round trip. */
    static double faultRoundTripMicros(int n) {
        try (GuestWindow w = GuestWindow.reserve(); FaultProbe probe = new FaultProbe(Op.LOAD64, true)) {
            for (int i = 0; i < n / 10; i++) {
                probe.run(w, 0x5000);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (probe.run(w, 0x5000) != 1) {
                    throw new AssertionError("no fault");
                }
            }
            return (System.nanoTime() - t0) / (double) n / 1000.0;
        }
    }
}
