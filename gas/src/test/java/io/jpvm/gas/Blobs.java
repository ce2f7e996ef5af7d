package io.jpvm.gas;

import io.jpvm.isa.CodeBlob;
import java.io.ByteArrayOutputStream;

/** Builds code blobs from instruction byte groups (each group is one instruction). */
final class Blobs {
    private Blobs() {}

    static CodeBlob of(int[]... instructions) {
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        for (int[] insn : instructions) {
            starts.add(code.size());
            for (int b : insn) {
                code.write(b);
            }
        }
        byte[] c = code.toByteArray();
        boolean[] mask = new boolean[c.length];
        for (int s : starts) {
            mask[s] = true;
        }
        return new CodeBlob(c, mask, new int[0]);
    }
}
