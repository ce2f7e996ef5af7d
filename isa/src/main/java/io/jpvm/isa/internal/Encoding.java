package io.jpvm.isa.internal;

import io.jpvm.isa.Instruction;

/**
 * Canonical instruction encoding: the opcode byte, register nibbles with unused bits 0, and every
 * immediate in the fewest bytes that sign-extend back to its value (0 bytes for 0). Branch offsets may
 * be given a wider width than the minimum (the assembler's layout never shrinks an offset).
 */
public final class Encoding {
    private Encoding() {}

    /** The fewest bytes (0..4) whose sign extension gives {@code v}, or -1 when 4 are not enough. */
    public static int width(long v) {
        for (int n = 0; n <= 4; n++) {
            if (fits(v, n)) {
                return n;
            }
        }
        return -1;
    }

    /** True when {@code v} is the sign extension of its low {@code n} bytes (n ≤ 8). */
    public static boolean fits(long v, int n) {
        if (n == 0) {
            return v == 0;
        }
        if (n >= 8) {
            return true;
        }
        int shift = 64 - 8 * n;
        return (v << shift) >> shift == v;
    }

    /** The canonical encoding of a decoded instruction (the opcode must be defined). */
    public static byte[] canonical(Instruction in) {
        InsnFields f = InsnFields.of(in);
        return encode(f, width(f.offset()));
    }

    /**
     * Encodes {@code f} with its branch offset (if any) in {@code offsetWidth} bytes; immediates take
     * their minimal widths. The values must fit (checked by the caller).
     */
    public static byte[] encode(InsnFields f, int offsetWidth) {
        ByteWriter w = new ByteWriter().u8(f.opcode());
        switch (f.operandClass()) {
            case NONE -> { }
            case IMM -> imm(w, f.x());
            case REG_IMM64 -> w.u8(f.a()).le(f.x(), 8);
            case IMM_IMM -> {
                w.u8(width(f.x()));
                imm(w, f.x());
                imm(w, f.y());
            }
            case OFFSET -> w.le(f.offset(), offsetWidth);
            case REG_IMM -> {
                w.u8(f.a());
                imm(w, f.x());
            }
            case REG_IMM_IMM -> {
                w.u8(f.a() | width(f.x()) << 4);
                imm(w, f.x());
                imm(w, f.y());
            }
            case REG_IMM_OFFSET -> {
                w.u8(f.a() | width(f.x()) << 4);
                imm(w, f.x());
                w.le(f.offset(), offsetWidth);
            }
            case REG_REG -> w.u8(f.d() | f.a() << 4);
            case REG_REG_IMM -> {
                w.u8(f.a() | f.b() << 4);
                imm(w, f.x());
            }
            case REG_REG_OFFSET -> {
                w.u8(f.a() | f.b() << 4);
                w.le(f.offset(), offsetWidth);
            }
            case REG_REG_IMM_IMM -> {
                w.u8(f.a() | f.b() << 4);
                w.u8(width(f.x()));
                imm(w, f.x());
                imm(w, f.y());
            }
            case REG_REG_REG -> w.u8(f.a() | f.b() << 4).u8(f.d());
        }
        return w.toByteArray();
    }

    private static void imm(ByteWriter w, long v) {
        w.le(v, width(v));
    }

    /** True for the classes whose last operand is a branch offset. */
    public static boolean hasOffset(io.jpvm.isa.OperandClass c) {
        return c == io.jpvm.isa.OperandClass.OFFSET || c == io.jpvm.isa.OperandClass.REG_IMM_OFFSET
                || c == io.jpvm.isa.OperandClass.REG_REG_OFFSET;
    }
}
