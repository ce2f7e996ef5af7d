package io.jpvm.conformance;

import io.jpvm.kernel.KernelCodes;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chunks of kernel calls for {@link KernelGenerator}: RETYPE + MAP, CREATE, GRANT + MAP in the child,
 * CALL (with and without an IPC cap), REVOKE, DROP, protocol calls. Registers: φ7..φ12 = a0..a5.
 */
final class KernelChunks {
    static final int[] HANDLE_SLOTS = {100, 101, 102};
    static final int[] RETYPED_SLOTS = {70, 71};
    private static final int VIEW_SLOT = 5;

    private KernelChunks() {}

    static String ecall(int op, long subject, long object) {
        return "load_imm a4, " + op + "\nload_imm_64 a5, " + (subject << 32 | object) + "\necall";
    }

    static String map(long subject, long base, long first, long count, int access) {
        return "load_imm a0, " + base + "\nload_imm a1, " + first + "\nload_imm a2, " + count + "\nload_imm a3, " + access
                + "\n" + ecall(KernelCodes.OP_MAP, subject, 0);
    }

    /** A cap ref one HANDLE hop away: slot {@code slot} of the VM whose HANDLE is in {@code handle}. */
    static long ref(int handle, int slot) {
        return (long) handle << 24 | slot;
    }

    /** A DATA cap slot of VM 0: the manifest's or a retyped one. */
    private static int dataSlot(SplittableRandom r) {
        return r.nextBoolean() ? KernelCase.DATA_SLOT : RETYPED_SLOTS[r.nextInt(RETYPED_SLOTS.length)];
    }

    /** Mostly the first child, which the prologue usually creates. */
    private static int handle(SplittableRandom r) {
        return r.nextInt(10) < 6 ? HANDLE_SLOTS[0] : HANDLE_SLOTS[r.nextInt(HANDLE_SLOTS.length)];
    }

    /** CREATE from the children's CODE cap, HANDLE into {@code h}; the child may get that CODE cap and protocol caps. */
    static String create(SplittableRandom r, int h) {
        long mask = r.nextBoolean() ? 1L << KernelCase.CHILD_CODE : 0;
        if (r.nextInt(10) < 7) {
            mask |= 1L << 1 | 1L << 5; // the protocol caps GAS and 5, so the child can call the embedder
        }
        return "load_imm_64 a0, " + mask + "\nload_imm_64 a5, " + h + "\necalli " + KernelCase.CHILD_CODE;
    }

    /** GRANT a view of a DATA cap into the table of the child in {@code h}, then MAP it there. */
    static String grant(SplittableRandom r, int h) {
        int access = r.nextInt(3) == 0 ? 0 : 1;
        return "load_imm a0, " + access + "\n" + ecall(KernelCodes.OP_GRANT, dataSlot(r), ref(h, VIEW_SLOT)) + "\n"
                + map(ref(h, VIEW_SLOT), KernelCase.CHILD_VIEW_PAGE, 0, 1, r.nextInt(4) == 0 ? 1 - access : access);
    }

    /** A child's load or store inside its granted view. */
    static String view(SplittableRandom r) {
        long address = (long) KernelCase.CHILD_VIEW_PAGE << 12 | r.nextInt(0, 1024) * 4L;
        int reg = FuzzValues.reg(r);
        return (r.nextBoolean() ? "load_u32 r" : "store_u32 r") + reg + ", 0x" + Long.toHexString(address);
    }

    /** One kernel operation of VM 0. */
    static String root(SplittableRandom r) {
        return switch (r.nextInt(12)) {
            case 0, 1 -> {
                int dst = RETYPED_SLOTS[r.nextInt(RETYPED_SLOTS.length)];
                yield "load_imm a0, " + r.nextInt(1, 3) + "\n" + ecall(KernelCodes.OP_CALL, KernelCodes.UNTYPED_SLOT, dst)
                        + "\n" + map(dst, 48 + 2L * (dst - RETYPED_SLOTS[0]), 0, 1, r.nextInt(4) == 0 ? 0 : 1);
            }
            case 2, 3 -> create(r, handle(r));
            case 4, 5 -> grant(r, handle(r));
            case 6, 7, 8 -> {
                int pass = r.nextInt(3) == 0 ? dataSlot(r) : 0;
                yield "load_imm_64 a0, " + FuzzValues.value(r) + "\nload_imm a5, " + pass + "\necalli " + handle(r);
            }
            case 9 -> ecall(KernelCodes.OP_REVOKE, dataSlot(r), 0);
            case 10 -> r.nextInt(3) == 0 ? ecall(KernelCodes.OP_DROP, handle(r), 0) : "ecalli 1";
            default -> "ecalli " + (r.nextBoolean() ? 1 : 5);
        };
    }

    /** One kernel operation of a child: protocol calls, a grandchild from its copied CODE cap, a fault. */
    static String child(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0, 1 -> "ecalli 1";
            case 2 -> "ecalli 5";
            case 3 -> "load_imm_64 a0, " + (1L << KernelCase.CHILD_CODE | 1L << 1) + "\nload_imm_64 a5, 110\necalli "
                    + KernelCase.CHILD_CODE + "\nload_imm_64 a0, " + FuzzValues.value(r) + "\nload_imm a5, 0\necalli 110";
            case 4 -> "trap";
            case 5 -> "ecalli " + r.nextInt(128, 300);
            default -> view(r);
        };
    }

    /** Pages a chunk of ordinary code of VM 0 (ALU and memory) may touch. */
    static final List<FuzzPage> ROOT_PAGES = List.of(new FuzzPage(KernelCase.DATA_PAGE, true, null),
            new FuzzPage(48, true, null));
    /** Pages a child's ordinary code may touch (its granted view). */
    static final List<FuzzPage> CHILD_PAGES = List.of(new FuzzPage(KernelCase.CHILD_VIEW_PAGE, true, null));
}
