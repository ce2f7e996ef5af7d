package io.jpvm.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a seed into a kernel fuzz case: VM 0 interleaves ordinary code (ALU, loads and stores on its
 * DATA pages) with kernel operations (RETYPE, MAP, CREATE, GRANT, CALL, REVOKE, DROP, protocol calls);
 * the children compute on registers and their granted view, make protocol calls, create and call
 * grandchildren, fault, and REPLY. The gas is chosen so that runs end anywhere from the first block to
 * the final REPLY.
 */
public final class KernelGenerator {
    private KernelGenerator() {}

    public static KernelCase generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x6B65_726E_656C_2121L);
        r = r.split();
        List<String> root = new ArrayList<>();
        if (r.nextInt(10) < 8) {
            root.add(KernelChunks.create(r, KernelChunks.HANDLE_SLOTS[0]));
            if (r.nextInt(10) < 7) {
                root.add(KernelChunks.grant(r, KernelChunks.HANDLE_SLOTS[0]));
            }
        }
        int n = r.nextInt(3, 16);
        for (int k = 0; k < n; k++) {
            root.add(switch (r.nextInt(10)) {
                case 0, 1 -> AluChunks.alu(r);
                case 2 -> r.nextInt(3) == 0 ? MemoryChunks.access(r, KernelChunks.ROOT_PAGES)
                        : "load_u32 a0, 0x" + Long.toHexString(KernelCase.DATA_PAGE << 12 | r.nextInt(1024) * 4L);
                default -> KernelChunks.root(r);
            });
        }
        List<String> child = new ArrayList<>();
        int m = r.nextInt(1, 10);
        for (int k = 0; k < m; k++) {
            child.add(switch (r.nextInt(10)) {
                case 0, 1, 2 -> AluChunks.alu(r);
                case 3, 4 -> r.nextInt(3) == 0 ? MemoryChunks.access(r, KernelChunks.CHILD_PAGES) : KernelChunks.view(r);
                case 5 -> ControlChunks.branch(r, m);
                default -> KernelChunks.child(r);
            });
        }
        byte[] data = new byte[r.nextInt(0, 65)];
        r.nextBytes(data);
        long gas = 1500 + switch (r.nextInt(8)) {
            case 0, 1 -> r.nextInt(0, 200);
            case 2, 3 -> r.nextInt(0, 2_000);
            case 4, 5, 6 -> r.nextInt(0, 50_000);
            default -> 2_000_000;
        };
        long[] answers = new long[r.nextInt(0, 8)];
        for (int k = 0; k < answers.length; k++) {
            answers[k] = FuzzValues.value(r);
        }
        return new KernelCase(seed, root, child, data, gas, answers);
    }
}
