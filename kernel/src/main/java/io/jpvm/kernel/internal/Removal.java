package io.jpvm.kernel.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Collections;

/**
 * Taking caps out of existence: revoking descendants, DROP of a cap, and removal of VMs (DROP of a
 * HANDLE removes the VM and, by the same rule, every cap it holds, which removes the VMs whose HANDLEs
 * it holds).
 */
final class Removal {
    private final Kernel k;

    Removal(Kernel k) {
        this.k = k;
    }

    /** The caps derived from {@code cap}, transitively (pre-order). */
    static List<Cap> descendants(Cap cap) {
        List<Cap> out = new ArrayList<>();
        ArrayDeque<Cap> todo = new ArrayDeque<>(cap.children());
        while (!todo.isEmpty()) {
            Cap c = todo.pop();
            out.add(c);
            for (Cap child : c.children()) {
                todo.push(child);
            }
        }
        return out;
    }

    /** Removes every descendant of {@code cap} from its table (DATA views unmapped first); returns how many. */
    int revokeDescendants(Cap cap) {
        List<Cap> doomed = descendants(cap);
        for (Cap c : doomed) {
            if (c instanceof DataCap d && d.holder != null) {
                k.mapper.unmapAll(d);
            }
            if (c.holder != null) {
                c.holder.caps.take(c.slot);
            }
        }
        for (Cap c : doomed) {
            c.clearChildren();
        }
        cap.clearChildren();
        return doomed.size();
    }

    /** The VMs a DROP of a HANDLE to {@code vm} removes: it and, transitively, those whose HANDLEs they hold. */
    List<Vm> doomedVms(Vm vm) {
        Set<Vm> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Vm> out = new ArrayList<>();
        ArrayDeque<Vm> todo = new ArrayDeque<>();
        todo.add(vm);
        seen.add(vm);
        while (!todo.isEmpty()) {
            Vm v = todo.poll();
            out.add(v);
            CapTable t = v.caps;
            for (int i = 0; i < t.size(); i++) {
                if (t.capAt(i) instanceof HandleCap h) {
                    Vm child = k.arena.get(h.vmId);
                    if (child != null && seen.add(child)) {
                        todo.add(child);
                    }
                }
            }
        }
        return out;
    }

    /** Whether a DROP of {@code cap} is allowed: a HANDLE's VMs must all be idle or faulted. */
    boolean canDrop(Cap cap) {
        if (cap instanceof HandleCap h) {
            Vm target = k.arena.get(h.vmId);
            if (target != null) {
                for (Vm v : doomedVms(target)) {
                    if (v.state == VmState.RUNNING || v.state == VmState.WAITING_FOR_REPLY) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** DROP (check {@link #canDrop} first): descendants revoked, DATA unmapped, HANDLE's VMs removed. */
    void drop(Cap cap) {
        List<Vm> vms = cap instanceof HandleCap h && k.arena.get(h.vmId) != null
                ? doomedVms(k.arena.get(h.vmId)) : List.of();
        dropOne(cap);
        for (Vm v : vms) {
            for (Cap c : v.caps.snapshot()) {
                if (c.holder == v) {
                    dropOne(c);
                }
            }
            v.discard();
            k.arena.release(v);
        }
    }

    private void dropOne(Cap cap) {
        revokeDescendants(cap);
        if (cap instanceof DataCap d) {
            k.mapper.unmapAll(d);
        }
        cap.detachFromParent();
        cap.holder.caps.take(cap.slot);
    }
}
