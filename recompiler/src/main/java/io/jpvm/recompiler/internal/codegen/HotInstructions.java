package io.jpvm.recompiler.internal.codegen;

import io.jpvm.isa.Opcode;
import io.jpvm.isa.Program;
import io.jpvm.recompiler.internal.asm.Cond;
import io.jpvm.recompiler.internal.asm.Reg;
import io.jpvm.recompiler.internal.runtime.ContextLayout;

/**
 * The code of the instructions that make up most programs — register and register-immediate ALU,
 * loads and stores through a register — on the compile-time fast path of {@link CodeGenerator}:
 * one dense dispatch, registers as encodings, every form from {@link HotForms} (no branches on which
 * registers or how large an immediate); and shifts by register, which the general path calls. These
 * instructions have no other code generator: their semantics are the interpreter's, checked by the
 * differential tests (every opcode of both profiles with aliased registers and edge immediates).
 */
final class HotInstructions {
    private final Emitter a;
    private final Program program;
    private final TrapTable traps;

    HotInstructions(Emitter a, Program program, TrapTable traps) {
        this.a = a;
        this.program = program;
        this.traps = traps;
    }

    private static final int HOST_RDX = 2;
    private static final int CC_B = 0x2;
    private static final int CC_L = 0xC;

    /**
     * The hot instructions' dense case numbers by opcode (0: not hot), so that the dispatch below is
     * one jump table rather than a search over sparse opcode values.
     */
    private static final byte[] HOT = new byte[256];

    private static final int H_ADD_64 = 1;
    private static final int H_SUB_64 = 2;
    private static final int H_AND = 3;
    private static final int H_OR = 4;
    private static final int H_XOR = 5;
    private static final int H_MUL_64 = 6;
    private static final int H_ADD_32 = 7;
    private static final int H_SUB_32 = 8;
    private static final int H_SET_LT_U = 9;
    private static final int H_SET_LT_S = 10;
    private static final int H_MAX = 11;
    private static final int H_MAX_U = 12;
    private static final int H_MIN = 13;
    private static final int H_MIN_U = 14;
    private static final int H_MOVE_REG = 15;
    private static final int H_ADD_IMM_64 = 16;
    private static final int H_ADD_IMM_32 = 17;
    private static final int H_AND_IMM = 18;
    private static final int H_OR_IMM = 19;
    private static final int H_XOR_IMM = 20;
    private static final int H_MUL_IMM_64 = 21;
    private static final int H_MUL_IMM_32 = 22;
    private static final int H_SET_LT_U_IMM = 23;
    private static final int H_SET_LT_S_IMM = 24;
    private static final int H_SET_GT_U_IMM = 25;
    private static final int H_SET_GT_S_IMM = 26;
    private static final int H_SHLO_L_IMM_64 = 27;
    private static final int H_SHLO_R_IMM_64 = 28;
    private static final int H_SHAR_R_IMM_64 = 29;
    private static final int H_ROT_R_64_IMM = 30;
    private static final int H_SHLO_L_IMM_32 = 31;
    private static final int H_SHLO_R_IMM_32 = 32;
    private static final int H_SHAR_R_IMM_32 = 33;
    private static final int H_ROT_R_32_IMM = 34;
    private static final int H_LOAD_IND = 35;
    private static final int H_STORE_IND = 36;

