package io.jpvm.recompiler.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The per-invocation window pool: free windows first, then least recently used eviction. */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class WindowLeasesTest {

    /** Records its evictions and forgets its lease like a VM does. */
    static final class Vm implements WindowLeases.Owner {
        final String name;
        final List<String> log;
        WindowLeases.Lease lease;

        Vm(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void evicted() {
            log.add(name);
            lease = null;
        }
    }

    @Test
    void leastRecentlyUsedIsEvictedAndFreedWindowsAreReusedFirst() {
        List<String> evicted = new ArrayList<>();
        WindowLeases w = new WindowLeases(3);
        try {
            Vm a = new Vm("a", evicted);
            Vm b = new Vm("b", evicted);
            Vm c = new Vm("c", evicted);
            Vm d = new Vm("d", evicted);
            a.lease = w.acquire(a);
            b.lease = w.acquire(b);
            c.lease = w.acquire(c);
            assertEquals(3, w.leased());
            w.touch(a.lease);                                   // b is now the least recently used
            WindowLeases.Lease bs = b.lease;
            d.lease = w.acquire(d);
            assertEquals(List.of("b"), evicted);
            assertSame(bs, d.lease);
            w.free(c.lease);                                    // c's VM is gone: its window is free
            WindowLeases.Lease cs = c.lease;
            b.lease = w.acquire(b);
            assertSame(cs, b.lease);
            assertEquals(List.of("b"), evicted);
            assertEquals(1, w.evictions());
            assertNotSame(a.lease, b.lease);
        } finally {
            w.releaseAll();
        }
        assertEquals(0, w.leased());
    }
}
