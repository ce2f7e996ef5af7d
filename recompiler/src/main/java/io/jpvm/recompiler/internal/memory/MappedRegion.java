package io.jpvm.recompiler.internal.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One mmap'd address range owned by a Java object, freed exactly once: by {@link #close()} or, if
 * that never happens, by a {@link Cleaner} once this object is unreachable.
 *
 * <p>The range is exposed as a segment of a shared arena whose cleanup is the munmap, so closing the
 * arena frees the range. Segments derived from it become unusable ({@link IllegalStateException})
 * after the free, and while a downcall holds one of them (as its target or an argument) the arena
 * cannot close — {@link #close()} then throws, and the cleaner retries until the call returns.
 *
 * <p>Neither the cleanup nor the cleaner action references the owner: they are static records holding
 * the address and size, respectively the arena.
 */
final class MappedRegion {
    /** One daemon thread frees every mapping the layer's owners forgot to close. */
    static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "jpvm-native-memory-cleaner");
        t.setDaemon(true);
        return t;
    });

    /** A live mapping, for diagnostics and tests. */
    record Range(long address, long size, String kind) {
        long end() {
            return address + size;
        }
    }

    private static final Map<Long, Range> LIVE = new ConcurrentHashMap<>();

    private final long address;
    private final long size;
    private final Arena arena;
    private final MemorySegment segment;
    private final Cleaner.Cleanable cleanable;

    /**
     * Takes ownership of {@code [address, address + size)}, which the caller has just mmap'd. If this
     * constructor fails, the range is unmapped before the exception propagates.
     */
    MappedRegion(long address, long size, String kind) {
        this(address, size, kind, null);
    }

    /**
     * As {@link #MappedRegion(long, long, String)}, with an action that runs just before the range is
     * unmapped (by {@link #close()} or the cleaner). {@code beforeUnmap} must not reference the owner.
     */
    @SuppressWarnings("restricted") // the range is ours: just mmap'd, freed only by the arena's cleanup
    MappedRegion(long address, long size, String kind, Runnable beforeUnmap) {
        Arena arena;
        MemorySegment segment;
        try {
            arena = Arena.ofShared();
            segment = MemorySegment.ofAddress(address)
                    .reinterpret(size, arena, new Unmap(address, size, beforeUnmap));
        } catch (RuntimeException | Error e) {
            Libc.munmap(address, size);
            throw e;
        }
        LIVE.put(address, new Range(address, size, kind));
        this.address = address;
        this.size = size;
        this.arena = arena;
        this.segment = segment;
        this.cleanable = CLEANER.register(this, new Release(arena));
    }

    long address() {
        return address;
    }

    long size() {
        return size;
    }

    /** The whole range, usable until the mapping is freed. */
    MemorySegment segment() {
        return segment;
    }

    boolean isAlive() {
        return arena.scope().isAlive();
    }

    /** @throws IllegalStateException if the mapping has been freed */
    void checkAlive(String what) {
        if (!isAlive()) {
            throw new IllegalStateException(what + " is closed");
        }
    }

    /**
     * Frees the mapping now; idempotent. The caller must hold whatever lock orders this against other
     * operations on the range (an mmap with MAP_FIXED into a freed range would clobber whoever got it).
     *
     * @throws IllegalStateException if a downcall holding one of the range's segments is running
     */
    void close() {
        if (!arena.scope().isAlive()) {
            return;
        }
        try {
            arena.close();
        } catch (IllegalStateException e) {
            if (arena.scope().isAlive()) {
                throw new IllegalStateException("cannot free the mapping at " + Libc.hex(address)
                        + " while a native call that uses it is running", e);
            }
        }
        cleanable.clean(); // the cleaner action finds the arena closed and does nothing
    }

    /** How many mappings of {@code kind} are live (all kinds when {@code kind} is null). */
    static int liveCount(String kind) {
        if (kind == null) {
            return LIVE.size();
        }
        int n = 0;
        for (Range r : LIVE.values()) {
            if (r.kind().equals(kind)) {
                n++;
            }
        }
        return n;
    }

    /** A snapshot of the live mappings. */
    static List<Range> liveRanges() {
        return List.copyOf(LIVE.values());
    }

    /** The arena's cleanup: forget the range (and run the owner's hook), then unmap it. */
    private record Unmap(long address, long size, Runnable beforeUnmap) implements Consumer<MemorySegment> {
        @Override
        public void accept(MemorySegment ignored) {
            // forget first: once unmapped, the kernel may hand the same address to a new mapping
            LIVE.remove(address);
            if (beforeUnmap != null) {
                try {
                    beforeUnmap.run();
                } catch (RuntimeException e) {
                    System.getLogger(MappedRegion.class.getName())
                            .log(System.Logger.Level.ERROR, "before-unmap action failed", e);
                }
            }
            try {
                Libc.munmap(address, size);
            } catch (RuntimeException e) {
                System.getLogger(MappedRegion.class.getName())
                        .log(System.Logger.Level.ERROR, "leaked native mapping", e);
            }
        }
    }

    /**
     * The cleaner action: close the arena (which unmaps). A downcall that still holds a segment of the
     * range blocks the close; retry until it returns.
     */
    private record Release(Arena arena) implements Runnable {
        @Override
        public void run() {
            while (arena.scope().isAlive()) {
                try {
                    arena.close();
                } catch (IllegalStateException inUse) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
        }
    }
}
