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
    private byte[][][] writable;
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
        int hi = (int) (pageNumber >>> 10);
        int lo = (int) (pageNumber & 1023);
        if (readable[hi] == null) {
            readable[hi] = new byte[1024][];
            this.writable[hi] = new byte[1024][];
        }
        readable[hi][lo] = page;
        this.writable[hi][lo] = writable ? page : null;
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
            int hi = (int) (pageNumber >>> 10);
            readable[hi][(int) (pageNumber & 1023)] = null;
            writable[hi][(int) (pageNumber & 1023)] = null;
        }
    }

    /** Changes the access of a mapped page; false if it is not mapped. */
    public boolean setWritable(long pageNumber, boolean rw) {
        byte[] page = page(pageNumber);
        if (page == null) {
            return false;
        }
        writable[(int) (pageNumber >>> 10)][(int) (pageNumber & 1023)] = rw ? page : null;
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
        long p = address >>> 12;
        return writable[(int) (p >>> 10)][(int) (p & 1023)] != null;
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

    /**
     * Checks an access of {@code n} bytes at unsigned {@code address}; throws MemoryFault (after
     * recording the fault) if some byte is not accessible.
     */
    private void check(int address, int n, boolean write) {
        long base = address & 0xFFFFFFFFL;
        long lowest = -1;
        for (int k = 0; k < n; k++) {
            long a = base + k;
            boolean ok = a < (1L << 32) && (write ? writePage((int) a) : readPage((int) a)) != null;
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
            writePage(a)[a & 0xFFF] = (byte) (value >>> (8 * k));
        }
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
