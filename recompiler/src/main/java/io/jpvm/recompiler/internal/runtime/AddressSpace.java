package io.jpvm.recompiler.internal.runtime;

import io.jpvm.recompiler.internal.memory.BackingStore;
import io.jpvm.recompiler.internal.memory.GuestWindow;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.LongConsumer;

/**
 * One guest address space for native execution: a {@link GuestWindow} (context page, 4 GiB window,
 * guard) over a {@link BackingStore}, plus the page-permission map the Java side keeps (the hardware
 * only says "fault"; which byte and why comes from here).
 *
 * <p>Every {@link #map} takes fresh zero pages from the store (the store only grows). Access rules
 * are io.jpvm.interpreter.GuestMemory's: an access of N bytes touches a .. a+N−1, bytes at or beyond
 * 2^32 are never accessible and count by their address mod 2^32, the fault is reported at the page of
 * the lowest inaccessible byte; with {@code lowZonePanics} (gp072) pages below 0x10000 cannot be
 * mapped. Not thread-safe; one VM uses it at a time.
 */
public final class AddressSpace implements AutoCloseable {
    public static final long PAGE_SIZE = 4096;
    public static final long PAGES = 1L << 20;
    public static final long LOW_ZONE = 0x10000;

    private static final int READ = 1;
    private static final int WRITE = 2;
    private static final int INITIAL_STORE_PAGES = 16;

    private final boolean lowZonePanics;
    private final GuestWindow window;
    private final BackingStore store;
    private final MemorySegment context;
    private long storeUsed;
    /** Per guest page: 0 = unmapped, else {@code storePage << 2 | access}. Two levels of 1024. */
    private final long[][] pages = new long[1024][];
    private long mappedCount;

    private AddressSpace(boolean lowZonePanics, GuestWindow window, BackingStore store) {
        this.lowZonePanics = lowZonePanics;
        this.window = window;
        this.store = store;
        this.context = window.contextSegment();
    }

    /** A new, empty address space. */
    public static AddressSpace create(boolean lowZonePanics) {
        GuestWindow window = GuestWindow.reserve();
        try {
            return new AddressSpace(lowZonePanics, window, BackingStore.create("jpvm-guest", INITIAL_STORE_PAGES));
        } catch (RuntimeException | Error e) {
            window.close();
            throw e;
        }
    }

    public boolean lowZonePanics() {
        return lowZonePanics;
    }

    /** The read-write context page in front of the guest window. */
    public MemorySegment context() {
        return context;
    }

    /** The host address of guest address 0 (what generated code keeps in r15). */
    public long guestBase() {
        return window.guestBase();
    }

    // ---------------------------------------------------------------- page map

    private long slot(long page) {
        long[] chunk = pages[(int) (page >>> 10)];
        return chunk == null ? 0 : chunk[(int) (page & 1023)];
    }

    private void setSlot(long page, long value) {
        int hi = (int) (page >>> 10);
        long[] chunk = pages[hi];
        if (chunk == null) {
            if (value == 0) {
                return;
            }
            chunk = new long[1024];
            pages[hi] = chunk;
        }
        long old = chunk[(int) (page & 1023)];
        if (old == 0 && value != 0) {
            mappedCount++;
        } else if (old != 0 && value == 0) {
            mappedCount--;
        }
        chunk[(int) (page & 1023)] = value;
    }

    private void checkRange(long firstPage, long count) {
        if (firstPage < 0 || count < 0 || firstPage > PAGES - count) {
            throw new IllegalArgumentException("pages [" + firstPage + ", " + firstPage + " + " + count
                    + ") outside the 2^20-page address space");
        }
    }

    /** Maps {@code count} fresh zero pages from page {@code firstPage}, read-only or read-write. */
    public void map(long firstPage, long count, boolean writable) {
        checkRange(firstPage, count);
        if (count == 0) {
            return;
        }
        if (lowZonePanics && firstPage < LOW_ZONE / PAGE_SIZE) {
            throw new IllegalArgumentException("gp072: pages below 0x10000 cannot be mapped (page " + firstPage + ")");
        }
        long need = storeUsed + count;
        if (need > store.pages()) {
            store.grow(Math.max(need, Math.min(BackingStore.MAX_PAGES, store.pages() * 2)));
        }
        long first = storeUsed;
        window.mapPages(firstPage, store, first, count, writable);
        storeUsed = need;
        int access = READ | (writable ? WRITE : 0);
        for (long k = 0; k < count; k++) {
            setSlot(firstPage + k, (first + k) << 2 | access);
        }
    }

