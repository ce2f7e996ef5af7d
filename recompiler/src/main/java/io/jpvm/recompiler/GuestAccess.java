package io.jpvm.recompiler;

import io.jpvm.isa.Instruction;
import io.jpvm.isa.Opcode;
import java.util.function.IntToLongFunction;

/**
 * The guest memory access an instruction makes, recomputed on the Java side after a guest fault (the
 * trap table names the instruction; its registers are unchanged): the 64-bit address before the
 * 32-bit wrap, the width in bytes, and whether it writes.
 */
record GuestAccess(long address, int width, boolean write) {

    /** The access of {@code in}, a load or store; {@code reg} reads the guest registers. */
    static GuestAccess of(Instruction in, IntToLongFunction reg) {
        int op = in.opcode();
        long x = in.imm1();
        if (op >= Opcode.STORE_IMM_U8 && op <= Opcode.STORE_IMM_U64) {
            return new GuestAccess(x, 1 << (op - Opcode.STORE_IMM_U8), true);
        } else if (op >= Opcode.LOAD_U8 && op <= Opcode.LOAD_U64) {
            return new GuestAccess(x, 1 << ((op - Opcode.LOAD_U8) >> 1), false);
        } else if (op >= Opcode.STORE_U8 && op <= Opcode.STORE_U64) {
            return new GuestAccess(x, 1 << (op - Opcode.STORE_U8), true);
        } else if (op >= Opcode.STORE_IMM_IND_U8 && op <= Opcode.STORE_IMM_IND_U64) {
            return new GuestAccess(reg.applyAsLong(in.a()) + x, 1 << (op - Opcode.STORE_IMM_IND_U8), true);
        } else if (op >= Opcode.STORE_IND_U8 && op <= Opcode.STORE_IND_U64) {
            return new GuestAccess(reg.applyAsLong(in.b()) + x, 1 << (op - Opcode.STORE_IND_U8), true);
        } else if (op >= Opcode.LOAD_IND_U8 && op <= Opcode.LOAD_IND_U64) {
            return new GuestAccess(reg.applyAsLong(in.b()) + x, 1 << ((op - Opcode.LOAD_IND_U8) >> 1), false);
        }
        throw new IllegalStateException("trap table names a non-memory instruction at pc " + in.pc());
    }
}
