package io.jpvm.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CapTableTest {

    @Test
    void sparseSortedSlots() {
        Vm vm = new Vm(0, null);
        CapTable t = vm.caps;
        int[] slots = {200, 3, 255, 0, 128, 64, 17};
        for (int s : slots) {
            t.put(s, new UntypedCap());
        }
        assertEquals(slots.length, t.size());
        int previous = -1;
        for (int i = 0; i < t.size(); i++) {
            int s = t.slotAt(i);
            assertEquals(true, s > previous);
            previous = s;
            assertSame(vm, t.capAt(i).holder());
            assertEquals(s, t.capAt(i).slot());
        }
        assertNull(t.get(1));
        Cap c = t.get(128);
        assertThrows(IllegalStateException.class, () -> t.put(128, new UntypedCap()));
        assertSame(c, t.take(128));
        assertNull(c.holder());
        assertNull(t.get(128));
        assertNull(t.take(128));
        assertEquals(slots.length - 1, t.size());
        assertThrows(IllegalStateException.class, () -> t.put(5, t.get(3)));
    }

    @Test
    void takingAProtocolCapEndsItsOriginalStatus() {
        Vm vm = new Vm(0, null);
        ProtocolCap p = new ProtocolCap(1, true);
        vm.caps.put(1, p);
        vm.caps.take(1);
        vm.caps.put(1, p);
        assertFalse(p.original);
        assertFalse(((ProtocolCap) p.duplicate()).original);
    }
}
