package io.jpvm.recompiler.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java-side page map: lookups, runs for mmap, fault attribution. */
class PageMapTest {

    private static List<String> runs(PageMap m) {
        List<String> out = new ArrayList<>();
        m.forEachRun((g, p, n, w) -> out.add(g + "->" + p + "x" + n + (w ? "rw" : "ro")));
        return out;
    }

    @Test
    void putReplaceRemove() {
        PageMap m = new PageMap();
        m.put(20, 7, true);
        m.put(3, (1L << 32) - 1, false);
        m.put(20, 8, false);
        assertEquals(2, m.size());
        assertEquals(8, m.physicalPage(20));
        assertEquals((1L << 32) - 1, m.physicalPage(3));
        assertFalse(m.isWritable(20));
        assertTrue(m.remove(3));
        assertFalse(m.remove(3));
        assertEquals(-1, m.physicalPage(3));
        assertThrows(IllegalArgumentException.class, () -> m.put(1 << 20, 0, true));
        assertThrows(IllegalArgumentException.class, () -> m.put(0, 1L << 32, true));
    }

    @Test
    void runsCoalesceConsecutivePagesWithTheSameAccess() {
        PageMap m = new PageMap();
        for (int i = 0; i < 10; i++) {
            m.put(100 + i, 50 + i, i < 6);        // pages 100..105 RW, 106..109 RO
        }
        m.put(110, 70, false);                     // not consecutive physically
        m.put(5, 0, true);
        m.put(6, 1, true);
        assertEquals(List.of("5->0x2rw", "100->50x6rw", "106->56x4ro", "110->70x1ro"), runs(m));
    }

    @Test
    void faultAttributionFollowsGuestMemoryRules() {
        PageMap m = new PageMap();
        m.put(1, 0, false);
        m.put(2, 1, true);
        assertEquals(-1, m.lowestInaccessible(0x1FFC, 8, false));
        assertEquals(0x1FFC, m.lowestInaccessible(0x1FFC, 8, true));   // RO page first
        assertEquals(0x3000, m.lowestInaccessible(0x2FFC, 8, true));
        assertEquals(0, m.lowestInaccessible(0xFFFFFFFCL, 8, false));   // bytes past 2^32 count mod 2^32
        assertEquals(0x500, new PageMap().lowestInaccessible(0x500, 4, false));
    }
}
