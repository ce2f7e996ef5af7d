package io.jpvm.interpreter;

import io.jpvm.interpreter.internal.MemoryFault;
import io.jpvm.isa.Profile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.LongConsumer;

/**
 * A guest's 4 GiB address space of 4 KiB pages, each inaccessible, read-only or read-write. Sparse:
 * a two-level table allocated on first map, so an empty space costs a few dozen bytes. Pages are
 * plain {@code byte[4096]} objects that several address spaces may map at once (the kernel's GRANT
 * shares physical pages this way); access rights belong to the mapping, not to the page.
 *
 * <p>Access rules (both profiles): an access of N bytes touches a .. a+N−1; bytes at or beyond 2^32
 * are never accessible (no wrap-around) and are reported by their address mod 2^32. If some touched
 * byte is not readable (loads) or not writable (stores), nothing is read or written and the access
 * faults at the page of the lowest such byte; in the gp072 profile a fault whose lowest byte is below
 * 0x10000 is a panic instead, and pages below 0x10000 cannot be mapped.
 *
 * <p>Change watching ({@link #watchChanges()}): while on, every page number that guest stores write,
 * that is mapped, unmapped or changes access, or that {@link #poke} writes, is recorded until
 * {@link #takeChangedPages()} hands the set over. It costs the guest store fast path nothing: the
 * table that path reads then holds only the pages already written since the last hand-over, so the
 * first store to any other writable page falls to the slow path, which records the page and enters
 * it into that table (the way an operating system tracks dirty pages by write protection). Changes
 * are recorded per page number: a page array mapped at several numbers, or into several memories,
 * counts as changed only at the number it was written through.
 */
public final class GuestMemory {
    public static final int PAGE_SIZE = 4096;
    public static final long PAGES = 1L << 20;
    public static final long LOW_ZONE = 0x10000;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final boolean lowZonePanics;
    private byte[][][] readable;
    /** The writable pages the store fast path sees: all of them, or while watching only those armed. */
    private byte[][][] writable;
    /** Non-null while watching changes; then holds the authoritative writable table. */
    private PageChanges changes;
    private long faultAddress;
    private boolean faultPanics;

    /** An empty address space; {@code lowZonePanics} selects the gp072 rule for addresses below 0x10000. */
    public GuestMemory(boolean lowZonePanics) {
        this.lowZonePanics = lowZonePanics;
    }

    /** An empty address space with the rules of {@code profile}. */
    public static GuestMemory forProfile(Profile profile) {
        return new GuestMemory(profile == Profile.GP072);
    }

    public boolean lowZonePanics() {
        return lowZonePanics;
    }

    // ---------------------------------------------------------------- mapping

    /** Maps {@code page} (a 4096-byte array, possibly shared) at page number {@code pageNumber}. */
    public void map(long pageNumber, byte[] page, boolean writable) {
        if (pageNumber < 0 || pageNumber >= PAGES) {
            throw new IllegalArgumentException("page number out of range: " + pageNumber);
        }
        if (page.length != PAGE_SIZE) {
            throw new IllegalArgumentException("a page is 4096 bytes, got " + page.length);
        }
        if (lowZonePanics && pageNumber < LOW_ZONE / PAGE_SIZE) {
            throw new IllegalArgumentException("gp072: pages below 0x10000 cannot be mapped (page " + pageNumber + ")");
        }
        if (readable == null) {
            readable = new byte[1024][][];
            this.writable = new byte[1024][][];
        }
        put(readable, pageNumber, page);
        setAccess(pageNumber, writable ? page : null);
    }

    /** Sets the writable entry of {@code pageNumber} (in range) in the authoritative table. */
    private void setAccess(long pageNumber, byte[] writablePage) {
        PageChanges c = changes;
        if (c == null) {
            put(writable, pageNumber, writablePage);
        } else {
            put(c.writable, pageNumber, writablePage);
            put(writable, pageNumber, null); // disarmed: the next store takes the slow path
            c.record(pageNumber);
        }
    }

    private static void put(byte[][][] table, long pageNumber, byte[] value) {
        int hi = (int) (pageNumber >>> 10);
        byte[][] chunk = table[hi];
        if (chunk == null) {
            if (value == null) {
                return;
            }
            chunk = new byte[1024][];
            table[hi] = chunk;
        }
        chunk[(int) (pageNumber & 1023)] = value;
    }

    /** Maps {@code count} fresh zero pages from page {@code firstPage}. */
    public void mapZero(long firstPage, long count, boolean writable) {
        for (long p = firstPage; p < firstPage + count; p++) {
            map(p, new byte[PAGE_SIZE], writable);
        }
    }

