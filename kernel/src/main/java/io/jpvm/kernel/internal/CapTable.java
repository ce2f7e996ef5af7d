package io.jpvm.kernel.internal;

import java.util.Arrays;

/**
 * A VM's CNode: 256 slots stored sparsely as two parallel arrays sorted by slot number (slot bytes
 * and caps) that grow on demand, so an idle VM holding a few caps costs a few dozen bytes.
 */
final class CapTable {
    private static final byte[] NO_SLOTS = new byte[0];
    private static final Cap[] NO_CAPS = new Cap[0];

    private final Vm owner;
    private byte[] slots = NO_SLOTS;
    private Cap[] caps = NO_CAPS;
    private int size;

    CapTable(Vm owner) {
        this.owner = owner;
    }

    Vm owner() {
        return owner;
    }

    private int find(int slot) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int s = slots[mid] & 0xFF;
            if (s < slot) {
                lo = mid + 1;
            } else if (s > slot) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** The cap in {@code slot} (0..255), or null. */
    Cap get(int slot) {
        int i = find(slot);
        return i >= 0 ? caps[i] : null;
    }

    /** Puts {@code cap} (which is in no table) into the empty {@code slot}. */
    void put(int slot, Cap cap) {
        int i = find(slot);
        if (i >= 0) {
            throw new IllegalStateException("slot " + slot + " is occupied");
        }
        if (cap.holder != null) {
            throw new IllegalStateException(cap + " is already in a table");
        }
        int at = -(i + 1);
        if (size == slots.length) {
            int n = Math.max(4, size + (size >> 1));
            slots = Arrays.copyOf(slots, n);
            caps = Arrays.copyOf(caps, n);
        }
        System.arraycopy(slots, at, slots, at + 1, size - at);
        System.arraycopy(caps, at, caps, at + 1, size - at);
        slots[at] = (byte) slot;
        caps[at] = cap;
        size++;
        cap.holder = owner;
        cap.slot = slot;
    }

    /** Removes and returns the cap in {@code slot}, or null. Taking a protocol cap ends its "original" status. */
    Cap take(int slot) {
        int i = find(slot);
        if (i < 0) {
            return null;
        }
        Cap cap = caps[i];
        System.arraycopy(slots, i + 1, slots, i, size - i - 1);
        System.arraycopy(caps, i + 1, caps, i, size - i - 1);
        size--;
        caps[size] = null;
        cap.holder = null;
        if (cap instanceof ProtocolCap p && p.original) {
            p.original = false;
            if (p.id == Kernel.GAS_PROTOCOL) {
                owner.lostOriginalGas();
            }
        }
        return cap;
    }

    int size() {
        return size;
    }

    /** The slot of the {@code i}-th occupied entry in slot order. */
    int slotAt(int i) {
        return slots[i] & 0xFF;
    }

    Cap capAt(int i) {
        return caps[i];
    }

    /** A snapshot of the caps in slot order. */
    Cap[] snapshot() {
        return Arrays.copyOf(caps, size);
    }
}
