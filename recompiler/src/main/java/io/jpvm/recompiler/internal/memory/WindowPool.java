package io.jpvm.recompiler.internal.memory;

import java.util.ArrayDeque;

/**
 * Keeps up to a few released {@link GuestWindow}s for reuse, saving the reservation (and the shared
 * arena's close) of a new window per run. A released window is {@linkplain GuestWindow#reset() reset}
 * — all guest pages unmapped, context page zeroed — before it is handed out again. Thread-safe.
 */
public final class WindowPool implements AutoCloseable {
    /** How many idle windows a pool keeps by default (as many as a javm kernel uses). */
    public static final int DEFAULT_MAX_IDLE = 5;

    /** Idle windows the process-wide pool keeps. */
    public static final int SHARED_MAX_IDLE = 16;
    private static final WindowPool SHARED = new WindowPool(SHARED_MAX_IDLE);

    private final int maxIdle;
    private final ArrayDeque<GuestWindow> idle = new ArrayDeque<>();
    private boolean closed;

    /** A pool keeping up to {@link #DEFAULT_MAX_IDLE} idle windows. */
    public WindowPool() {
        this(DEFAULT_MAX_IDLE);
    }

    /** A pool keeping up to {@code maxIdle} idle windows. */
    public WindowPool(int maxIdle) {
        if (maxIdle < 0) {
            throw new IllegalArgumentException("maxIdle < 0: " + maxIdle);
        }
        this.maxIdle = maxIdle;
    }

    /**
     * The process-wide pool the recompiler engine's invocations borrow their windows from (up to
     * {@value #SHARED_MAX_IDLE} idle windows, 4 GiB of address space each, no memory).
     */
    public static WindowPool shared() {
        return SHARED;
    }

    /** An idle window (most recently released first), or a newly reserved one. */
    public GuestWindow acquire() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("window pool is closed");
            }
            GuestWindow w = idle.pollFirst();
            if (w != null) {
                return w;
            }
        }
        return GuestWindow.reserve();
    }

    /**
     * Gives a window back: it is reset and kept if the pool has room, closed otherwise. A closed
     * window is ignored.
     */
    public void release(GuestWindow window) {
        release(window, false);
    }

    /**
     * Gives a window back; {@code nothingMapped} says the caller never mapped a guest page into it since
     * it was acquired (or unmapped them all), which saves the one mmap over the 4 GiB that a reset
     * costs. The context page is zeroed either way.
     */
    public void release(GuestWindow window, boolean nothingMapped) {
        if (window.isClosed()) {
            return;
        }
        if (nothingMapped) {
            window.contextSegment().fill((byte) 0);
        } else {
            window.reset();
        }
        synchronized (this) {
            if (!closed && idle.size() < maxIdle && !idle.contains(window)) {
                idle.addFirst(window);
                return;
            }
        }
        window.close();
    }

    /** How many windows wait for reuse. */
    public synchronized int idleCount() {
        return idle.size();
    }

    /** Closes the idle windows; windows released later are closed at once. */
    @Override
    public void close() {
        GuestWindow[] toClose;
        synchronized (this) {
            closed = true;
            toClose = idle.toArray(GuestWindow[]::new);
            idle.clear();
        }
        for (GuestWindow w : toClose) {
            w.close();
        }
    }
}
