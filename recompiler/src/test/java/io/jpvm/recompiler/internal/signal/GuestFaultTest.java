package io.jpvm.recompiler.internal.signal;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.recompiler.internal.memory.BackingStore;
import io.jpvm.recompiler.internal.memory.GuestWindow;
import io.jpvm.recompiler.internal.memory.Libc;
import io.jpvm.recompiler.internal.signal.FaultProbe.Op;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Guest faults of every kind come back to Java through the exit stub with the right fault address and
 * RIP, and HotSpot's own uses of SIGSEGV keep working. Every fault here is inside a registered code
 * range and a live window.
 */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class GuestFaultTest {
    static final long PAGE = GuestWindow.PAGE_SIZE;

    @BeforeAll
    static void install() {
        assertTrue(SignalHandler.install());
    }

    @Test
    void installIsIdempotentAndChainsToHotSpot() throws Exception {
        assertTrue(SignalHandler.isInstalled());
        long entry = SignalHandler.segvEntry();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> assertTrue(SignalHandler.install()));
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(entry, SignalHandler.segvEntry(), "installed once");

        // the kernel now has our handler, with SA_NODEFER and without SA_ONSTACK
        Posix.Action segv = Posix.currentAction(Posix.SIGSEGV);
        Posix.Action bus = Posix.currentAction(Posix.SIGBUS);
        assertEquals(SignalHandler.segvEntry(), segv.handler());
        assertEquals(SignalHandler.busEntry(), bus.handler());
        int expected = Posix.SA_SIGINFO | Posix.SA_RESTART | Posix.SA_NODEFER;
        assertEquals(expected, segv.flags() & ~Posix.SA_RESTORER);
        assertEquals(expected, bus.flags() & ~Posix.SA_RESTORER);

        // and chains to HotSpot's sa_sigaction handlers
        Posix.Action prevSegv = SignalHandler.previousAction(Posix.SIGSEGV);
        Posix.Action prevBus = SignalHandler.previousAction(Posix.SIGBUS);
        assertNotNull(prevSegv);
        assertTrue(prevSegv.isFunction(), prevSegv::toString);
        assertTrue(prevBus.isFunction(), prevBus::toString);
        assertNotEquals(segv.handler(), prevSegv.handler());
        assertTrue((prevSegv.flags() & Posix.SA_SIGINFO) != 0, prevSegv::toString);
        // the handler's own code is not "generated guest code"
        assertTrue(!CodeRanges.contains(SignalHandler.segvEntry()));
        assertTrue(!CodeRanges.contains(SignalHandler.codeBase()));
        System.out.println("[signal] " + SignalHandler.describe());
    }

    @Test
    void loadFromAnUnmappedGuestPage() {
        try (GuestWindow w = GuestWindow.reserve(); FaultProbe probe = new FaultProbe(Op.LOAD64, true)) {
            long handled = SignalHandler.handledFaults();
            long chained = SignalHandler.chainedSignals();
            assertEquals(1, probe.run(w, 0x5000));
            assertEquals(handled + 1, SignalHandler.handledFaults());
            assertEquals(chained, SignalHandler.chainedSignals(), "a guest fault is not passed on");
            assertEquals(w.guestBase() + 0x5000, FaultProbe.faultAddress(w));
            assertEquals(probe.accessRip, FaultProbe.faultRip(w));
            // the window and the code stay usable: fault again at another address
            FaultProbe.clearFault(w);
            assertEquals(1, probe.run(w, 0xABCD_E123L));
            assertEquals(w.guestBase() + 0xABCD_E123L, FaultProbe.faultAddress(w));
        }
    }

    @Test
    void accessesToMappedPagesDoNotFault() {
        try (BackingStore store = BackingStore.create(2);
                GuestWindow w = GuestWindow.reserve();
                FaultProbe load = new FaultProbe(Op.LOAD64, true);
                FaultProbe storeProbe = new FaultProbe(Op.STORE64, true)) {
            w.mapPages(0x10, store, 0, 2, true);
            assertEquals(0, storeProbe.run(w, 0x10FF8)); // last 8 bytes of the first page
            assertEquals(FaultProbe.STORED, w.guestSegment(0x10FF8, 8).get(JAVA_LONG, 0));
            assertEquals(0, load.run(w, 0x11FF8));
            assertEquals(0, FaultProbe.faultAddress(w));
        }
    }

    @Test
    void storeToAReadOnlyPage() {
        try (BackingStore store = BackingStore.create(1);
                GuestWindow w = GuestWindow.reserve();
                FaultProbe probe = new FaultProbe(Op.STORE64, true);
                FaultProbe load = new FaultProbe(Op.LOAD64, true)) {
            w.mapPages(0x20, store, 0, 1, false);
            long addr = 0x20000 + 0x128;
            assertEquals(0, load.run(w, addr), "reading a read-only page works");
            assertEquals(1, probe.run(w, addr));
            assertEquals(w.guestBase() + addr, FaultProbe.faultAddress(w));
            assertEquals(probe.accessRip, FaultProbe.faultRip(w));
            assertEquals(0, w.guestSegment(addr, 8).get(JAVA_LONG, 0), "nothing written");
        }
    }

    @Test
    void accessRunningPastFourGiBFaultsInTheGuard() {
        try (BackingStore store = BackingStore.create(1);
                GuestWindow w = GuestWindow.reserve();
                FaultProbe load = new FaultProbe(Op.LOAD64, true);
                FaultProbe storeProbe = new FaultProbe(Op.STORE64, true)) {
            long last = GuestWindow.GUEST_PAGES - 1;
            w.mapPages(last, store, 0, 1, true); // guest 0xFFFFF000..0xFFFFFFFF is read-write
            long addr = 0xFFFF_FFFCL;
            MemorySegment tail = w.guestSegment(addr, 4);
            tail.set(JAVA_INT, 0, 0x5A5A5A5A);

            assertEquals(1, load.run(w, addr));
            long fault = FaultProbe.faultAddress(w);
            System.out.printf("[signal] 8-byte load at guest 0xFFFFFFFC: si_addr = guest base + 0x%x%n",
                    fault - w.guestBase());
            // the first byte the CPU could not access: in the guard page behind the window
            assertTrue(fault >= w.guestBase() + addr && fault <= w.guestBase() + GuestWindow.GUEST_SIZE,
                    () -> "fault address 0x" + Long.toHexString(fault));
            assertEquals(load.accessRip, FaultProbe.faultRip(w));

            FaultProbe.clearFault(w);
            assertEquals(1, storeProbe.run(w, addr));
            assertEquals(storeProbe.accessRip, FaultProbe.faultRip(w));
            assertEquals(0x5A5A5A5A, tail.get(JAVA_INT, 0), "no partial write");

            // a 1-byte load at the last guest address stays inside the window
            assertEquals(0, new FaultProbeRun(Op.LOAD8).run(w, 0xFFFF_FFFFL));
        }
    }

    @Test
    void pageBeyondTheEndOfTheMemfdRaisesSigbus() {
        try (BackingStore store = BackingStore.create(2);
                GuestWindow w = GuestWindow.reserve();
                FaultProbe load = new FaultProbe(Op.LOAD64, true);
                FaultProbe storeProbe = new FaultProbe(Op.STORE64, true)) {
            w.mapPages(0x30, store, 0, 2, true);
            // shrink the file under the mapping: guest page 0x31 now lies beyond its end (SIGBUS)
            Libc.ftruncate(store.fd(), PAGE);
            assertEquals(0, load.run(w, 0x30000), "the first page is still inside the file");
            assertEquals(1, load.run(w, 0x31010));
            assertEquals(w.guestBase() + 0x31010, FaultProbe.faultAddress(w));
            assertEquals(load.accessRip, FaultProbe.faultRip(w));
            FaultProbe.clearFault(w);
            assertEquals(1, storeProbe.run(w, 0x31FF8));
            assertEquals(w.guestBase() + 0x31FF8, FaultProbe.faultAddress(w));
            Libc.ftruncate(store.fd(), 2 * PAGE); // give the page back before unmapping
        }
    }

    @Test
    void twoWindowsEachGetTheirOwnFaultRecord() {
        try (GuestWindow a = GuestWindow.reserve();
                GuestWindow b = GuestWindow.reserve();
                FaultProbe probe = new FaultProbe(Op.LOAD8, true)) {
            assertEquals(1, probe.run(a, 0x1234));
            assertEquals(1, probe.run(b, 0x5678));
            assertEquals(a.guestBase() + 0x1234, FaultProbe.faultAddress(a));
            assertEquals(b.guestBase() + 0x5678, FaultProbe.faultAddress(b));
        }
    }

    @Test
    void implicitNullChecksStillThrowNullPointerException() {
        // warm a method up until the JIT compiles it with an implicit (SIGSEGV-based) null check, then
        // feed it nulls: each must arrive as a NullPointerException, before and after recompilation
        String[] values = {"a", "bb", "ccc", null};
        long chained = SignalHandler.chainedSignals();
        long sum = 0;
        int npes = 0;
        for (int round = 0; round < 2_000_000; round++) {
            String s = values[round < 1_500_000 ? round % 3 : round % 4];
            try {
                sum += NullChecks.length(s);
            } catch (NullPointerException e) {
                npes++;
            }
        }
        assertEquals(125_000, npes);
        assertTrue(sum > 0);
        long viaChain = SignalHandler.chainedSignals() - chained;
        System.out.println("[signal] 125,000 NPEs in a hot loop; SIGSEGVs passed on to HotSpot: " + viaChain);
        assertTrue(viaChain > 0, "the null checks faulted and reached HotSpot through the handler");
        // and a guest fault still works afterwards
        try (GuestWindow w = GuestWindow.reserve(); FaultProbe probe = new FaultProbe(Op.LOAD64, true)) {
            assertEquals(1, probe.run(w, 0x7000));
        }
    }

    @Test
    void stackOverflowStillBecomesStackOverflowError() throws Exception {
        // HotSpot detects stack overflow with guard pages (SIGSEGV): it must still reach HotSpot
        Throwable[] caught = new Throwable[1];
        int[] depth = new int[1];
        Thread t = new Thread(null, () -> {
            for (int round = 0; round < 3; round++) {
                try {
                    recurse(depth);
                } catch (StackOverflowError e) {
                    caught[0] = e;
                }
                depth[0] = 0;
            }
        }, "soe", 512 * 1024);
        t.start();
        t.join();
        assertTrue(caught[0] instanceof StackOverflowError, String.valueOf(caught[0]));
        try (GuestWindow w = GuestWindow.reserve(); FaultProbe probe = new FaultProbe(Op.LOAD64, true)) {
            assertEquals(1, probe.run(w, 0x7000));
        }
    }

    private static void recurse(int[] depth) {
        depth[0]++;
        recurse(depth);
    }

    /** A fresh probe per call (exercises register/unregister around a run). */
    private record FaultProbeRun(Op op) {
        long run(GuestWindow w, long addr) {
            try (FaultProbe p = new FaultProbe(op, true)) {
                return p.run(w, addr);
            }
        }
    }

    /** Kept out of the test method so the JIT compiles it on its own. */
    static final class NullChecks {
        static int length(String s) {
            return s.length();
        }
    }
}
