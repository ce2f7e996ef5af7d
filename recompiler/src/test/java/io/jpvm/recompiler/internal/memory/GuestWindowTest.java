package io.jpvm.recompiler.internal.memory;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.recompiler.internal.memory.ProcMaps.Mapping;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Windows are only ever touched where a test mapped them readable (or writable, for writes). */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class GuestWindowTest {
    static final long PAGE = GuestWindow.PAGE_SIZE;
    static final long GIB4 = 1L << 32;

    @Test
    void reservationIsContextPageThenNoneUpToTheGuard() {
        try (GuestWindow w = GuestWindow.reserve()) {
            long base = w.guestBase();
            assertEquals(w.reservationAddress() + PAGE, base);
            ProcMaps.assertRange(base - PAGE, base, "rw-p");
            ProcMaps.assertRange(base, base + GIB4 + PAGE, "---p");

            MemorySegment ctx = w.contextSegment();
            assertEquals(4096, ctx.byteSize());
            assertEquals(base - PAGE, ctx.address());
            assertEquals(0, ctx.get(JAVA_LONG, 104));
            ctx.set(JAVA_LONG, 104, 1_000_000L); // e.g. the gas field
            assertEquals(1_000_000L, ctx.get(JAVA_LONG, 104));
        }
    }

    @Test
    @SuppressWarnings("restricted") // reinterpret on a page this test mapped read-write
    void twoWindowsOverOneMemfdPageSeeTheSameBytes() {
        try (BackingStore store = BackingStore.create("jpvm-share-test", 4);
                GuestWindow a = GuestWindow.reserve();
                GuestWindow b = GuestWindow.reserve()) {
            long pageA = 0x10; // guest 0x10000
            long pageB = 0xfeed0; // guest 0xfeed0000
            a.mapPages(pageA, store, 1, 1, true);
            b.mapPages(pageB, store, 1, 1, false);
            long addrA = a.guestBase() + pageA * PAGE;
            long addrB = b.guestBase() + pageB * PAGE;
            ProcMaps.assertRange(addrA, addrA + PAGE, "rw-s");
            ProcMaps.assertRange(addrB, addrB + PAGE, "r--s");
            Mapping mb = ProcMaps.at(addrB);
            assertTrue(mb.path().startsWith("/memfd:jpvm-share-test"), mb::toString);
            assertEquals(PAGE, mb.offset() + (addrB - mb.start())); // store page 1
            // neighbours stay reserved
            ProcMaps.assertRange(addrA - PAGE, addrA, "---p");
            ProcMaps.assertRange(addrA + PAGE, addrA + 2 * PAGE, "---p");

            // write through A's RW mapping (raw address + reinterpret), read through B's RO mapping
            MemorySegment viaA = MemorySegment.ofAddress(addrA).reinterpret(PAGE);
            MemorySegment viaB = b.guestSegment(pageB * PAGE, PAGE);
            assertEquals(0, viaB.get(JAVA_LONG, 8));
            viaA.set(JAVA_LONG, 8, 0x1122334455667788L);
            viaA.set(JAVA_LONG, PAGE - 8, -2L);
            assertEquals(0x1122334455667788L, viaB.get(JAVA_LONG, 8));
            assertEquals(-2L, viaB.get(JAVA_LONG, PAGE - 8));

            // remapping B read-write at another guest page shows the same bytes too
            b.mapPages(3, store, 1, 1, true);
            b.guestSegment(3 * PAGE, PAGE).set(JAVA_LONG, 16, 99L);
            assertEquals(99L, a.guestSegment(pageA * PAGE, PAGE).get(JAVA_LONG, 16));

            // unmapping makes the pages PROT_NONE anonymous reservations again (checked, never touched)
            b.unmapPages(pageB, 1);
            a.unmapPages(pageA, 1);
            ProcMaps.assertRange(addrB, addrB + PAGE, "---p");
            ProcMaps.assertRange(addrA, addrA + PAGE, "---p");
            assertEquals("", ProcMaps.at(addrA).path());
            assertEquals("", ProcMaps.at(addrB).path());
            ProcMaps.assertRange(b.guestBase() + 3 * PAGE, b.guestBase() + 4 * PAGE, "rw-s");
        }
    }

    @Test
    void lastGuestPageMapsAndTheGuardStaysNone() {
        try (BackingStore store = BackingStore.create(2); GuestWindow w = GuestWindow.reserve()) {
            long last = GuestWindow.GUEST_PAGES - 1;
            w.mapPages(last - 1, store, 0, 2, true);
            long guard = w.guestBase() + GIB4;
            ProcMaps.assertRange(guard - 2 * PAGE, guard, "rw-s");
            ProcMaps.assertRange(guard, guard + PAGE, "---p");
            w.guestSegment(GIB4 - 8, 8).set(JAVA_LONG, 0, 5L); // the last 8 bytes of the window
            assertEquals(5L, w.guestSegment(GIB4 - PAGE - 8, PAGE + 8).get(JAVA_LONG, PAGE));
            assertThrows(IndexOutOfBoundsException.class, () -> w.guestSegment(GIB4 - 4, 8));
        }
    }

    @Test
    void rangesAreChecked() {
        BackingStore store = BackingStore.create(2);
        try (GuestWindow w = GuestWindow.reserve()) {
            assertThrows(IllegalArgumentException.class, () -> w.mapPages(0, store, 1, 2, true)); // beyond the file: SIGBUS
            assertThrows(IllegalArgumentException.class, () -> w.mapPages(0, store, -1, 1, true));
            assertThrows(IllegalArgumentException.class, () -> w.mapPages(GuestWindow.GUEST_PAGES - 1, store, 0, 2, true));
            assertThrows(IllegalArgumentException.class, () -> w.mapPages(-1, store, 0, 1, true));
            assertThrows(IllegalArgumentException.class, () -> w.mapPages(0, store, 0, 0, true));
            assertThrows(IllegalArgumentException.class, () -> w.unmapPages(GuestWindow.GUEST_PAGES, 1));
            ProcMaps.assertRange(w.guestBase(), w.guestBase() + GIB4 + PAGE, "---p");
            store.close();
            assertThrows(IllegalStateException.class, () -> w.mapPages(0, store, 0, 1, true));
        } finally {
            store.close();
        }
    }

    @Test
    void closedWindowRefusesEverything() {
        BackingStore store = BackingStore.create(1);
        GuestWindow w = GuestWindow.reserve();
        w.mapPages(7, store, 0, 1, true);
        MemorySegment ctx = w.contextSegment();
        MemorySegment page = w.guestSegment(7 * PAGE, PAGE);
        long reservation = w.reservationAddress();
        w.close();
        w.close();
        assertTrue(w.isClosed());
        assertThrows(IllegalStateException.class, () -> w.mapPages(0, store, 0, 1, true));
        assertThrows(IllegalStateException.class, () -> w.unmapPages(0, 1));
        assertThrows(IllegalStateException.class, () -> ctx.get(JAVA_LONG, 0));
        assertThrows(IllegalStateException.class, () -> page.get(JAVA_LONG, 0));
        Mapping m = ProcMaps.at(reservation + PAGE + 7 * PAGE);
        assertTrue(m == null || !m.path().startsWith("/memfd:jpvm-store"), () -> "still mapped: " + m);
        store.close();
    }

    @Test
    void reservationCostsNoRssAndFiftyWindowsComeAndGo() {
        int liveBefore = GuestWindow.liveCount();
        long rss0 = ProcMaps.statusKb("VmRSS");
        long size0 = ProcMaps.statusKb("VmSize");
        List<GuestWindow> windows = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                windows.add(GuestWindow.reserve());
            }
            long rss1 = ProcMaps.statusKb("VmRSS");
            long size1 = ProcMaps.statusKb("VmSize");
            System.out.printf("[windows] 50 reserved: VmSize %+d MiB, VmRSS %+d KiB%n",
                    (size1 - size0) / 1024, rss1 - rss0);
            assertEquals(liveBefore + 50, GuestWindow.liveCount());
            assertTrue(size1 - size0 >= 50 * (GIB4 / 1024), "VmSize grew by " + (size1 - size0) + " kB");
            assertTrue(rss1 - rss0 < 8 * 1024, "VmRSS grew by " + (rss1 - rss0) + " kB");
            for (GuestWindow w : windows) {
                ProcMaps.assertRange(w.guestBase(), w.guestBase() + GIB4 + PAGE, "---p");
            }
        } finally {
            windows.forEach(GuestWindow::close);
        }
        long size2 = ProcMaps.statusKb("VmSize");
        System.out.printf("[windows] 50 released: VmSize %+d MiB vs before%n", (size2 - size0) / 1024);
        assertEquals(liveBefore, GuestWindow.liveCount());
        assertTrue(size2 - size0 < 64 * 1024, "VmSize still up by " + (size2 - size0) + " kB");
    }

    @Test
    void poolReusesResetWindowsAndKeepsAtMostFive() {
        WindowPool pool = new WindowPool();
        try (BackingStore store = BackingStore.create(1)) {
            GuestWindow w = pool.acquire();
            w.mapPages(9, store, 0, 1, true);
            w.contextSegment().set(JAVA_LONG, 0, 42L);
            pool.release(w);
            assertEquals(1, pool.idleCount());
            ProcMaps.assertRange(w.guestBase(), w.guestBase() + GIB4 + PAGE, "---p");

            GuestWindow again = pool.acquire();
            assertSame(w, again);
            assertEquals(0L, again.contextSegment().get(JAVA_LONG, 0));
            assertEquals(0, pool.idleCount());

            List<GuestWindow> many = new ArrayList<>();
            many.add(again);
            for (int i = 0; i < 6; i++) {
                many.add(pool.acquire());
            }
            many.forEach(pool::release);
            assertEquals(WindowPool.DEFAULT_MAX_IDLE, pool.idleCount());
            assertEquals(2, many.stream().filter(GuestWindow::isClosed).count());
            GuestWindow reused = pool.acquire();
            assertTrue(many.contains(reused));
            assertNotEquals(true, reused.isClosed());
            pool.release(reused);
            List<GuestWindow> kept = many.stream().filter(x -> !x.isClosed()).toList();
            pool.close();
            kept.forEach(x -> assertTrue(x.isClosed()));
            assertThrows(IllegalStateException.class, pool::acquire);
        } finally {
            pool.close();
        }
    }
}
