package io.jpvm.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpvm.kernel.KernelCodes;
import org.junit.jupiter.api.Test;

class VmArenaTest {

    @Test
    void allocatesUpToTheLimit() {
        VmArena arena = new VmArena();
        Vm first = arena.allocate(null);
        assertEquals(0, first.index());
        for (int i = 1; i < KernelCodes.MAX_VMS; i++) {
            assertEquals(i, arena.allocate(null).index());
        }
        assertEquals(KernelCodes.MAX_VMS, arena.live());
        assertNull(arena.allocate(null));
        arena.release(first);
        Vm again = arena.allocate(null);
        assertEquals(0, again.index());
        assertNull(arena.allocate(null));
    }

    @Test
    void releasedIdsGoStale() {
        VmArena arena = new VmArena();
        arena.allocate(null);
        Vm a = arena.allocate(null);
        int staleId = a.id;
        assertSame(a, arena.get(staleId));
        arena.release(a);
        assertNull(arena.get(staleId));
        Vm b = arena.allocate(null);
        assertEquals(a.index(), b.index());
        assertNotEquals(staleId, b.id);
        assertNull(arena.get(staleId));
        assertSame(b, arena.get(b.id));
        assertEquals(2, arena.live());
        assertEquals(3, arena.created());
        assertNull(arena.get(12345));
        assertThrows(IllegalStateException.class, () -> arena.release(a));
    }
}
