package io.jpvm.conformance;

import io.jpvm.isa.Opcode;
import io.jpvm.isa.OperandClass;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fuzz chunks of loads and stores, absolute and register-relative, of every width, at addresses
 * from {@link FuzzLayout#address}: inside pages, straddling page edges, at the 2^32 edge, anywhere.
 */
final class MemoryChunks {
    static final int[] OPCODES = {
        Opcode.STORE_IMM_U8, Opcode.STORE_IMM_U16, Opcode.STORE_IMM_U32, Opcode.STORE_IMM_U64,
        Opcode.LOAD_U8, Opcode.LOAD_I8, Opcode.LOAD_U16, Opcode.LOAD_I16, Opcode.LOAD_U32, Opcode.LOAD_I32,
        Opcode.LOAD_U64, Opcode.STORE_U8, Opcode.STORE_U16, Opcode.STORE_U32, Opcode.STORE_U64,
        Opcode.STORE_IMM_IND_U8, Opcode.STORE_IMM_IND_U16, Opcode.STORE_IMM_IND_U32, Opcode.STORE_IMM_IND_U64,
        Opcode.STORE_IND_U8, Opcode.STORE_IND_U16, Opcode.STORE_IND_U32, Opcode.STORE_IND_U64,
        Opcode.LOAD_IND_U8, Opcode.LOAD_IND_I8, Opcode.LOAD_IND_U16, Opcode.LOAD_IND_I16, Opcode.LOAD_IND_U32,
        Opcode.LOAD_IND_I32, Opcode.LOAD_IND_U64,
    };

    private MemoryChunks() {}

    /** Bytes an access of {@code op} touches. */
    static int width(int op) {
        if (op >= Opcode.STORE_IMM_U8 && op <= Opcode.STORE_IMM_U64) {
            return 1 << (op - Opcode.STORE_IMM_U8);
        } else if (op >= Opcode.LOAD_U8 && op <= Opcode.LOAD_U64) {
            return 1 << ((op - Opcode.LOAD_U8) >> 1);
        } else if (op >= Opcode.STORE_U8 && op <= Opcode.STORE_U64) {
            return 1 << (op - Opcode.STORE_U8);
        } else if (op >= Opcode.STORE_IMM_IND_U8 && op <= Opcode.STORE_IMM_IND_U64) {
            return 1 << (op - Opcode.STORE_IMM_IND_U8);
        } else if (op >= Opcode.STORE_IND_U8 && op <= Opcode.STORE_IND_U64) {
            return 1 << (op - Opcode.STORE_IND_U8);
        }
        return 1 << ((op - Opcode.LOAD_IND_U8) >> 1);
    }

    /** One memory access, its base register usually loaded first so the address is the chosen one. */
    static String access(SplittableRandom r, List<FuzzPage> pages) {
        int op = OPCODES[r.nextInt(OPCODES.length)];
        String name = Opcode.name(op);
        long address = FuzzLayout.address(r, pages, width(op));
        int a = FuzzValues.reg(r);
        StringBuilder s = new StringBuilder();
        switch (OperandClass.of(op)) {
            case IMM_IMM -> s.append(name).append(' ').append((int) address).append(", ").append(FuzzValues.imm(r));
            case REG_IMM -> s.append(name).append(" r").append(a).append(", ").append((int) address);
            case REG_IMM_IMM -> {
                long off = offset(r);
                base(s, r, a, address, off);
                s.append(name).append(" r").append(a).append(", ").append(off).append(", ").append(FuzzValues.imm(r));
            }
            default -> {
                int b = FuzzValues.reg(r);
                long off = offset(r);
                base(s, r, b, address, off);
                s.append(name).append(" r").append(a).append(", r").append(b).append(", ").append(off);
            }
        }
        return s.toString();
    }

    private static long offset(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0, 1 -> 0;
            case 2 -> r.nextInt(-16, 17);
            default -> FuzzValues.imm(r);
        };
    }

    /** Loads {@code reg} so that reg + off addresses {@code address} (mod 2^32, high bits sometimes set). */
    private static void base(StringBuilder s, SplittableRandom r, int reg, long address, long off) {
        if (r.nextInt(10) == 0) {
            return; // whatever the register holds
        }
        long base = address - off;
        if (r.nextInt(5) == 0) {
            base += r.nextLong() << 32;
        }
        s.append("load_imm_64 r").append(reg).append(", ").append(FuzzValues.imm64(base)).append('\n');
    }
}
