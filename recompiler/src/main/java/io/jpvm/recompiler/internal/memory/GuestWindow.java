package io.jpvm.recompiler.internal.memory;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * One guest address space for running generated code: a single {@code PROT_NONE | MAP_NORESERVE}
 * reservation laid out as
 *
 * <pre>
 *   reservationAddress()            guestBase() = reservationAddress() + 4096
 *   | context page, RW | 4 GiB guest window, PROT_NONE until mapped | 4 KiB guard, PROT_NONE |
 * </pre>
 *
 * Guest address {@code a} lives at {@code guestBase() + a}. The trailing guard makes an access that
 * starts below 2^32 and runs past it fault as a whole. Pages of a {@link BackingStore} are mapped in
 * with {@link #mapPages} (MAP_SHARED | MAP_FIXED, read-only or read-write) and taken out with {@link
 * #unmapPages} (replaced by a fresh PROT_NONE anonymous reservation). The reservation costs address
 * space, not memory: no RSS, no commit charge.
 *
 * <p>Use one window per thread running guest code (the context page is found from the guest base).
 * Never touch an unmapped or read-only page, from Java or native code, until a fault handler exists:
 * it kills the JVM. {@link #close()} unmaps everything; a {@link java.lang.ref.Cleaner} does it if
 * {@code close()} is never called. Thread-safe.
 */
public final class GuestWindow implements AutoCloseable {
    static final String KIND = "window";

    /** The PVM page size; the host page size must equal it. */
    public static final long PAGE_SIZE = 4096;
    /** Size of the context page in front of the guest window. */
    public static final long CONTEXT_SIZE = 4096;
    /** Size of the guest window: the whole 32-bit guest address space. */
    public static final long GUEST_SIZE = 1L << 32;
    /** Size of the PROT_NONE guard behind the guest window. */
    public static final long GUARD_SIZE = 4096;
    /** Size of the whole reservation: context page + guest window + guard. */
    public static final long RESERVATION_SIZE = CONTEXT_SIZE + GUEST_SIZE + GUARD_SIZE;
    /** Number of guest pages, 2^20. */
    public static final long GUEST_PAGES = GUEST_SIZE / PAGE_SIZE;

    private static final int RESERVE_FLAGS = Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_NORESERVE;

    private final MappedRegion region;

    private GuestWindow(MappedRegion region) {
        this.region = region;
    }

    /** Reserves a new window: context page read-write (zero), everything else PROT_NONE. */
    public static GuestWindow reserve() {
        if (Libc.pageSize() != PAGE_SIZE) {
            throw new UnsupportedOperationException("guest windows need 4 KiB host pages, not " + Libc.pageSize());
        }
        long address = Libc.mmap(0, RESERVATION_SIZE, Libc.PROT_NONE, RESERVE_FLAGS, -1, 0);
        try {
            Libc.mprotect(address, CONTEXT_SIZE, Libc.PROT_READ | Libc.PROT_WRITE);
        } catch (RuntimeException e) {
            Libc.munmap(address, RESERVATION_SIZE);
            throw e;
        }
        return new GuestWindow(new MappedRegion(address, RESERVATION_SIZE, KIND));
    }

    /** The start of the reservation, which is the context page. */
    public long reservationAddress() {
        return region.address();
    }

    /** The host address of guest address 0. */
    public long guestBase() {
        return region.address() + CONTEXT_SIZE;
    }

    /** The read-write context page (4096 bytes at {@code guestBase() - 4096}); unusable after close. */
    public MemorySegment contextSegment() {
        return region.segment().asSlice(0, CONTEXT_SIZE);
    }

    /**
     * The guest bytes {@code [guestAddress, guestAddress + length)} as a segment, unusable after
     * {@link #close()}. Only the parts mapped readable (or writable, for writes) may be touched.
     */
    public MemorySegment guestSegment(long guestAddress, long length) {
        Objects.checkFromIndexSize(guestAddress, length, GUEST_SIZE);
        return region.segment().asSlice(CONTEXT_SIZE + guestAddress, length);
    }

    /**
     * Maps {@code count} pages of {@code store}, starting at {@code storePage}, at guest pages
     * {@code [guestPage, guestPage + count)}, read-only or read-write (never executable), replacing
     * whatever was mapped there.
     *
     * @throws IllegalArgumentException if either page range is out of bounds
     * @throws IllegalStateException if the window or the store is closed
     */
    public synchronized void mapPages(long guestPage, BackingStore store, long storePage, long count,
            boolean writable) {
        checkGuestPages(guestPage, count);
        region.checkAlive("guest window");
        long address = guestBase() + guestPage * PAGE_SIZE;
        try {
            store.mapAt(address, storePage, count, writable);
        } catch (NativeMemoryException e) {
            // a failed mmap(MAP_FIXED) may have unmapped the old pages: reserve the hole again so that
            // no foreign mapping can land inside the window
            try {
                reserveGuestRange(address, count * PAGE_SIZE);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /**
     * Unmaps guest pages {@code [guestPage, guestPage + count)}: they become a PROT_NONE anonymous
     * reservation again (MAP_FIXED | MAP_NORESERVE). Pages not mapped are left as they are.
     */
    public synchronized void unmapPages(long guestPage, long count) {
        checkGuestPages(guestPage, count);
        region.checkAlive("guest window");
        reserveGuestRange(guestBase() + guestPage * PAGE_SIZE, count * PAGE_SIZE);
    }

    /**
     * Makes the window as new: every guest page unmapped (one mmap over the window and the guard) and
     * the context page zeroed.
     */
    public synchronized void reset() {
        region.checkAlive("guest window");
        reserveGuestRange(guestBase(), GUEST_SIZE + GUARD_SIZE);
        contextSegment().fill((byte) 0);
    }

    /**
     * Unmaps every guest page (one mmap over the window and the guard), leaving the context page as
     * it is: the window is ready for another address space.
     */
    public synchronized void unmapAll() {
        region.checkAlive("guest window");
        reserveGuestRange(guestBase(), GUEST_SIZE + GUARD_SIZE);
    }

    private static void reserveGuestRange(long address, long length) {
        Libc.mmap(address, length, Libc.PROT_NONE, RESERVE_FLAGS | Libc.MAP_FIXED, -1, 0);
    }

    private static void checkGuestPages(long guestPage, long count) {
        if (guestPage < 0 || count <= 0 || guestPage > GUEST_PAGES - count) {
            throw new IllegalArgumentException(
                    "guest pages [" + guestPage + ", " + guestPage + " + " + count + ") outside the 2^20-page window");
        }
    }

    /** True once the reservation is unmapped. */
    public boolean isClosed() {
        return !region.isAlive();
    }

    /**
     * Unmaps the whole reservation (context page, mapped pages, guard); idempotent.
     *
     * @throws IllegalStateException while a native call holding one of the window's segments runs
     */
    @Override
    public synchronized void close() {
        region.close();
    }

    /** How many windows are reserved right now (across all instances, not yet freed). */
    public static int liveCount() {
        return MappedRegion.liveCount(KIND);
    }

    @Override
    public String toString() {
        return "GuestWindow[guest base " + Libc.hex(guestBase()) + (isClosed() ? ", closed" : "") + "]";
    }
}
