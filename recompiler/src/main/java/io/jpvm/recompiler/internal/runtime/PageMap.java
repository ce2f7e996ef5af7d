package io.jpvm.recompiler.internal.runtime;

import java.util.Arrays;

/**
 * One VM's address space as the Java side keeps it: which guest page maps which physical page (an
 * offset in the invocation's memfd) and whether it is writable. It is what a guest window is rebuilt
 * from when the VM gets one, and what a guest fault is attributed with (the hardware only says
 * "fault"). A sorted array of packed entries {@code guestPage << 33 | physicalPage << 1 | writable},
 * created on the first mapping, so a VM without memory costs nothing here. Not thread-safe.
 */
public final class PageMap {
    /** Guest pages (4 GiB / 4096). */
    public static final long GUEST_PAGES = 1L << 20;
    /** Physical pages addressable by an entry. */
    public static final long PHYSICAL_PAGES = 1L << 32;

    /** Receives the runs of {@link #forEachRun}. */
    @FunctionalInterface
    public interface RunConsumer {
        void run(long guestPage, long physicalPage, long count, boolean writable);
    }

    private long[] entries = new long[4];
    private int size;

    private static long pack(long guestPage, long physicalPage, boolean writable) {
        return guestPage << 33 | physicalPage << 1 | (writable ? 1 : 0);
    }

    private int find(long guestPage) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long p = entries[mid] >>> 33;
            if (p < guestPage) {
                lo = mid + 1;
            } else if (p > guestPage) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Maps {@code guestPage} to {@code physicalPage}, replacing what was there. */
    public void put(long guestPage, long physicalPage, boolean writable) {
        if (guestPage < 0 || guestPage >= GUEST_PAGES || physicalPage < 0 || physicalPage >= PHYSICAL_PAGES) {
            throw new IllegalArgumentException("guest page " + guestPage + " → physical page " + physicalPage);
        }
        long e = pack(guestPage, physicalPage, writable);
        int i = find(guestPage);
        if (i >= 0) {
            entries[i] = e;
            return;
        }
        int at = -(i + 1);
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        System.arraycopy(entries, at, entries, at + 1, size - at);
        entries[at] = e;
        size++;
    }

    /** Unmaps {@code guestPage}; false if it was not mapped. */
    public boolean remove(long guestPage) {
        int i = find(guestPage);
        if (i < 0) {
            return false;
        }
        System.arraycopy(entries, i + 1, entries, i, size - i - 1);
        size--;
        return true;
    }

    /** How many pages are mapped. */
    public int size() {
        return size;
    }

    public boolean isMapped(long guestPage) {
        return find(guestPage) >= 0;
    }

    /** The physical page behind {@code guestPage}, or −1 if it is not mapped. */
    public long physicalPage(long guestPage) {
        int i = find(guestPage);
        return i < 0 ? -1 : (entries[i] >>> 1) & (PHYSICAL_PAGES - 1);
    }

    public boolean isWritable(long guestPage) {
        int i = find(guestPage);
        return i >= 0 && (entries[i] & 1) != 0;
    }

    /**
     * The lowest inaccessible byte (mod 2^32) of an access of {@code width} bytes at the unsigned
     * 32-bit {@code address}, or −1 when every byte is accessible (readable for loads, writable for
     * stores); the rules of {@code io.jpvm.interpreter.GuestMemory}.
     */
    public long lowestInaccessible(long address, int width, boolean write) {
        long base = address & 0xFFFFFFFFL;
        long lowest = -1;
        for (int k = 0; k < width; k++) {
            long a = base + k;
            boolean ok = a < (1L << 32) && (write ? isWritable(a >>> 12) : isMapped(a >>> 12));
            if (!ok) {
                long reported = a & 0xFFFFFFFFL;
                if (lowest < 0 || reported < lowest) {
                    lowest = reported;
                }
            }
        }
        return lowest;
    }

    /**
     * Calls {@code action} with every maximal run of consecutive guest pages that map consecutive
     * physical pages with the same access, in ascending order: one mmap each.
     */
    public void forEachRun(RunConsumer action) {
        int i = 0;
        while (i < size) {
            long first = entries[i];
            int j = i + 1;
            while (j < size && entries[j] == first + ((long) (j - i) << 33 | (long) (j - i) << 1)) {
                j++;
            }
            action.run(first >>> 33, (first >>> 1) & (PHYSICAL_PAGES - 1), j - i, (first & 1) != 0);
            i = j;
        }
    }
}