    static {
        HOT[Opcode.ADD_64] = (byte) H_ADD_64;
        HOT[Opcode.SUB_64] = (byte) H_SUB_64;
        HOT[Opcode.AND] = (byte) H_AND;
        HOT[Opcode.OR] = (byte) H_OR;
        HOT[Opcode.XOR] = (byte) H_XOR;
        HOT[Opcode.MUL_64] = (byte) H_MUL_64;
        HOT[Opcode.ADD_32] = (byte) H_ADD_32;
        HOT[Opcode.SUB_32] = (byte) H_SUB_32;
        HOT[Opcode.SET_LT_U] = (byte) H_SET_LT_U;
        HOT[Opcode.SET_LT_S] = (byte) H_SET_LT_S;
        HOT[Opcode.MAX] = (byte) H_MAX;
        HOT[Opcode.MAX_U] = (byte) H_MAX_U;
        HOT[Opcode.MIN] = (byte) H_MIN;
        HOT[Opcode.MIN_U] = (byte) H_MIN_U;
        HOT[Opcode.MOVE_REG] = (byte) H_MOVE_REG;
        HOT[Opcode.ADD_IMM_64] = (byte) H_ADD_IMM_64;
        HOT[Opcode.ADD_IMM_32] = (byte) H_ADD_IMM_32;
        HOT[Opcode.AND_IMM] = (byte) H_AND_IMM;
        HOT[Opcode.OR_IMM] = (byte) H_OR_IMM;
        HOT[Opcode.XOR_IMM] = (byte) H_XOR_IMM;
        HOT[Opcode.MUL_IMM_64] = (byte) H_MUL_IMM_64;
        HOT[Opcode.MUL_IMM_32] = (byte) H_MUL_IMM_32;
        HOT[Opcode.SET_LT_U_IMM] = (byte) H_SET_LT_U_IMM;
        HOT[Opcode.SET_LT_S_IMM] = (byte) H_SET_LT_S_IMM;
        HOT[Opcode.SET_GT_U_IMM] = (byte) H_SET_GT_U_IMM;
        HOT[Opcode.SET_GT_S_IMM] = (byte) H_SET_GT_S_IMM;
        HOT[Opcode.SHLO_L_IMM_64] = (byte) H_SHLO_L_IMM_64;
        HOT[Opcode.SHLO_R_IMM_64] = (byte) H_SHLO_R_IMM_64;
        HOT[Opcode.SHAR_R_IMM_64] = (byte) H_SHAR_R_IMM_64;
        HOT[Opcode.ROT_R_64_IMM] = (byte) H_ROT_R_64_IMM;
        HOT[Opcode.SHLO_L_IMM_32] = (byte) H_SHLO_L_IMM_32;
        HOT[Opcode.SHLO_R_IMM_32] = (byte) H_SHLO_R_IMM_32;
        HOT[Opcode.SHAR_R_IMM_32] = (byte) H_SHAR_R_IMM_32;
        HOT[Opcode.ROT_R_32_IMM] = (byte) H_ROT_R_32_IMM;
        HOT[Opcode.LOAD_IND_U8] = (byte) H_LOAD_IND;
        HOT[Opcode.LOAD_IND_I8] = (byte) H_LOAD_IND;
        HOT[Opcode.LOAD_IND_U16] = (byte) H_LOAD_IND;
        HOT[Opcode.LOAD_IND_I16] = (byte) H_LOAD_IND;
        HOT[Opcode.LOAD_IND_U32] = (byte) H_LOAD_IND;
        HOT[Opcode.LOAD_IND_I32] = (byte) H_LOAD_IND;
        HOT[Opcode.LOAD_IND_U64] = (byte) H_LOAD_IND;
        HOT[Opcode.STORE_IND_U8] = (byte) H_STORE_IND;
        HOT[Opcode.STORE_IND_U16] = (byte) H_STORE_IND;
        HOT[Opcode.STORE_IND_U32] = (byte) H_STORE_IND;
        HOT[Opcode.STORE_IND_U64] = (byte) H_STORE_IND;

    }

