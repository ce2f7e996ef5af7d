package io.jpvm.recompiler.internal.signal;

import io.jpvm.recompiler.internal.memory.Libc;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The process-wide registry of native address ranges that hold generated guest code. The guest-fault
 * signal handler ({@link SignalHandler}) treats a fault as a guest memory fault only if the faulting
 * instruction lies in a registered range (and so does the exit stub it would resume at).
 * {@link io.jpvm.recompiler.internal.memory.CodeMemory} registers its code pages when sealed and
 * unregisters them before they are unmapped.
 *
 * <p>The table lives in native memory, because the handler (machine code, running inside a signal)
 * scans it without any Java involvement:
 *
 * <pre>
 * offset 0      u64 used      number of slots to scan (a high-water mark, see below)
 * offset 8+8*i  u64 slot[i]   startPage | lengthPages &lt;&lt; 40   (0 = free)
 * </pre>
 *
 * Each range is one 64-bit word, so it is written and read atomically: the handler never sees a
 * half-written range. A range must be page aligned, start below 2^52 and be at most 2^24 − 1
 * pages (just under 64 GiB) long. Slots are reused lowest first, and {@code used} shrinks to just past the highest
 * occupied slot, so the handler's linear scan stays as short as the live set allows. A free slot
 * (length 0) matches nothing.
 *
 * <p>Ordering: Java writes a slot before publishing a larger {@code used}, and clears a slot before
 * lowering {@code used}, with volatile stores. A thread that runs code from a range obtained that code
 * after its registration, so the handler (running on that thread) sees the range. Ranges never
 * overlap: registering a range that overlaps a registered one is refused.
 *
 * <p>Capacity: {@value #CAPACITY} ranges (512 KiB of address space, committed only as slots are
 * used). Each code region is at least two kernel mappings (code + guard page), so the default
 * {@code vm.max_map_count} of 65530 runs out first. Writers are serialized by a lock; the table
 * memory is mapped once and never freed. Thread-safe.
 */
public final class CodeRanges {
    /** Maximum number of registered ranges. */
    public static final int CAPACITY = 1 << 16;
    /** Ranges are counted in 4 KiB pages. */
    public static final int PAGE_SHIFT = 12;
    /** Bits of the start page number in a slot word. */
    static final int START_BITS = 40;
    /** Bits of the page count in a slot word. */
    static final int LENGTH_BITS = 64 - START_BITS;
    /** The longest range, in bytes (2^24 − 1 pages, just under 64 GiB). */
    public static final long MAX_LENGTH = ((1L << LENGTH_BITS) - 1) << PAGE_SHIFT;
    /** Ranges must end at or below this address (2^52). */
    public static final long ADDRESS_LIMIT = 1L << (START_BITS + PAGE_SHIFT);

    /** Offset of the {@code used} word. */
    static final int USED_OFFSET = 0;
    /** Offset of slot 0. */
    static final int SLOTS_OFFSET = 8;

    private static final long PAGE = 1L << PAGE_SHIFT;
    private static final long START_MASK = (1L << START_BITS) - 1;
    private static final VarHandle WORD = ValueLayout.JAVA_LONG.varHandle();

    private static final Object LOCK = new Object();
    /** Registered ranges by start address, for overlap checks and unregistering: value = {hi, slot}. */
    private static final TreeMap<Long, long[]> BY_START = new TreeMap<>();
    /** Free slots below {@link #used}. */
    private static final TreeSet<Integer> FREE = new TreeSet<>();
    private static int used;

    private CodeRanges() {}

    /** The table, mapped on first use (lazily committed, never freed). */
    private static final class Table {
        static final long SIZE = SLOTS_OFFSET + 8L * CAPACITY;
        static final MemorySegment SEGMENT = map();

        @SuppressWarnings("restricted") // our own fresh anonymous mapping, never unmapped
        private static MemorySegment map() {
            long address = Libc.mmap(0, SIZE, Libc.PROT_READ | Libc.PROT_WRITE,
                    Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
            return MemorySegment.ofAddress(address).reinterpret(SIZE);
        }
    }

    /** The native address of the table (for the handler's code). */
    static long tableAddress() {
        return Table.SEGMENT.address();
    }

