package io.jpvm.kernel.internal;

import io.jpvm.kernel.KernelCodes;
import java.util.Arrays;

/**
 * The generational VM arena: at most {@link KernelCodes#MAX_VMS} live VMs, indices 0..65534 (VM 0
 * is the root). A freed index is reused with its generation incremented, so ids held by stale
 * HANDLE/CALLABLE caps no longer resolve.
 */
final class VmArena {
    private Vm[] vms = new Vm[16];
    private char[] generations = new char[16];
    private int highWater;
    private int[] free = new int[8];
    private int freeCount;
    private int live;
    private long created;

    /** A new idle VM running {@code code}, or null when {@link KernelCodes#MAX_VMS} VMs are live. */
    Vm allocate(KernelCode code) {
        if (live >= KernelCodes.MAX_VMS) {
            return null;
        }
        int index;
        if (freeCount > 0) {
            index = free[--freeCount];
        } else {
            index = highWater++;
            if (index >= vms.length) {
                int n = Math.min(KernelCodes.MAX_VMS, vms.length * 2);
                vms = Arrays.copyOf(vms, n);
                generations = Arrays.copyOf(generations, n);
            }
        }
        Vm vm = new Vm(index | generations[index] << 16, code);
        vms[index] = vm;
        live++;
        created++;
        return vm;
    }

    /** The live VM with arena id {@code id}, or null (never existed, removed, or stale generation). */
    Vm get(int id) {
        int index = id & 0xFFFF;
        if (index >= highWater) {
            return null;
        }
        Vm vm = vms[index];
        return vm != null && vm.id == id ? vm : null;
    }

    /** Removes {@code vm}; its index comes back with the next generation. */
    void release(Vm vm) {
        int index = vm.index();
        if (vms[index] != vm) {
            throw new IllegalStateException(vm + " is not live");
        }
        vms[index] = null;
        generations[index]++;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = index;
        live--;
    }

    int live() {
        return live;
    }

    long created() {
        return created;
    }
}
