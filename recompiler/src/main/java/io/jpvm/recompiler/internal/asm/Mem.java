package io.jpvm.recompiler.internal.asm;

import java.util.Objects;

/**
 * An x86-64 memory operand {@code [base + index*scale + disp]}, immutable.
 *
 * <p>Any of base and index may be absent; with neither, the operand is an absolute 32-bit
 * (sign-extended) address, encoded through a SIB byte. {@code rsp} cannot be an index. A
 * RIP-relative operand ({@link #rip(int)}, {@link #rip(Label)}) has neither base nor index and is
 * relative to the end of the instruction that uses it.
 */
public final class Mem {
    private final Reg base;
    private final Reg index;
    private final int scale;
    private final int disp;
    private final boolean ripRelative;
    private final Label ripTarget;

    private Mem(Reg base, Reg index, int scale, int disp, boolean ripRelative, Label ripTarget) {
        if (index == Reg.RSP) {
            throw new IllegalArgumentException("rsp cannot be an index register");
        }
        if (scale != 1 && scale != 2 && scale != 4 && scale != 8) {
            throw new IllegalArgumentException("scale must be 1, 2, 4 or 8: " + scale);
        }
        this.base = base;
        this.index = index;
        this.scale = index == null ? 1 : scale;
        this.disp = disp;
        this.ripRelative = ripRelative;
        this.ripTarget = ripTarget;
    }

    /** {@code [base]}. */
    public static Mem of(Reg base) {
        return new Mem(Objects.requireNonNull(base), null, 1, 0, false, null);
    }

    /** {@code [base + disp]}. */
    public static Mem of(Reg base, int disp) {
        return new Mem(Objects.requireNonNull(base), null, 1, disp, false, null);
    }

    /** {@code [base + index]} (scale 1), e.g. the guest access pattern {@code [r15 + rdx]}. */
    public static Mem of(Reg base, Reg index) {
        return new Mem(Objects.requireNonNull(base), Objects.requireNonNull(index), 1, 0, false, null);
    }

    /** {@code [base + index*scale + disp]}. */
    public static Mem of(Reg base, Reg index, int scale, int disp) {
        return new Mem(Objects.requireNonNull(base), Objects.requireNonNull(index), scale, disp, false, null);
    }

    /** {@code [index*scale + disp]} with no base register (always a 32-bit displacement). */
    public static Mem indexOnly(Reg index, int scale, int disp) {
        return new Mem(null, Objects.requireNonNull(index), scale, disp, false, null);
    }

    /** {@code [disp]}: an absolute, sign-extended 32-bit address. */
    public static Mem absolute(int disp) {
        return new Mem(null, null, 1, disp, false, null);
    }

    /** {@code [rip + disp]}, relative to the end of the instruction. */
    public static Mem rip(int disp) {
        return new Mem(null, null, 1, disp, true, null);
    }

    /** {@code [rip + label]}: the address of a label, patched when the label is bound. */
    public static Mem rip(Label target) {
        return new Mem(null, null, 1, 0, true, Objects.requireNonNull(target));
    }

    /** This operand with {@code delta} added to the displacement. */
    public Mem plus(int delta) {
        return new Mem(base, index, scale, Math.addExact(disp, delta), ripRelative, ripTarget);
    }

    /** The base register, or null. */
    public Reg base() {
        return base;
    }

    /** The index register, or null. */
    public Reg index() {
        return index;
    }

    /** The index scale: 1, 2, 4 or 8 (1 when there is no index). */
    public int scale() {
        return scale;
    }

    /** The SIB scale field: log2 of {@link #scale()}. */
    public int scaleBits() {
        return Integer.numberOfTrailingZeros(scale);
    }

    /** The displacement. */
    public int disp() {
        return disp;
    }

    /** Whether this operand is RIP-relative. */
    public boolean isRipRelative() {
        return ripRelative;
    }

    /** The label a RIP-relative operand points at, or null. */
    public Label ripTarget() {
        return ripTarget;
    }

    /** Intel syntax, as accepted by llvm-mc: {@code [rax + 4*rcx - 8]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        if (ripRelative) {
            sb.append("rip");
            if (ripTarget != null) {
                return sb.append(" + ").append(ripTarget).append(']').toString();
            }
        }
        if (base != null) {
            sb.append(base.name(64));
        }
        if (index != null) {
            if (base != null) {
                sb.append(" + ");
            }
            sb.append(scale).append('*').append(index.name(64));
        }
        boolean any = ripRelative || base != null || index != null;
        if (!any) {
            sb.append(disp);
        } else if (disp != 0) {
            sb.append(disp < 0 ? " - " : " + ").append(Math.abs((long) disp));
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mem m && m.base == base && m.index == index && m.scale == scale
                && m.disp == disp && m.ripRelative == ripRelative && m.ripTarget == ripTarget;
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, index, scale, disp, ripRelative, ripTarget);
    }
}