    /**
     * Registers {@code [lo, hi)} as guest code.
     *
     * @throws IllegalArgumentException if the range is empty, not page aligned, too long, beyond
     *     {@link #ADDRESS_LIMIT} or overlaps a registered range
     * @throws IllegalStateException if {@link #CAPACITY} ranges are registered already
     */
    public static void register(long lo, long hi) {
        long word = encode(lo, hi);
        synchronized (LOCK) {
            Map.Entry<Long, long[]> below = BY_START.floorEntry(hi - 1);
            if (below != null && below.getValue()[0] > lo) {
                throw new IllegalArgumentException("code range " + range(lo, hi) + " overlaps the registered range "
                        + range(below.getKey(), below.getValue()[0]));
            }
            int slot;
            if (!FREE.isEmpty()) {
                slot = FREE.pollFirst();
            } else if (used < CAPACITY) {
                slot = used;
            } else {
                throw new IllegalStateException("cannot register code range " + range(lo, hi) + ": all "
                        + CAPACITY + " code-range slots are in use");
            }
            MemorySegment table = Table.SEGMENT;
            WORD.setVolatile(table, slotOffset(slot), word);
            if (slot == used) {
                used++;
                WORD.setVolatile(table, (long) USED_OFFSET, (long) used);
            }
            BY_START.put(lo, new long[] {hi, slot});
        }
    }

    /**
     * Unregisters {@code [lo, hi)}, which must be exactly a registered range.
     *
     * @return false if no such range was registered (nothing changes)
     */
    public static boolean unregister(long lo, long hi) {
        synchronized (LOCK) {
            long[] entry = BY_START.get(lo);
            if (entry == null || entry[0] != hi) {
                return false;
            }
            BY_START.remove(lo);
            int slot = (int) entry[1];
            MemorySegment table = Table.SEGMENT;
            WORD.setVolatile(table, slotOffset(slot), 0L);
            FREE.add(slot);
            int newUsed = used;
            while (newUsed > 0 && FREE.contains(newUsed - 1)) {
                FREE.remove(newUsed - 1);
                newUsed--;
            }
            if (newUsed != used) {
                used = newUsed;
                WORD.setVolatile(table, (long) USED_OFFSET, (long) used);
            }
            return true;
        }
    }

    /**
     * Whether {@code address} lies in a registered range, decided from the native table exactly as
     * the signal handler decides it.
     */
    public static boolean contains(long address) {
        MemorySegment table = Table.SEGMENT;
        long n = (long) WORD.getVolatile(table, (long) USED_OFFSET);
        long page = address >>> PAGE_SHIFT;
        for (int i = 0; i < n; i++) {
            long word = (long) WORD.getVolatile(table, slotOffset(i));
            long start = word & START_MASK;
            long length = word >>> START_BITS;
            if (Long.compareUnsigned(page - start, length) < 0) {
                return true;
            }
        }
        return false;
    }

    /** How many ranges are registered. */
    public static int count() {
        synchronized (LOCK) {
            return BY_START.size();
        }
    }

    /** How many slots the handler scans (the high-water mark of the occupied slots). */
    static int slotsInUse() {
        synchronized (LOCK) {
            return used;
        }
    }

    static long slotOffset(int slot) {
        return SLOTS_OFFSET + 8L * slot;
    }

    /** The slot word for {@code [lo, hi)}. */
    static long encode(long lo, long hi) {
        if (((lo | hi) & (PAGE - 1)) != 0) {
            throw new IllegalArgumentException("code range " + range(lo, hi) + " is not 4 KiB page aligned");
        }
        if (lo < 0 || hi <= lo) {
            throw new IllegalArgumentException("code range " + range(lo, hi) + " is empty or inverted");
        }
        if (hi > ADDRESS_LIMIT) {
            throw new IllegalArgumentException("code range " + range(lo, hi) + " ends above 2^52");
        }
        if (hi - lo > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "code range " + range(lo, hi) + " is longer than " + MAX_LENGTH + " bytes");
        }
        long pages = (hi - lo) >>> PAGE_SHIFT;
        return (lo >>> PAGE_SHIFT) | pages << START_BITS;
    }

    private static String range(long lo, long hi) {
        return "[0x" + Long.toHexString(lo) + ", 0x" + Long.toHexString(hi) + ")";
    }
}