    /** Makes pages {@code [firstPage, firstPage + count)} inaccessible. */
    public void unmap(long firstPage, long count) {
        checkRange(firstPage, count);
        if (count == 0) {
            return;
        }
        window.unmapPages(firstPage, count);
        for (long k = 0; k < count; k++) {
            setSlot(firstPage + k, 0);
        }
    }

    /** Changes the access of a mapped page (same contents); false if it is not mapped. */
    public boolean setWritable(long page, boolean writable) {
        checkRange(page, 1);
        long s = slot(page);
        if (s == 0) {
            return false;
        }
        window.mapPages(page, store, s >>> 2, 1, writable);
        setSlot(page, (s & ~3L) | READ | (writable ? WRITE : 0));
        return true;
    }

    public boolean isMapped(long page) {
        return page >= 0 && page < PAGES && slot(page) != 0;
    }

    public boolean isReadable(long address) {
        return address >= 0 && address < (1L << 32) && slot(address >>> 12) != 0;
    }

    public boolean isWritable(long address) {
        return address >= 0 && address < (1L << 32) && (slot(address >>> 12) & WRITE) != 0;
    }

    /** How many pages are mapped. */
    public long mappedPages() {
        return mappedCount;
    }

    /** Calls {@code action} with every mapped page number in ascending order. */
    public void forEachMappedPage(LongConsumer action) {
        for (int hi = 0; hi < 1024; hi++) {
            long[] chunk = pages[hi];
            if (chunk != null) {
                for (int lo = 0; lo < 1024; lo++) {
                    if (chunk[lo] != 0) {
                        action.accept(((long) hi << 10) | lo);
                    }
                }
            }
        }
    }

    /**
     * The lowest inaccessible byte (mod 2^32) of an access of {@code width} bytes at the unsigned
     * 32-bit {@code address}, or −1 when every byte is accessible (readable for loads, writable for
     * stores).
     */
    public long lowestInaccessible(long address, int width, boolean write) {
        long base = address & 0xFFFFFFFFL;
        long lowest = -1;
        for (int k = 0; k < width; k++) {
            long a = base + k;
            boolean ok = a < (1L << 32) && (write ? isWritable(a) : isReadable(a));
            if (!ok) {
                long reported = a & 0xFFFFFFFFL;
                if (lowest < 0 || reported < lowest) {
                    lowest = reported;
                }
            }
        }
        return lowest;
    }

    // ---------------------------------------------------------------- host access (no permissions)

    /** Writes {@code data} at {@code address} ignoring access rights; every byte must be mapped. */
    public void poke(long address, byte[] data) {
        long end = address + data.length;
        if (address < 0 || end > (1L << 32)) {
            throw new IllegalArgumentException("poke outside the address space: 0x" + Long.toHexString(address));
        }
        for (long a = address; a < end; a = (a | 0xFFF) + 1) {
            if (slot(a >>> 12) == 0) {
                throw new IllegalArgumentException("poke to unmapped address 0x" + Long.toHexString(a));
            }
        }
        long a = address;
        while (a < end) {
            long page = a >>> 12;
            long chunkEnd = Math.min(end, (page + 1) << 12);
            int len = (int) (chunkEnd - a);
            long s = slot(page);
            boolean readOnly = (s & WRITE) == 0;
            if (readOnly) {
                window.mapPages(page, store, s >>> 2, 1, true);
            }
            try {
                MemorySegment.copy(data, (int) (a - address), window.guestSegment(a, len), ValueLayout.JAVA_BYTE, 0, len);
            } finally {
                if (readOnly) {
                    window.mapPages(page, store, s >>> 2, 1, false);
                }
            }
            a = chunkEnd;
        }
    }

    /** Reads {@code length} bytes at {@code address} ignoring access rights; unmapped bytes read 0. */
    public byte[] peek(long address, int length) {
        if (address < 0 || length < 0) {
            throw new IllegalArgumentException("peek of " + length + " bytes at " + address);
        }
        byte[] out = new byte[length];
        long end = address + length;
        long a = address;
        while (a < end) {
            long chunkEnd = Math.min(end, ((a >>> 12) + 1) << 12);
            int len = (int) (chunkEnd - a);
            if (a >= 0 && a < (1L << 32) && slot(a >>> 12) != 0) {
                MemorySegment.copy(window.guestSegment(a, len), ValueLayout.JAVA_BYTE, 0, out, (int) (a - address), len);
            }
            a = chunkEnd;
        }
        return out;
    }

    /** Unmaps everything and frees the window and the store; idempotent. */
    @Override
    public void close() {
        try {
            window.close();
        } finally {
            store.close();
        }
    }
}
