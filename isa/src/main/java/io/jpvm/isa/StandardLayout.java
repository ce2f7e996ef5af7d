package io.jpvm.isa;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The initial state Y(p, a) gives a standard program (GP A.7): four regions (read-only data,
 * read-write data + heap, stack, arguments; any may be empty) and the 13 initial registers. Every
 * address outside the regions is inaccessible.
 *
 * @param regions   in this order: RO data, RW data + heap, stack, arguments
 * @param registers ω0..ω12 (ω0 = 0xFFFF0000, ω1 = 0xFEFE0000, ω7 = 0xFEFF0000, ω8 = len(a))
 * @param heapStart h, the initial heap pointer for sbrk: 2·Z_Z + Z(len o)
 */
public record StandardLayout(List<Region> regions, long[] registers, long heapStart) {
    /** Z_P, the page size. */
    public static final long PAGE = 1L << 12;
    /** Z_Z, the zone size. */
    public static final long ZONE = 1L << 16;
    /** Z_I, the largest argument size. */
    public static final long MAX_INPUT = 1L << 24;
    private static final long SPACE = 1L << 32;

    /**
     * One mapped region. Bytes from {@code address} are {@code contents}, then zeros up to
     * {@code length}.
     */
    public record Region(long address, long length, boolean writable, byte[] contents) {
        public Region {
            contents = contents.clone();
        }

        @Override
        public byte[] contents() {
            return contents.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Region r && address == r.address && length == r.length && writable == r.writable
                    && Arrays.equals(contents, r.contents);
        }

        @Override
        public int hashCode() {
            return Objects.hash(address, length, writable, Arrays.hashCode(contents));
        }

        @Override
        public String toString() {
            return "Region[0x" + Long.toHexString(address) + "+0x" + Long.toHexString(length)
                    + (writable ? " RW" : " RO") + ", " + contents.length + " initial bytes]";
        }
    }

    public StandardLayout {
        regions = List.copyOf(regions);
        registers = registers.clone();
    }

    @Override
    public long[] registers() {
        return registers.clone();
    }

    public Region readOnlyData() {
        return regions.get(0);
    }

    public Region readWriteData() {
        return regions.get(1);
    }

    public Region stack() {
        return regions.get(2);
    }

    public Region arguments() {
        return regions.get(3);
    }

    /** P(x): x rounded up to a page multiple. */
    public static long pageRound(long x) {
        return (x + PAGE - 1) / PAGE * PAGE;
    }

    /** Z(x): x rounded up to a zone multiple. */
    public static long zoneRound(long x) {
        return (x + ZONE - 1) / ZONE * ZONE;
    }

    static StandardLayout of(StandardProgram p, byte[] args, long argLength) {
        long roLen = p.roData().length;
        long rwLen = p.rwData().length;
        long heapBytes = p.heapPages() * PAGE;
        long stack = p.stackSize();
        if (argLength < 0 || argLength > MAX_INPUT) {
            throw new BlobFormatException("layout", 0, "argument length " + argLength + " not in 0..Z_I = " + MAX_INPUT);
        }
        long total = 5 * ZONE + zoneRound(roLen) + zoneRound(rwLen + heapBytes) + zoneRound(stack) + MAX_INPUT;
        if (total > SPACE) {
            throw new BlobFormatException("layout", 0, "regions need " + total + " bytes, more than 2^32");
        }
        long rwStart = 2 * ZONE + zoneRound(roLen);
        long stackEnd = SPACE - 2 * ZONE - MAX_INPUT;
        long argStart = SPACE - ZONE - MAX_INPUT;
        List<Region> regions = List.of(
                new Region(ZONE, pageRound(roLen), false, p.roData()),
                new Region(rwStart, pageRound(rwLen) + heapBytes, true, p.rwData()),
                new Region(stackEnd - pageRound(stack), pageRound(stack), true, new byte[0]),
                new Region(argStart, pageRound(argLength), false, args));
        long[] regs = new long[13];
        regs[0] = SPACE - ZONE;
        regs[1] = stackEnd;
        regs[7] = argStart;
        regs[8] = argLength;
        return new StandardLayout(regions, regs, rwStart);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandardLayout l && regions.equals(l.regions) && Arrays.equals(registers, l.registers)
                && heapStart == l.heapStart;
    }

    @Override
    public int hashCode() {
        return Objects.hash(regions, Arrays.hashCode(registers), heapStart);
    }

    @Override
    public String toString() {
        return "StandardLayout[regions=" + regions + ", heapStart=0x" + Long.toHexString(heapStart) + "]";
    }
}
