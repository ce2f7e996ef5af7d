package io.jpvm.kernel.internal;

/**
 * Cap-ref resolution (u32): byte 0 is the slot; bytes 3, 2, 1 (in that order, 0 = skip) are HANDLE
 * hops. Each hop must be a HANDLE in the current table whose VM is live and neither RUNNING nor
 * WAITING_FOR_REPLY; resolution then continues in that VM's table.
 */
final class CapRefs {
    private final VmArena arena;

    CapRefs(VmArena arena) {
        this.arena = arena;
    }

    static int slot(int ref) {
        return ref & 0xFF;
    }

    /** No hops: the ref names a slot of the active VM's own table. */
    static boolean isLocal(int ref) {
        return (ref >>> 8) == 0;
    }

    /** The table the ref's hops lead to from {@code vm}'s table, or null when a hop fails. */
    CapTable table(Vm vm, int ref) {
        CapTable t = vm.caps;
        for (int shift = 24; shift >= 8; shift -= 8) {
            int hop = (ref >>> shift) & 0xFF;
            if (hop == 0) {
                continue;
            }
            if (!(t.get(hop) instanceof HandleCap h)) {
                return null;
            }
            Vm next = arena.get(h.vmId);
            if (next == null || next.state == VmState.RUNNING || next.state == VmState.WAITING_FOR_REPLY) {
                return null;
            }
            t = next.caps;
        }
        return t;
    }

    /** The cap the ref names, or null (failed hop or empty slot). */
    Cap cap(Vm vm, int ref) {
        CapTable t = table(vm, ref);
        return t == null ? null : t.get(slot(ref));
    }

    /** The table of an empty destination slot, or null (failed hop or occupied slot). */
    CapTable emptyDestination(Vm vm, int ref) {
        CapTable t = table(vm, ref);
        return t == null || t.get(slot(ref)) != null ? null : t;
    }
}
