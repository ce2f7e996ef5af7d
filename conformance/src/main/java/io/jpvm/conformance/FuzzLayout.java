package io.jpvm.conformance;

import io.jpvm.isa.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The page map of a fuzz case and the addresses its memory instructions use: inside mapped pages,
 * straddling page edges (into unmapped or read-only neighbours), at the 2^32 edge (0xFFFFFFFC with 8
 * bytes), at the gp072 low-zone edge 0x10000, and anywhere.
 */
final class FuzzLayout {
    static final long TOP_PAGE = 0xFFFFF;
    static final long LOW_ZONE_PAGES = 0x10;

    private FuzzLayout() {}

    /** A random page map for {@code profile} (gp072 maps nothing below 0x10000). */
    static List<FuzzPage> pages(Profile profile, SplittableRandom r) {
        long min = profile == Profile.GP072 ? LOW_ZONE_PAGES : 0;
        TreeMap<Long, FuzzPage> pages = new TreeMap<>();
        long base = r.nextInt(4) == 0 ? 0xFFF00 + r.nextInt(0xF0) : min + r.nextInt(0x400);
        int n = r.nextInt(1, 4);
        for (int k = 0; k < n; k++) {
            add(pages, base + k, r.nextInt(5) != 0, r);
        }
        if (profile == Profile.JAVM && r.nextInt(10) < 3) {
            add(pages, 0, r.nextBoolean(), r);
        }
        if (profile == Profile.GP072 && r.nextInt(10) < 4) {
            add(pages, LOW_ZONE_PAGES, r.nextBoolean(), r);
        }
        if (r.nextBoolean()) {
            add(pages, TOP_PAGE, r.nextInt(10) < 7, r);
        }
        if (r.nextInt(10) < 3) {
            add(pages, min + r.nextInt((int) (TOP_PAGE - min)), r.nextBoolean(), r);
        }
        return new ArrayList<>(pages.values());
    }

    private static void add(TreeMap<Long, FuzzPage> pages, long page, boolean writable, SplittableRandom r) {
        byte[] contents = null;
        if (r.nextBoolean()) {
            contents = new byte[4096];
            r.nextBytes(contents);
        }
        pages.putIfAbsent(page, new FuzzPage(page, writable, contents));
    }

    /** An address in [0, 2^32) for an access of {@code width} bytes, biased towards edges. */
    static long address(SplittableRandom r, List<FuzzPage> pages, int width) {
        long page = pages.isEmpty() ? 0x20 : pages.get(r.nextInt(pages.size())).page();
        long a = switch (r.nextInt(20)) {
            case 0, 1, 2, 3, 4, 5, 6 -> (page << 12) + r.nextInt(4096 - width + 1);
            case 7, 8, 9 -> ((page + 1) << 12) - r.nextInt(1, 9);
            case 10, 11 -> (page << 12) - r.nextInt(1, 9);
            case 12, 13 -> (1L << 32) - r.nextInt(1, 9);
            case 14 -> 0x10000 - r.nextInt(0, 9);
            case 15 -> r.nextInt(0, 16);
            case 16, 17 -> ((page + (r.nextBoolean() ? 1 : -1)) << 12) + r.nextInt(4096);
            default -> r.nextInt() & 0xFFFF_FFFFL;
        };
        return a & 0xFFFF_FFFFL;
    }
}
