package io.jpvm.recompiler.internal.codegen;

import java.util.Arrays;

/**
 * The trap table being built: for every guest memory access, its code offset (ascending, as the code
 * is emitted) and the dense index of its instruction. The signal handler's fault path maps a faulting
 * instruction back to its PVM instruction with it.
 */
final class TrapTable {
    private int[] offsets = new int[64];
    private int[] indices = new int[64];
    private int count;

    /** Records that the guest memory access at code offset {@code offset} belongs to instruction {@code index}. */
    void add(int index, int offset) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            indices = Arrays.copyOf(indices, count * 2);
        }
        offsets[count] = offset;
        indices[count] = index;
        count++;
    }

    int[] offsets() {
        return Arrays.copyOf(offsets, count);
    }

    int[] indices() {
        return Arrays.copyOf(indices, count);
    }
}