    /**
     * The instructions that make up most real and random code (register ALU, register-immediate
     * ALU, loads and stores through a register), emitted through {@link HotForms}: registers as
     * encodings, no branches on which registers or how large an immediate (the compile-time path).
     * Returns false for every other instruction, which {@link CodeGenerator} then emits. Only ops
     * that are rdx-free in the cold path (its self-loops keep the gas in rdx) stay rdx-free here.
     */
    boolean emit(int i, int w) {
        int op = w & 0xFF;
        int ra = RegisterMap.encoding(w >>> 8);
        int rb = RegisterMap.encoding(w >>> 12);
        int rd = RegisterMap.encoding(w >>> 16);
        int x = (int) program.imm1(i);
        switch (HOT[op]) {
            case H_ADD_64 -> a.leaIndex(true, rd, ra, rb);
            case H_SUB_64 -> subQ(rd, ra, rb);
            case H_AND -> commutativeQ(Emitter.AND, rd, ra, rb);
            case H_OR -> commutativeQ(Emitter.OR, rd, ra, rb);
            case H_XOR -> commutativeQ(Emitter.XOR, rd, ra, rb);
            case H_MUL_64 -> commutativeQ(-1, rd, ra, rb);
            case H_ADD_32 -> {
                a.leaIndex(false, rd, ra, rb);
                a.movslQ(rd, rd);
            }
            case H_SUB_32 -> {
                a.movL(HOST_RDX, ra);
                a.aluL(Emitter.SUB, HOST_RDX, rb);
                a.movslQ(rd, HOST_RDX);
            }
            case H_SET_LT_U -> setQ(rd, ra, rb, CC_B);
            case H_SET_LT_S -> setQ(rd, ra, rb, CC_L);
            case H_MAX -> selectQ(rd, ra, rb, Cond.L.code());
            case H_MAX_U -> selectQ(rd, ra, rb, Cond.B.code());
            case H_MIN -> selectQ(rd, ra, rb, Cond.G.code());
            case H_MIN_U -> selectQ(rd, ra, rb, Cond.A.code());
            case H_MOVE_REG -> a.movQIf(HotForms.nz(rd ^ ra), rd, ra);
            case H_ADD_IMM_64 -> a.leaDisp(true, ra, rb, x);
            case H_ADD_IMM_32 -> {
                a.leaDisp(false, ra, rb, x);
                a.movslQ(ra, ra);
            }
            case H_AND_IMM -> aluImmQ(Emitter.AND, ra, rb, x);
            case H_OR_IMM -> aluImmQ(Emitter.OR, ra, rb, x);
            case H_XOR_IMM -> aluImmQ(Emitter.XOR, ra, rb, x);
            case H_MUL_IMM_64 -> a.imulIQ(ra, rb, x);
            case H_MUL_IMM_32 -> {
                a.imulIL(ra, rb, x);
                a.movslQ(ra, ra);
            }
            case H_SET_LT_U_IMM -> setImmQ(ra, rb, x, CC_B);
            case H_SET_LT_S_IMM -> setImmQ(ra, rb, x, CC_L);
            case H_SET_GT_U_IMM -> setImmQ(ra, rb, x, Cond.A.code());
            case H_SET_GT_S_IMM -> setImmQ(ra, rb, x, Cond.G.code());
            case H_SHLO_L_IMM_64 -> shiftImmQ(Emitter.SHL, ra, rb, x);
            case H_SHLO_R_IMM_64 -> shiftImmQ(Emitter.SHR, ra, rb, x);
            case H_SHAR_R_IMM_64 -> shiftImmQ(Emitter.SAR, ra, rb, x);
            case H_ROT_R_64_IMM -> shiftImmQ(Emitter.ROR, ra, rb, x);
            case H_SHLO_L_IMM_32 -> shiftImmL(Emitter.SHL, ra, rb, x);
            case H_SHLO_R_IMM_32 -> shiftImmL(Emitter.SHR, ra, rb, x);
            case H_SHAR_R_IMM_32 -> shiftImmL(Emitter.SAR, ra, rb, x);
            case H_ROT_R_32_IMM -> shiftImmL(Emitter.ROR, ra, rb, x);
            case H_LOAD_IND -> {
                a.leaDisp(false, HOST_RDX, rb, x);
                traps.add(i, a.guestAccess(op - Opcode.LOAD_IND_U8, ra));
            }
            case H_STORE_IND -> {
                a.leaDisp(false, HOST_RDX, rb, x);
                traps.add(i, a.guestAccess(7 + op - Opcode.STORE_IND_U8, ra));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The x86 shift group digit of each shift-by-register opcode. */
    private static final byte[] SHIFT_OP = new byte[256];

    /** Whether a shift-by-register opcode is 64-bit. */
    private static final boolean[] SHIFT_WIDE = new boolean[256];
    /** Whether a shift-by-register opcode shifts its immediate (the {@code _ALT} forms: a := shift(X, b)). */
    private static final boolean[] SHIFT_IMMEDIATE = new boolean[256];
    /** Whether an opcode is a shift or rotate by register ({@link #shiftByRegister}). */
    private static final boolean[] SHIFT_BY_REGISTER = new boolean[256];

    static {
        for (int op : new int[] {Opcode.SHLO_L_64, Opcode.SHLO_R_64, Opcode.SHAR_R_64, Opcode.ROT_L_64,
            Opcode.ROT_R_64}) {
            SHIFT_WIDE[op] = true;
            SHIFT_BY_REGISTER[op] = true;
        }
        for (int op : new int[] {Opcode.SHLO_L_32, Opcode.SHLO_R_32, Opcode.SHAR_R_32, Opcode.ROT_L_32,
            Opcode.ROT_R_32}) {
            SHIFT_BY_REGISTER[op] = true;
        }
        for (int op : new int[] {Opcode.SHLO_L_IMM_ALT_64, Opcode.SHLO_R_IMM_ALT_64, Opcode.SHAR_R_IMM_ALT_64,
            Opcode.ROT_R_64_IMM_ALT}) {
            SHIFT_WIDE[op] = true;
            SHIFT_IMMEDIATE[op] = true;
            SHIFT_BY_REGISTER[op] = true;
        }
        for (int op : new int[] {Opcode.SHLO_L_IMM_ALT_32, Opcode.SHLO_R_IMM_ALT_32, Opcode.SHAR_R_IMM_ALT_32,
            Opcode.ROT_R_32_IMM_ALT}) {
            SHIFT_IMMEDIATE[op] = true;
            SHIFT_BY_REGISTER[op] = true;
        }
    }

    /** Whether {@link #shiftByRegister} emits opcode {@code op}. */
    static boolean isShiftByRegister(int op) {
        return SHIFT_BY_REGISTER[op];
    }

    static {
        SHIFT_OP[Opcode.SHLO_L_64] = Emitter.SHL;
        SHIFT_OP[Opcode.SHLO_R_64] = Emitter.SHR;
        SHIFT_OP[Opcode.SHAR_R_64] = Emitter.SAR;
        SHIFT_OP[Opcode.ROT_L_64] = Emitter.ROL;
        SHIFT_OP[Opcode.ROT_R_64] = Emitter.ROR;
        SHIFT_OP[Opcode.SHLO_L_32] = Emitter.SHL;
        SHIFT_OP[Opcode.SHLO_R_32] = Emitter.SHR;
        SHIFT_OP[Opcode.SHAR_R_32] = Emitter.SAR;
        SHIFT_OP[Opcode.ROT_L_32] = Emitter.ROL;
        SHIFT_OP[Opcode.ROT_R_32] = Emitter.ROR;
        SHIFT_OP[Opcode.SHLO_L_IMM_ALT_64] = Emitter.SHL;
        SHIFT_OP[Opcode.SHLO_R_IMM_ALT_64] = Emitter.SHR;
        SHIFT_OP[Opcode.SHAR_R_IMM_ALT_64] = Emitter.SAR;
        SHIFT_OP[Opcode.ROT_R_64_IMM_ALT] = Emitter.ROR;
        SHIFT_OP[Opcode.SHLO_L_IMM_ALT_32] = Emitter.SHL;
        SHIFT_OP[Opcode.SHLO_R_IMM_ALT_32] = Emitter.SHR;
        SHIFT_OP[Opcode.SHAR_R_IMM_ALT_32] = Emitter.SAR;
        SHIFT_OP[Opcode.ROT_R_32_IMM_ALT] = Emitter.ROR;
    }

    private static final int HOST_RCX = 1;
    /** The context's second scratch slot, relative to r15 (the guest base). */
    private static final int SCRATCH1 = ContextLayout.fromGuestBase(ContextLayout.SCRATCH1);

    /**
     * Shift or rotate by register of instruction {@code i} (packed word {@code w}): three registers,
     * {@code d := shift(a, b mod width)}, or the {@code _ALT} forms, {@code a := shift(X, b mod width)};
     * 32-bit results sign-extended. rdx := the value, the count through cl, φ12's rcx parked in the
     * context unless the count is φ12 itself, put back unless it is the destination, with the parking
     * selected rather than branched on. Called from the general path (a case in {@link #emit} would
     * grow its compiled code and slow every other instruction down).
     */
    void shiftByRegister(int i, int w) {
        int op = w & 0xFF;
        boolean wide = SHIFT_WIDE[op];
        int count = RegisterMap.encoding(w >>> 12);
        if (SHIFT_IMMEDIATE[op]) {
            long x = program.imm1(i);
            a.movImm64(Reg.RDX, wide ? x : x & 0xFFFFFFFFL);
            shiftByCl(wide, SHIFT_OP[op], RegisterMap.encoding(w >>> 8), count);
        } else {
            int v = RegisterMap.encoding(w >>> 8);
            if (wide) {
                a.movQ(HOST_RDX, v);
            } else {
                a.movL(HOST_RDX, v);
            }
            shiftByCl(wide, SHIFT_OP[op], RegisterMap.encoding(w >>> 16), count);
        }
    }

    /** d := shift(rdx, c) through cl (see {@link #shiftByRegister}). */
    private void shiftByCl(boolean wide, int op, int d, int c) {
        int borrow = HotForms.nz(c ^ HOST_RCX);
        a.storeR15If(borrow, SCRATCH1, HOST_RCX);
        a.movLIf(borrow, HOST_RCX, c);
        a.shiftCl(wide, op, HOST_RDX);
        a.loadR15If(borrow & HotForms.nz(d ^ HOST_RCX), HOST_RCX, SCRATCH1);
        if (wide) {
            a.movQ(d, HOST_RDX);
        } else {
            a.movslQ(d, HOST_RDX);
        }
    }

    /** d := x − y: {@code sub}, {@code neg; add} or {@code mov; sub} by which registers coincide, selected. */
    private void subQ(int d, int x, int y) {
        long sub = HotForms.bytesQ(0x29, y, d);
        long negAdd = HotForms.bytesQ(0xF7, 3, d) | HotForms.bytesQ(0x01, x, d) << 24;
        long movSub = HotForms.bytesQ(0x89, x, d) | sub << 24;
        int same = HotForms.eq(d, x);
        a.emitBytes(HotForms.select(same, sub, HotForms.select(HotForms.eq(d, y), negAdd, movSub)), 6 - 3 * same);
    }

    /** d := x op y for a commutative op (an ALU group, or −1 for imul): at most one mov, selected. */
    private void commutativeQ(int alu, int d, int x, int y) {
        int other = y ^ ((x ^ y) & -HotForms.eq(d, y));
        a.movQIf(HotForms.nz(d ^ x) & HotForms.nz(d ^ y), d, x);
        if (alu < 0) {
            a.rrQ0F(0xAF, d, other);
        } else {
            a.aluQ(alu, d, other);
        }
    }

    /** d := (x cc y) ? 1 : 0, 64-bit compare. */
    private void setQ(int d, int x, int y, int cc) {
        a.aluQ(Emitter.CMP, x, y);
        a.setccDl(cc);
        a.movzxDl(d);
    }

    /** d := (x cc imm) ? 1 : 0, 64-bit compare with the sign-extended immediate. */
    private void setImmQ(int d, int x, int imm, int cc) {
        a.aluIQ(Emitter.CMP, x, imm);
        a.setccDl(cc);
        a.movzxDl(d);
    }

    /** d := cc(x, y) ? y : x. */
    private void selectQ(int d, int x, int y, int cc) {
        a.aluQ(Emitter.CMP, x, y);
        a.movQ(HOST_RDX, x);
        a.rrQ0F(0x40 | cc, HOST_RDX, y);
        a.movQ(d, HOST_RDX);
    }

    /** d := s op imm (sign-extended). */
    private void aluImmQ(int alu, int d, int s, int imm) {
        a.movQIf(HotForms.nz(d ^ s), d, s);
        a.aluIQ(alu, d, imm);
    }

    /** d := shift(s, imm mod 64); a left shift by 1..3 into another register is one lea. */
    private void shiftImmQ(int op, int d, int s, int imm) {
        int n = imm & 63;
        if (op == Emitter.SHL & d != s & n - 1 < 3 & n != 0) {
            a.leaScaled(true, d, s, 1 << n);
            return;
        }
        a.movQIf(HotForms.nz(d ^ s), d, s);
        a.shiftIQIf(HotForms.nz(n), op, d, n);
    }

    /** d := s32(shift(s32, imm mod 32)); a left shift by 1..3 into another register is one lea. */
    private void shiftImmL(int op, int d, int s, int imm) {
        int n = imm & 31;
        if (op == Emitter.SHL & d != s & n - 1 < 3 & n != 0) {
            a.leaScaled(false, d, s, 1 << n);
        } else {
            a.movLIf(HotForms.nz(d ^ s), d, s);
            a.shiftILIf(HotForms.nz(n), op, d, n);
        }
        a.movslQ(d, d);
    }
}
