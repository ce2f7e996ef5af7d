package io.jpvm.recompiler.internal.memory;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/**
 * Code regions ({@code code pages + guard page}) of closed {@link CodeMemory}, kept mapped for the next
 * allocation of exactly the same size: reusing one costs two mprotects and the copy, where a fresh one
 * costs an mmap, populating every page (zeroing it in the kernel), and later an munmap and the
 * arena's close — on this machine kind ≈ 30 µs against ≈ 180 µs for 320 KiB of code, the size of a
 * 32,000-instruction program. Recompiling the same program (the code cache evicted it, a benchmark, a
 * node restarting an invocation) is the case this serves.
 *
 * <p>Bounded: at most {@link #MAX_REGIONS} regions and {@link #MAX_BYTES} bytes; beyond that the
 * oldest pooled region is unmapped. Pooled regions are inaccessible to guests and to Java (no
 * segment of them escapes) and are no longer registered as generated code for the fault handler.
 */
final class CodeRegionPool {
    static final int MAX_REGIONS = 8;
    static final long MAX_BYTES = 32L << 20;

    private static final ArrayDeque<MappedRegion> FREE = new ArrayDeque<>();
    private static long bytes;

    private CodeRegionPool() {}

    /** A pooled region of exactly {@code size} bytes (code and guard), or null. */
    static MappedRegion take(long size) {
        synchronized (FREE) {
            for (Iterator<MappedRegion> it = FREE.iterator(); it.hasNext(); ) {
                MappedRegion r = it.next();
                if (r.size() == size) {
                    it.remove();
                    bytes -= size;
                    return r;
                }
            }
        }
        return null;
    }

    /** Keeps {@code region} for reuse; unmaps the oldest pooled regions while over the bounds. */
    static void give(MappedRegion region) {
        List<MappedRegion> evicted = new ArrayList<>(1);
        synchronized (FREE) {
            FREE.addLast(region);
            bytes += region.size();
            while (FREE.size() > MAX_REGIONS || bytes > MAX_BYTES) {
                MappedRegion old = FREE.removeFirst();
                bytes -= old.size();
                evicted.add(old);
            }
        }
        for (MappedRegion r : evicted) {
            r.close();
        }
    }

    /** How many regions are pooled. */
    static int size() {
        synchronized (FREE) {
            return FREE.size();
        }
    }

    /** Unmaps every pooled region (tests, and embedders that want the address space back). */
    static void drain() {
        List<MappedRegion> all;
        synchronized (FREE) {
            all = new ArrayList<>(FREE);
            FREE.clear();
            bytes = 0;
        }
        for (MappedRegion r : all) {
            r.close();
        }
    }
}
