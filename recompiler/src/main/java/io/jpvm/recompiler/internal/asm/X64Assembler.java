package io.jpvm.recompiler.internal.asm;

/**
 * The x86-64 assembler: control flow (jmp, jcc, call, ret), padding and traps on top of the
 * arithmetic, bit and move families it inherits.
 *
 * <p>Branches to a {@link Label}: {@code jmp}/{@code jcc} choose rel8 when the label is already
 * bound and within reach, else rel32 (forward references are always rel32); the {@code Short}
 * variants force rel8 (binding fails if the target is out of range) and the {@code Near} variants
 * force rel32. {@link #finish()} fails if a referenced label was never bound.
 *
 * <pre>{@code
 * X64Assembler a = new X64Assembler();
 * Label oog = new Label("oog");
 * a.subqImm32(Mem.of(Reg.R15, -3992), cost);
 * a.jcc(Cond.S, oog);
 * a.movzbl(Reg.RAX, Mem.of(Reg.R15, Reg.RDX));
 * ...
 * a.bind(oog);
 * byte[] code = a.finish();
 * }</pre>
 */
public final class X64Assembler extends AsmMoves {
    private static final int JMP_SHORT_LEN = 2;
    private static final int JMP_NEAR_LEN = 5;
    private static final int JCC_SHORT_LEN = 2;
    private static final int JCC_NEAR_LEN = 6;

    /** Recommended multi-byte nop encodings, indexed by length 1..9. */
    private static final byte[][] NOPS = {
        {},
        {(byte) 0x90},
        {0x66, (byte) 0x90},
        {0x0F, 0x1F, 0x00},
        {0x0F, 0x1F, 0x40, 0x00},
        {0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x0F, 0x1F, (byte) 0x80, 0x00, 0x00, 0x00, 0x00},
        {0x0F, 0x1F, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x0F, 0x1F, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
    };

    /** An assembler with a default initial buffer. */
    public X64Assembler() {
        this(new CodeBuffer());
    }

    /** An assembler with the given initial buffer capacity. */
    public X64Assembler(int initialCapacity) {
        this(new CodeBuffer(initialCapacity));
    }

    /** An assembler appending to {@code buf}. */
    public X64Assembler(CodeBuffer buf) {
        super(buf);
    }

    // ---------------------------------------------------------------- jmp

    /** Jumps to {@code target}: rel8 if it is bound and in reach, else rel32. */
    public void jmp(Label target) {
        if (reachesShort(target, JMP_SHORT_LEN)) {
            jmpShort(target);
        } else {
            jmpNear(target);
        }
    }

    /** {@code EB rel8}. */
    public void jmpShort(Label target) {
        buf.emit8(0xEB);
        emitLabelRef(target, 1, position() + 1);
    }

    /** {@code E9 rel32}. */
    public void jmpNear(Label target) {
        buf.emit8(0xE9);
        emitLabelRef(target, 4, position() + 4);
    }

    /** Indirect jump to the address in {@code target} ({@code FF /4}). */
    public void jmp(Reg target) { digitR(S32, 0xFF, 4, target); }

    /** Indirect jump through a 64-bit pointer in memory ({@code FF /4}). */
    public void jmp(Mem target) { digitM(S32, 0xFF, 4, target, 0); }

    // ---------------------------------------------------------------- jcc

    /** Jumps to {@code target} if {@code cc}: rel8 if it is bound and in reach, else rel32. */
    public void jcc(Cond cc, Label target) {
        if (reachesShort(target, JCC_SHORT_LEN)) {
            jccShort(cc, target);
        } else {
            jccNear(cc, target);
        }
    }

    /** {@code 70+cc rel8}. */
    public void jccShort(Cond cc, Label target) {
        buf.emit8(0x70 | cc.code());
        emitLabelRef(target, 1, position() + 1);
    }

    /** {@code 0F 80+cc rel32}. */
    public void jccNear(Cond cc, Label target) {
        buf.emit8(0x0F);
        buf.emit8(0x80 | cc.code());
        emitLabelRef(target, 4, position() + 4);
    }

    private boolean reachesShort(Label target, int length) {
        return target.isBound() && isByte(target.position() - (position() + length));
    }

    // ---------------------------------------------------------------- call / ret

    /** {@code E8 rel32}. */
    public void call(Label target) {
        buf.emit8(0xE8);
        emitLabelRef(target, 4, position() + 4);
    }

    /** Indirect call to the address in {@code target} ({@code FF /2}). */
    public void call(Reg target) { digitR(S32, 0xFF, 2, target); }

    /** Indirect call through a 64-bit pointer in memory ({@code FF /2}). */
    public void call(Mem target) { digitM(S32, 0xFF, 2, target, 0); }

    public void ret() { buf.emit8(0xC3); }

    // ---------------------------------------------------------------- padding and traps

    /** A one-byte nop. */
    public void nop() { buf.emit8(0x90); }

    /** Exactly {@code length} bytes of padding in as few nop instructions as possible. */
    public void nop(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("nop length " + length);
        }
        while (length > 0) {
            int n = Math.min(length, NOPS.length - 1);
            buf.emitBytes(NOPS[n]);
            length -= n;
        }
    }

    /** Pads with nops to a multiple of {@code alignment} (a power of two). */
    public void align(int alignment) {
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two: " + alignment);
        }
        nop(-position() & (alignment - 1));
    }

    /** Breakpoint trap ({@code CC}). */
    public void int3() { buf.emit8(0xCC); }

    /** Guaranteed invalid opcode ({@code 0F 0B}). */
    public void ud2() {
        buf.emit8(0x0F);
        buf.emit8(0x0B);
    }
}
