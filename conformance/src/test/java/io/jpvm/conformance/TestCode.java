package io.jpvm.conformance;

import io.jpvm.isa.CodeBlob;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand encoder for test programs, written straight from the operand layouts of
 * gp-conformance.md §4 (= javm-reference.md §1.2). Every emitter marks the first byte of the
 * instruction in the bitmask and emits exactly the bytes the instruction consists of, so ℓ (skip) is
 * the instruction length − 1 and the last immediate gets exactly the bytes written for it.
 *
 * <p>Immediates are encoded with the shortest length n ∈ 0..4 whose sign extension gives the value,
 * so values must lie in the signed 32-bit range (an int literal such as {@code 0xFFFFFFFC} is −4,
 * which as an address is 0xFFFFFFFC mod 2^32). Static targets are 4-byte offsets relative to the
 * instruction's own pc, given as an absolute pc or as a {@link Label} bound later.
 */
final class TestCode {
    /** A position in the code, bound once. */
    static final class Label {
        private int pc = -1;

        int pc() {
            if (pc < 0) {
                throw new IllegalStateException("label not bound");
            }
            return pc;
        }
    }

    private record Fixup(int at, int insnPc, Label label) {}

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Boolean> mask = new ArrayList<>();
    private final List<Fixup> fixups = new ArrayList<>();
    private int[] jumpTable = new int[0];

    /** The pc the next instruction will get. */
    int pc() {
        return out.size();
    }

    Label label() {
        return new Label();
    }

    /** Binds {@code l} to the current pc. */
    TestCode bind(Label l) {
        l.pc = pc();
        return this;
    }

    TestCode jumpTable(int... entries) {
        jumpTable = entries.clone();
        return this;
    }

    // ---------------------------------------------------------------- raw bytes

