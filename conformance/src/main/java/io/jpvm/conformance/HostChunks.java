package io.jpvm.conformance;

import io.jpvm.isa.Profile;
import java.util.SplittableRandom;

/**
 * Fuzz chunks that leave the machine or end a block without a target: host calls (ecalli with small,
 * protocol and huge ids; javm ecall), trap, fallthrough, unlikely, undefined opcodes, sbrk and a
 * register move.
 */
final class HostChunks {
    private static final int[] UNDEFINED = {4, 5, 9, 11, 19, 21, 29, 34, 41, 63, 99, 112, 119, 162, 169, 176, 189, 231, 255};

    private HostChunks() {}

    static String hostCall(SplittableRandom r, Profile profile) {
        if (profile == Profile.JAVM && r.nextInt(4) == 0) {
            return "ecall";
        }
        long id = switch (r.nextInt(8)) {
            case 0, 1 -> 0;
            case 2 -> 1;
            case 3 -> r.nextInt(2, 29);
            case 4 -> r.nextInt(29, 300);
            case 5 -> -1; // 0xFFFFFFFF
            case 6 -> Integer.MIN_VALUE;
            default -> r.nextInt();
        };
        return "ecalli " + id;
    }

    static String misc(SplittableRandom r) {
        return switch (r.nextInt(9)) {
            case 0 -> "trap";
            case 1, 2 -> "fallthrough";
            case 3 -> "unlikely";
            case 4 -> "ecall";
            case 5 -> ".insn 0x" + Integer.toHexString(0x100 | UNDEFINED[r.nextInt(UNDEFINED.length)]).substring(1);
            case 6 -> sbrk(r);
            default -> "move_reg r" + FuzzValues.reg(r) + ", r" + FuzzValues.reg(r);
        };
    }

    private static String sbrk(SplittableRandom r) {
        int a = FuzzValues.reg(r);
        int d = FuzzValues.reg(r);
        long size = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextInt(1, 64);
            default -> r.nextInt(1, 9_000);
        };
        return "load_imm r" + a + ", " + size + "\nsbrk r" + d + ", r" + a;
    }
}
