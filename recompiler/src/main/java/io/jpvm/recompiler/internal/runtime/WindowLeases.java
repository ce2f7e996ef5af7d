package io.jpvm.recompiler.internal.runtime;

import io.jpvm.recompiler.internal.memory.GuestWindow;
import io.jpvm.recompiler.internal.memory.WindowPool;
import java.lang.foreign.MemorySegment;

/**
 * The guest windows of one invocation: at most {@link #MAX_WINDOWS} (as javm keeps), borrowed from the
 * {@linkplain WindowPool#shared() shared pool} on first need and each lent to one VM at a time. A VM
 * gets a window when it runs and keeps it until another VM needs one and none is free: then the least
 * recently run VM is evicted (it saves its registers to Java; its page map is there already) and the
 * window is cleared (one mmap) if it had pages mapped. So VMs that are not running hold no window,
 * and 21,891 VMs run on five. Confined to the invocation's thread.
 */
public final class WindowLeases {
    /** Windows per invocation. */
    public static final int MAX_WINDOWS = 5;

    /** A VM that can hold a window. */
    public interface Owner {
        /** The window is taken away: save what lives in its context page and forget the lease. */
        void evicted();
    }

    /** One window and the VM using it. */
    public static final class Lease {
        private final GuestWindow window;
        /** The window's context page. */
        public final MemorySegment context;
        /** Host address of guest address 0 (what generated code keeps in r15). */
        public final long guestBase;
        private Owner owner;
        private long lastUse;
        private boolean hasPages;

        private Lease(GuestWindow window) {
            this.window = window;
            this.context = window.contextSegment();
            this.guestBase = window.guestBase();
        }

        public GuestWindow window() {
            return window;
        }

        /** Something was mapped into the window: clear it before the next VM uses it. */
        public void markMapped() {
            hasPages = true;
        }
    }

    private final int max;
    private final Lease[] leases;
    private int count;
    private long clock;
    private long evictions;

    public WindowLeases() {
        this(MAX_WINDOWS);
    }

    public WindowLeases(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one window, not " + max);
        }
        this.max = max;
        this.leases = new Lease[max];
    }

    /** A window for {@code owner} (which holds none): a free one, a new one, or the least recently used one. */
    public Lease acquire(Owner owner) {
        Lease l = pick();
        if (l.owner != null) {
            l.owner.evicted();
            evictions++;
        }
        if (l.hasPages) {
            l.window.unmapAll();
            l.hasPages = false;
        }
        l.owner = owner;
        l.lastUse = ++clock;
        return l;
    }

    private Lease pick() {
        Lease free = null;
        Lease lru = null;
        for (int i = 0; i < count; i++) {
            Lease l = leases[i];
            if (l.owner == null) {
                if (free == null || free.hasPages && !l.hasPages) {
                    free = l;
                }
            } else if (lru == null || l.lastUse < lru.lastUse) {
                lru = l;
            }
        }
        if (free != null) {
            return free;
        }
        if (count < max) {
            Lease l = new Lease(WindowPool.shared().acquire());
            leases[count++] = l;
            return l;
        }
        return lru;
    }

    /** {@code lease}'s VM runs again: it becomes the most recently used. */
    public void touch(Lease lease) {
        lease.lastUse = ++clock;
    }

    /** {@code lease}'s VM is gone: the window is free (it is cleared when reused). */
    public void free(Lease lease) {
        lease.owner = null;
        lease.lastUse = 0;
    }

    /** Evicts every VM and gives every window back to the shared pool; later runs borrow again. */
    public void releaseAll() {
        for (int i = 0; i < count; i++) {
            Lease l = leases[i];
            leases[i] = null;
            if (l.owner != null) {
                l.owner.evicted();
                l.owner = null;
            }
            WindowPool.shared().release(l.window, !l.hasPages);
        }
        count = 0;
    }

    /** Windows borrowed right now. */
    public int leased() {
        return count;
    }

    /** How many times a VM lost its window to another. */
    public long evictions() {
        return evictions;
    }
}
