package io.jpvm.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.interpreter.internal.MemoryFault;
import org.junit.jupiter.api.Test;

/** Change watching records exactly the pages stores, pokes and page-map changes touched. */
class GuestMemoryChangesTest {
    private static final int P16 = 16 << 12;
    private static final int P17 = 17 << 12;

    private static GuestMemory memory() {
        GuestMemory m = new GuestMemory(true);
        m.mapZero(16, 4, true);
        m.mapZero(20, 1, false);
        return m;
    }

    @Test
    void storesAreRecordedOncePerRoundAndStillLand() {
        GuestMemory m = memory();
        m.watchChanges();
        assertArrayEquals(new long[0], m.takeChangedPages());
        m.store32(P16 + 8, 0x11223344);
        m.store8(P16 + 9, 0x55);
        m.store64(P17 + 4092, -1L); // straddles pages 17 and 18
        assertArrayEquals(new long[] {16, 17, 18}, m.takeChangedPages());
        assertEquals(0x11225544L, m.loadU32(P16 + 8));
        assertEquals(-1L, m.load64(P17 + 4092));
        assertArrayEquals(new long[0], m.takeChangedPages(), "nothing written since");
        m.store16(P16, 7); // re-armed: recorded again
        assertArrayEquals(new long[] {16}, m.takeChangedPages());
    }

    @Test
    void accessRulesAreUnchangedWhileWatching() {
        GuestMemory m = memory();
        m.watchChanges();
        assertTrue(m.isWritable(P16));
        assertFalse(m.isWritable(20L << 12));
        assertThrows(MemoryFault.class, () -> m.store8(20 << 12, 1));
        assertEquals(20L << 12, m.faultAddress());
        m.store8(P16, 1);
        assertTrue(m.setWritable(16, false)); // armed page made read-only: stores must fault
        assertThrows(MemoryFault.class, () -> m.store8(P16, 2));
        assertEquals(1, m.loadU8(P16));
        assertArrayEquals(new long[] {16}, m.takeChangedPages());
    }

    @Test
    void mapUnmapProtectAndPokeAreRecorded() {
        GuestMemory m = memory();
        m.watchChanges();
        m.mapZero(40, 2, true);
        m.unmap(19);
        m.setWritable(20, true);
        m.poke((17L << 12) + 4090, new byte[10]);
        assertArrayEquals(new long[] {17, 18, 19, 20, 40, 41}, m.takeChangedPages());
        m.store8(20 << 12, 3); // made writable while watching
        assertArrayEquals(new long[] {20}, m.takeChangedPages());
    }

    @Test
    void unwatchRestoresTheFullFastPath() {
        GuestMemory m = memory();
        m.watchChanges();
        m.store8(P16, 1);
        m.unwatchChanges();
        assertFalse(m.watchingChanges());
        m.store8(P17, 2);
        assertEquals(2, m.loadU8(P17));
        assertTrue(m.isWritable(P17));
        assertThrows(IllegalStateException.class, m::takeChangedPages);
    }

    @Test
    void watchingAnEmptyMemory() {
        GuestMemory m = new GuestMemory(false);
        m.watchChanges();
        m.mapZero(3, 1, true);
        m.store8(3 << 12, 9);
        assertArrayEquals(new long[] {3}, m.takeChangedPages());
        assertEquals(9, m.loadU8(3 << 12));
    }
}