    /** Makes page {@code pageNumber} inaccessible. */
    public void unmap(long pageNumber) {
        byte[] page = page(pageNumber);
        if (page != null) {
            put(readable, pageNumber, null);
            setAccess(pageNumber, null);
        }
    }

    /** Changes the access of a mapped page; false if it is not mapped. */
    public boolean setWritable(long pageNumber, boolean rw) {
        byte[] page = page(pageNumber);
        if (page == null) {
            return false;
        }
        setAccess(pageNumber, rw ? page : null);
        return true;
    }

    /** The page mapped at {@code pageNumber}, or null. */
    public byte[] page(long pageNumber) {
        if (readable == null || pageNumber < 0 || pageNumber >= PAGES) {
            return null;
        }
        byte[][] chunk = readable[(int) (pageNumber >>> 10)];
        return chunk == null ? null : chunk[(int) (pageNumber & 1023)];
    }

    public boolean isReadable(long address) {
        return address >= 0 && address < (1L << 32) && page(address >>> 12) != null;
    }

    public boolean isWritable(long address) {
        if (!isReadable(address)) {
            return false;
        }
        return writablePage((int) address) != null;
    }

    /** Calls {@code action} with every mapped page number in ascending order. */
    public void forEachMappedPage(LongConsumer action) {
        if (readable == null) {
            return;
        }
        for (int hi = 0; hi < 1024; hi++) {
            byte[][] chunk = readable[hi];
            if (chunk != null) {
                for (int lo = 0; lo < 1024; lo++) {
                    if (chunk[lo] != null) {
                        action.accept(((long) hi << 10) | lo);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- host access (no permissions)

    /** Writes {@code data} at {@code address} ignoring access rights; every byte must be mapped. */
    public void poke(long address, byte[] data) {
        for (int i = 0; i < data.length; i++) {
            long a = address + i;
            byte[] page = a < (1L << 32) ? page(a >>> 12) : null;
            if (page == null) {
                throw new IllegalArgumentException("poke to unmapped address 0x" + Long.toHexString(a));
            }
            page[(int) (a & 0xFFF)] = data[i];
            if (changes != null && (i == 0 || (a & 0xFFF) == 0)) {
                changes.record(a >>> 12);
            }
        }
    }

    /** Reads {@code length} bytes at {@code address} ignoring access rights; unmapped bytes read 0. */
    public byte[] peek(long address, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            long a = address + i;
            byte[] page = a < (1L << 32) ? page(a >>> 12) : null;
            out[i] = page == null ? 0 : page[(int) (a & 0xFFF)];
        }
        return out;
    }

    // ---------------------------------------------------------------- change watching

    /** Starts recording changed pages (see the class comment); does nothing if already on. */
    public void watchChanges() {
        if (changes != null) {
            return;
        }
        if (readable == null) {
            readable = new byte[1024][][];
            writable = new byte[1024][][];
        }
        changes = new PageChanges(writable);
        writable = new byte[1024][][];
    }

    /** Whether changes are being recorded. */
    public boolean watchingChanges() {
        return changes != null;
    }

    /**
     * The page numbers changed since {@link #watchChanges()} or the last call, distinct and
     * ascending: written by a guest store or by {@link #poke}, mapped, unmapped or given other access.
     * A page may be listed although its contents ended up as they were.
     *
     * @throws IllegalStateException when changes are not being watched
     */
    public long[] takeChangedPages() {
        PageChanges c = changes;
        if (c == null) {
            throw new IllegalStateException("changes are not being watched");
        }
        long[] pages = c.take();
        for (long p : pages) {
            put(writable, p, null); // disarm: the next store to p is recorded again
        }
        return pages;
    }

    /** Stops recording changes; stores take the fast path on every writable page again. */
    public void unwatchChanges() {
        PageChanges c = changes;
        if (c != null) {
            writable = c.writable;
            changes = null;
        }
    }

    // ---------------------------------------------------------------- faults

    /** The page-aligned address of the last fault. */
    public long faultAddress() {
        return faultAddress;
    }

    /** Whether the last fault is a panic (gp072 low zone) rather than a page fault. */
    public boolean faultPanics() {
        return faultPanics;
    }

    private byte[] readPage(int address) {
        byte[][][] r = readable;
        if (r == null) {
            return null;
        }
        byte[][] chunk = r[address >>> 22];
        return chunk == null ? null : chunk[(address >>> 12) & 1023];
    }

    private byte[] writePage(int address) {
        byte[][][] w = writable;
        if (w == null) {
            return null;
        }
        byte[][] chunk = w[address >>> 22];
        return chunk == null ? null : chunk[(address >>> 12) & 1023];
    }

    /** The page of {@code address} if it is writable (the authoritative table, also while watching), or null. */
    private byte[] writablePage(int address) {
        PageChanges c = changes;
        return c == null ? writePage(address) : c.writablePage((address & 0xFFFFFFFFL) >>> 12);
    }

    /**
     * Checks an access of {@code n} bytes at unsigned {@code address}; throws MemoryFault (after
     * recording the fault) if some byte is not accessible.
     */
    private void check(int address, int n, boolean write) {
        long base = address & 0xFFFFFFFFL;
        long lowest = -1;
        for (int k = 0; k < n; k++) {
            long a = base + k;
            boolean ok = a < (1L << 32) && (write ? writablePage((int) a) : readPage((int) a)) != null;
            if (!ok) {
                long reported = a & 0xFFFFFFFFL;
                if (lowest < 0 || reported < lowest) {
                    lowest = reported;
                }
            }
        }
        if (lowest >= 0) {
            faultPanics = lowZonePanics && lowest < LOW_ZONE;
            faultAddress = lowest & ~0xFFFL;
            throw MemoryFault.INSTANCE;
        }
    }

    private long slowLoad(int address, int n) {
        check(address, n, false);
        long v = 0;
        for (int k = 0; k < n; k++) {
            int a = address + k;
            v |= (long) (readPage(a)[a & 0xFFF] & 0xFF) << (8 * k);
        }
        return v;
    }

    private void slowStore(int address, int n, long value) {
        check(address, n, true);
        for (int k = 0; k < n; k++) {
            int a = address + k;
            writablePage(a)[a & 0xFFF] = (byte) (value >>> (8 * k));
        }
        if (changes != null) {
            written(address);
            written(address + n - 1);
        }
    }

    /** While watching: records the page of {@code address} as written and arms the fast path for it. */
    private void written(int address) {
        long p = (address & 0xFFFFFFFFL) >>> 12;
        put(writable, p, changes.writablePage(p));
        changes.record(p);
    }

    // ---------------------------------------------------------------- guest access

    /** Unsigned 8-bit load. */
    public long loadU8(int address) {
        byte[] p = readPage(address);
        if (p != null) {
            return p[address & 0xFFF] & 0xFFL;
        }
        return slowLoad(address, 1);
    }

    /** Unsigned 16-bit load. */
    public long loadU16(int address) {
        byte[] p = readPage(address);
        int off = address & 0xFFF;
        if (p != null && off <= PAGE_SIZE - 2) {
            return (short) SHORT.get(p, off) & 0xFFFFL;
        }
        return slowLoad(address, 2);
    }

    /** Unsigned 32-bit load. */
    public long loadU32(int address) {
        byte[] p = readPage(address);
        int off = address & 0xFFF;
        if (p != null && off <= PAGE_SIZE - 4) {
            return (int) INT.get(p, off) & 0xFFFFFFFFL;
        }
        return slowLoad(address, 4);
    }

    /** 64-bit load. */
    public long load64(int address) {
        byte[] p = readPage(address);
        int off = address & 0xFFF;
        if (p != null && off <= PAGE_SIZE - 8) {
            return (long) LONG.get(p, off);
        }
        return slowLoad(address, 8);
    }

    public void store8(int address, long value) {
        byte[] p = writePage(address);
        if (p != null) {
            p[address & 0xFFF] = (byte) value;
            return;
        }
        slowStore(address, 1, value);
    }

    public void store16(int address, long value) {
        byte[] p = writePage(address);
        int off = address & 0xFFF;
        if (p != null && off <= PAGE_SIZE - 2) {
            SHORT.set(p, off, (short) value);
            return;
        }
        slowStore(address, 2, value);
    }

    public void store32(int address, long value) {
        byte[] p = writePage(address);
        int off = address & 0xFFF;
        if (p != null && off <= PAGE_SIZE - 4) {
            INT.set(p, off, (int) value);
            return;
        }
        slowStore(address, 4, value);
    }

    public void store64(int address, long value) {
        byte[] p = writePage(address);
        int off = address & 0xFFF;
        if (p != null && off <= PAGE_SIZE - 8) {
            LONG.set(p, off, value);
            return;
        }
        slowStore(address, 8, value);
    }
}
