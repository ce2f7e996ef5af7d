package io.jpvm.conformance;

import io.jpvm.interpreter.Interpreter;
import io.jpvm.interpreter.Machine;
import java.util.Arrays;
import java.util.List;

/**
 * Compares the memory of two machines, over every page either maps ({@link #all}) or over a given
 * set of pages ({@link #pages}): for each page its access (unmapped, ro, rw) and every byte (an
 * unmapped page reads as zeros). Differences are listed by ascending page: the access first, then up
 * to {@link StateComparison#MAX_BYTES_LISTED} differing bytes in all, then one line counting the
 * differing bytes left unlisted.
 *
 * <p>An interpreter's pages are read in place (never written); any other machine's through
 * {@link Machine#peek}, one page at a time.
 */
final class MemoryComparison {
    private static final int PAGE = 4096;
    private static final byte[] ZEROS = new byte[PAGE];
    private static final int UNMAPPED = 0;
    private static final int READ_ONLY = 1;
    private static final int READ_WRITE = 2;

    private final Machine a;
    private final Machine b;
    private final List<Difference> out;
    private int listed;
    private long unlisted;

    private MemoryComparison(Machine a, Machine b, List<Difference> out) {
        this.a = a;
        this.b = b;
        this.out = out;
    }

    /**
     * Adds to {@code out} every difference in the page maps and contents of {@code a} and {@code b};
     * returns how many pages {@code a} maps.
     */
    static long all(Machine a, Machine b, List<Difference> out) {
        long[] ma = pageMap(a);
        long[] mb = pageMap(b);
        MemoryComparison c = new MemoryComparison(a, b, out);
        int i = 0;
        int j = 0;
        while (i < ma.length || j < mb.length) {
            long pa = i < ma.length ? ma[i] >>> 1 : Long.MAX_VALUE;
            long pb = j < mb.length ? mb[j] >>> 1 : Long.MAX_VALUE;
            long page = Math.min(pa, pb);
            int access1 = pa == page ? access(ma[i++]) : UNMAPPED;
            int access2 = pb == page ? access(mb[j++]) : UNMAPPED;
            c.page(page, access1, access2);
        }
        c.finish();
        return ma.length;
    }

    /** Adds to {@code out} every difference of {@code a} and {@code b} in the ascending, distinct {@code pages}. */
    static void pages(Machine a, Machine b, long[] pages, List<Difference> out) {
        MemoryComparison c = new MemoryComparison(a, b, out);
        for (long page : pages) {
            c.page(page, access(a, page), access(b, page));
        }
        c.finish();
    }

    private static int access(long entry) {
        return (entry & 1) != 0 ? READ_WRITE : READ_ONLY;
    }

    private static int access(Machine vm, long page) {
        long address = page << 12;
        return !vm.isReadable(address) ? UNMAPPED : vm.isWritable(address) ? READ_WRITE : READ_ONLY;
    }

    /** The mapped pages of {@code vm}, ascending, each as {@code page << 1 | writable}. */
    private static long[] pageMap(Machine vm) {
        long[][] m = {new long[64]};
        int[] n = {0};
        vm.forEachMappedPage(p -> {
            if (n[0] == m[0].length) {
                m[0] = Arrays.copyOf(m[0], n[0] * 2);
            }
            m[0][n[0]++] = p << 1 | (vm.isWritable(p << 12) ? 1 : 0);
        });
        return Arrays.copyOf(m[0], n[0]);
    }

    private void page(long page, int accessA, int accessB) {
        if (accessA != accessB) {
            out.add(new Difference("page " + StateComparison.hex(page << 12), name(accessA), name(accessB)));
        }
        if (accessA == UNMAPPED && accessB == UNMAPPED) {
            return;
        }
        byte[] x = accessA == UNMAPPED ? ZEROS : contents(a, page);
        byte[] y = accessB == UNMAPPED ? ZEROS : contents(b, page);
        int at = Arrays.mismatch(x, y);
        while (at >= 0) {
            if (listed < StateComparison.MAX_BYTES_LISTED) {
                out.add(new Difference("memory " + StateComparison.hex((page << 12) + at), byteHex(x[at]),
                        byteHex(y[at])));
                listed++;
            } else {
                unlisted++;
            }
            int next = Arrays.mismatch(x, at + 1, PAGE, y, at + 1, PAGE);
            at = next < 0 ? -1 : at + 1 + next;
        }
    }

    private void finish() {
        if (unlisted > 0) {
            out.add(new Difference("memory", "(" + unlisted + " more differing bytes)", ""));
        }
    }

    /** The 4096 bytes of a mapped page: an interpreter's own array (read only), else a copy. */
    private static byte[] contents(Machine vm, long page) {
        if (vm instanceof Interpreter i) {
            byte[] bytes = i.memory().page(page);
            return bytes != null ? bytes : ZEROS;
        }
        return vm.peek(page << 12, PAGE);
    }

    private static String name(int access) {
        return switch (access) {
            case UNMAPPED -> "unmapped";
            case READ_ONLY -> "ro";
            default -> "rw";
        };
    }

    private static String byteHex(byte v) {
        return String.format("0x%02x", v & 0xFF);
    }
}
