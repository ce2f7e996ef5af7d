package io.jpvm.recompiler.internal.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The encoding core of {@link X64Assembler}: the one place where legacy prefixes, REX, opcode
 * bytes, ModRM, SIB, displacements, immediates and label references are emitted.
 *
 * <p>Every instruction method in the subclasses funnels into {@link #emitRR}, {@link #emitRM},
 * {@link #emitOpReg} or {@link #emitOp}. Opcodes are passed as an int of one to three bytes, most
 * significant first ({@code 0x0FAF} = {@code 0F AF}); {@code mandatory} is an optional
 * {@code F3}/{@code F2} prefix (0 for none); {@code reg} is a register encoding or an opcode
 * extension digit for ModRM.reg.
 */
public abstract class AsmEncoder {
    /** Operand size selectors: they decide the 66 prefix and REX.W; 8-bit is in the opcode. */
    static final int S8 = 1;
    static final int S16 = 2;
    static final int S32 = 4;
    static final int S64 = 8;

    /** Flag: the ModRM.reg operand is an 8-bit register (spl/bpl/sil/dil need a REX). */
    static final int BYTE_REG = 1;
    /** Flag: the ModRM.rm register operand is an 8-bit register. */
    static final int BYTE_RM = 2;

    final CodeBuffer buf;
    private final List<Label> referenced = new ArrayList<>();

    AsmEncoder(CodeBuffer buf) {
        this.buf = buf;
    }

    // ---------------------------------------------------------------- public buffer access

    /** The offset of the next instruction. */
    public final int position() {
        return buf.position();
    }

    /** The underlying buffer (for patching immediates, e.g. a block's gas cost). */
    public final CodeBuffer buffer() {
        return buf;
    }

    /** Appends a raw byte (data or a hand-encoded instruction). */
    public final void emitByte(int b) {
        buf.emit8(b);
    }

    /** Appends a raw little-endian 32-bit value. */
    public final void emitInt(int v) {
        buf.emit32(v);
    }

    /** Appends a raw little-endian 64-bit value. */
    public final void emitLong(long v) {
        buf.emit64(v);
    }

    /** Overwrites the 32-bit value at {@code pos} (e.g. an imm32 emitted earlier). */
    public final void patchInt(int pos, int v) {
        buf.patch32(pos, v);
    }

    // ---------------------------------------------------------------- labels

    /**
     * Binds {@code label} to the current position and patches every reference to it.
     *
     * @throws IllegalStateException if the label is already bound, belongs to another assembler,
     *     or a pending rel8 reference cannot reach it
     */
    public final void bind(Label label) {
        label.claim(this);
        label.bind(buf.position(), buf);
    }

    /**
     * Emits a {@code width}-byte displacement to {@code label}, relative to {@code anchor} (the
     * offset of the end of the instruction, which must be known in advance).
     */
    final void emitLabelRef(Label label, int width, int anchor) {
        label.claim(this);
        int value = 0;
        if (label.isBound()) {
            value = label.position() - anchor;
            if (width == 1 && !isByte(value)) {
                throw new IllegalStateException("label " + label + ": rel8 displacement out of range: " + value);
            }
        } else if (label.addPatch(buf.position(), width, anchor)) {
            referenced.add(label);
        }
        if (width == 1) {
            buf.emit8(value);
        } else {
            buf.emit32(value);
        }
    }

    /**
     * Returns the code, checking that every referenced label was bound.
     *
     * @throws IllegalStateException naming the labels that still have pending references
     */
    public final byte[] finish() {
        StringJoiner unbound = new StringJoiner(", ");
        for (Label l : referenced) {
            if (l.hasPendingReferences()) {
                unbound.add(l.toString());
            }
        }
        if (unbound.length() > 0) {
            throw new IllegalStateException("unbound labels with pending references: " + unbound);
        }
        referenced.removeIf(l -> !l.hasPendingReferences());
        return buf.toByteArray();
    }

    /** Same as {@link #finish()} (Graal's name for it). */
    public final byte[] close() {
        return finish();
    }

    // ---------------------------------------------------------------- encoding core

    static boolean isByte(int v) {
        return v == (byte) v;
    }

    static int immBytes(int size) {
        return size == S8 ? 1 : size == S16 ? 2 : 4;
    }

    final void emitImm(int size, int imm) {
        switch (size) {
            case S8 -> buf.emit8(imm);
            case S16 -> buf.emit16(imm);
            default -> buf.emit32(imm);
        }
    }

    private void prefixes(int size, int mandatory, int rexR, int rexX, int rexB, boolean forceRex) {
        if (size == S16) {
            buf.emit8(0x66);
        }
        if (mandatory != 0) {
            buf.emit8(mandatory);
        }
        int rex = (size == S64 ? 8 : 0) | rexR << 2 | rexX << 1 | rexB;
        if (rex != 0 || forceRex) {
            buf.emit8(0x40 | rex);
        }
    }

    private void opcode(int op) {
        if ((op >>> 16) != 0) {
            buf.emit8(op >>> 16);
        }
        if ((op >>> 8) != 0) {
            buf.emit8(op >>> 8);
        }
        buf.emit8(op);
    }

    private static boolean byteRegNeedsRex(int flags, int flag, Reg r) {
        return (flags & flag) != 0 && r.byteFormNeedsRex();
    }

    /** Register-direct form: prefixes, REX, opcode, ModRM with mod = 11. */
    final void emitRR(int size, int mandatory, int op, int reg, Reg rm, int flags) {
        boolean force = byteRegNeedsRex(flags, BYTE_REG, Reg.of(reg)) || byteRegNeedsRex(flags, BYTE_RM, rm);
        prefixes(size, mandatory, reg >> 3, 0, rm.rexBit(), force);
        opcode(op);
        buf.emit8(0xC0 | (reg & 7) << 3 | rm.low3());
    }

    /**
     * Memory form: prefixes, REX, opcode, ModRM, SIB, displacement. {@code immBytes} is the size of
     * any immediate that follows (needed to anchor a RIP-relative label reference).
     */
    final void emitRM(int size, int mandatory, int op, int reg, Mem m, int flags, int immBytes) {
        boolean force = byteRegNeedsRex(flags, BYTE_REG, Reg.of(reg));
        int rexX = m.index() == null ? 0 : m.index().rexBit();
        int rexB = m.base() == null ? 0 : m.base().rexBit();
        prefixes(size, mandatory, reg >> 3, rexX, rexB, force);
        opcode(op);
        modrmMem(reg & 7, m, immBytes);
    }

    private void modrmMem(int reg3, Mem m, int immBytes) {
        int regBits = reg3 << 3;
        int disp = m.disp();
        if (m.isRipRelative()) {
            buf.emit8(0x05 | regBits);
            if (m.ripTarget() != null) {
                emitLabelRef(m.ripTarget(), 4, buf.position() + 4 + immBytes);
            } else {
                buf.emit32(disp);
            }
            return;
        }
        Reg base = m.base();
        Reg index = m.index();
        int indexBits = index == null ? 4 : index.low3();
        if (base == null) {
            // mod = 00, rm = 100 (SIB), SIB.base = 101: no base, disp32 follows.
            buf.emit8(0x04 | regBits);
            buf.emit8(m.scaleBits() << 6 | indexBits << 3 | 5);
            buf.emit32(disp);
            return;
        }
        int mod;
        if (disp == 0 && base.low3() != 5) {
            mod = 0; // rbp/r13 with mod 00 would mean RIP/no-base, so they take disp8 = 0
        } else if (isByte(disp)) {
            mod = 1;
        } else {
            mod = 2;
        }
        if (index == null && base.low3() != 4) {
            buf.emit8(mod << 6 | regBits | base.low3());
        } else {
            // rsp/r12 as base (rm = 100) always need a SIB byte; SIB.index = 100 means none.
            buf.emit8(mod << 6 | regBits | 4);
            buf.emit8(m.scaleBits() << 6 | indexBits << 3 | base.low3());
        }
        if (mod == 1) {
            buf.emit8(disp);
        } else if (mod == 2) {
            buf.emit32(disp);
        }
    }

    /** Opcode with the register in its low three bits ({@code B8+r}, {@code 50+r}, {@code 0F C8+r}). */
    final void emitOpReg(int size, int op, Reg r, int flags) {
        prefixes(size, 0, 0, 0, r.rexBit(), byteRegNeedsRex(flags, BYTE_RM, r));
        opcode(op | r.low3());
    }

    /** Opcode without ModRM (e.g. {@code cqo}, accumulator-immediate forms). */
    final void emitOp(int size, int op) {
        prefixes(size, 0, 0, 0, 0, false);
        opcode(op);
    }

    // ---------------------------------------------------------------- shared operand forms

    /** {@code op r/m, reg} or {@code op reg, r/m} with a register rm. */
    final void rr(int size, int op, Reg reg, Reg rm) {
        emitRR(size, 0, op, reg.encoding(), rm, size == S8 ? BYTE_REG | BYTE_RM : 0);
    }

    /** Register and memory operand. */
    final void rm(int size, int op, Reg reg, Mem m) {
        emitRM(size, 0, op, reg.encoding(), m, size == S8 ? BYTE_REG : 0, 0);
    }

    /** Opcode-extension form on a register ({@code op /digit}). */
    final void digitR(int size, int op, int digit, Reg rm) {
        emitRR(size, 0, op, digit, rm, size == S8 ? BYTE_RM : 0);
    }

    /** Opcode-extension form on memory, with {@code immBytes} of immediate to follow. */
    final void digitM(int size, int op, int digit, Mem m, int immBytes) {
        emitRM(size, 0, op, digit, m, 0, immBytes);
    }
}