    /** An instruction made of raw bytes: the first byte is marked as an instruction start. */
    TestCode insn(int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            put(bytes[i], i == 0);
        }
        return this;
    }

    /** Bytes that start no instruction (bitmask 0). */
    TestCode raw(int... bytes) {
        for (int b : bytes) {
            put(b, false);
        }
        return this;
    }

    private void put(int b, boolean start) {
        out.write(b & 0xFF);
        mask.add(start);
    }

    private void imm(long v) {
        int n = immLength(v);
        for (int i = 0; i < n; i++) {
            put((int) (v >>> (8 * i)), false);
        }
    }

    private void offset(int insnPc, int target) {
        int off = target - insnPc;
        for (int i = 0; i < 4; i++) {
            put(off >>> (8 * i), false);
        }
    }

    private void offset(int insnPc, Label target) {
        fixups.add(new Fixup(pc(), insnPc, target));
        for (int i = 0; i < 4; i++) {
            put(0, false);
        }
    }

    /** The shortest n in 0..4 such that the n low bytes of v sign-extend back to v. */
    static int immLength(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("immediate out of the signed 32-bit range: " + v);
        }
        for (int n = 0; n < 4; n++) {
            long sx = n == 0 ? 0 : (v << (64 - 8 * n)) >> (64 - 8 * n);
            if (sx == v) {
                return n;
            }
        }
        return 4;
    }

    private static int reg(int r) {
        if (r < 0 || r > 15) {
            throw new IllegalArgumentException("register nibble " + r);
        }
        return r;
    }

    // ---------------------------------------------------------------- operand classes

    /** A.5.1: no operands (trap 0, fallthrough 1, unlikely 2, ecall 3, or any raw opcode byte). */
    TestCode op(int opcode) {
        return insn(opcode);
    }

    TestCode trap() {
        return op(0);
    }

    TestCode fallthrough() {
        return op(1);
    }

    /** A.5.2: ecalli with its immediate. */
    TestCode ecalli(long id) {
        put(10, true);
        imm(id);
        return this;
    }

    /** A.5.3: load_imm_64 rA, 8 raw bytes. */
    TestCode loadImm64(int rA, long value) {
        put(20, true);
        put(reg(rA), false);
        for (int i = 0; i < 8; i++) {
            put((int) (value >>> (8 * i)), false);
        }
        return this;
    }

    /** A.5.4: op X, Y (store_imm_*): byte 1 = length of X. */
    TestCode twoImm(int opcode, long x, long y) {
        put(opcode, true);
        put(immLength(x), false);
        imm(x);
        imm(y);
        return this;
    }

    /** A.5.5: jump to an absolute pc. */
    TestCode jump(int target) {
        int at = pc();
        put(40, true);
        offset(at, target);
        return this;
    }

    TestCode jump(Label target) {
        int at = pc();
        put(40, true);
        offset(at, target);
        return this;
    }

    /** A.5.6: op rA, X (jump_ind, load_imm, absolute loads and stores). */
    TestCode regImm(int opcode, int rA, long x) {
        put(opcode, true);
        put(reg(rA), false);
        imm(x);
        return this;
    }

    TestCode loadImm(int rA, long x) {
        return regImm(51, rA, x);
    }

    TestCode jumpInd(int rA, long x) {
        return regImm(50, rA, x);
    }

    /** A.5.7: op rA, X, Y (store_imm_ind_*): high nibble of byte 1 = length of X. */
    TestCode regTwoImm(int opcode, int rA, long x, long y) {
        put(opcode, true);
        put(reg(rA) | immLength(x) << 4, false);
        imm(x);
        imm(y);
        return this;
    }

    /** A.5.8: op rA, X, target (load_imm_jump, branch_*_imm). */
    TestCode regImmJump(int opcode, int rA, long x, int target) {
        int at = pc();
        put(opcode, true);
        put(reg(rA) | immLength(x) << 4, false);
        imm(x);
        offset(at, target);
        return this;
    }

    TestCode regImmJump(int opcode, int rA, long x, Label target) {
        int at = pc();
        put(opcode, true);
        put(reg(rA) | immLength(x) << 4, false);
        imm(x);
        offset(at, target);
        return this;
    }

    /** A.5.9: op rD, rA (move_reg, sbrk, bit counts): low nibble rD, high nibble rA. */
    TestCode twoReg(int opcode, int rD, int rA) {
        put(opcode, true);
        put(reg(rD) | reg(rA) << 4, false);
        return this;
    }

    /** A.5.10: op rA, rB, X: low nibble rA, high nibble rB. */
    TestCode twoRegImm(int opcode, int rA, int rB, long x) {
        put(opcode, true);
        put(reg(rA) | reg(rB) << 4, false);
        imm(x);
        return this;
    }

    /** A.5.11: op rA, rB, target (branch_*). */
    TestCode twoRegJump(int opcode, int rA, int rB, int target) {
        int at = pc();
        put(opcode, true);
        put(reg(rA) | reg(rB) << 4, false);
        offset(at, target);
        return this;
    }

    TestCode twoRegJump(int opcode, int rA, int rB, Label target) {
        int at = pc();
        put(opcode, true);
        put(reg(rA) | reg(rB) << 4, false);
        offset(at, target);
        return this;
    }

    /** A.5.12: load_imm_jump_ind rA, rB, X, Y: byte 2 = length of X. */
    TestCode loadImmJumpInd(int rA, int rB, long x, long y) {
        put(180, true);
        put(reg(rA) | reg(rB) << 4, false);
        put(immLength(x), false);
        imm(x);
        imm(y);
        return this;
    }

    /** A.5.13: op rA, rB, rD: rD = rA op rB. */
    TestCode threeReg(int opcode, int rA, int rB, int rD) {
        put(opcode, true);
        put(reg(rA) | reg(rB) << 4, false);
        put(reg(rD), false);
        return this;
    }

    // ---------------------------------------------------------------- result

    CodeBlob blob() {
        byte[] code = out.toByteArray();
        for (Fixup f : fixups) {
            int off = f.label().pc() - f.insnPc();
            for (int i = 0; i < 4; i++) {
                code[f.at() + i] = (byte) (off >>> (8 * i));
            }
        }
        boolean[] bits = new boolean[code.length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = mask.get(i);
        }
        return new CodeBlob(code, bits, jumpTable);
    }
}
