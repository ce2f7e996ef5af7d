package io.jpvm.recompiler.internal.asm;

import java.util.Arrays;

/**
 * A code position that may be referenced before it is known.
 *
 * <p>An unbound label records every site that refers to it (a displacement field of width 1 or 4
 * bytes and the anchor its value is relative to, normally the end of the instruction); binding it
 * patches all of them. A label belongs to the first assembler that uses it and can be bound once.
 */
public final class Label {
    private final String name;
    private int position = -1;
    /** Pending patch sites as triples (site, width, anchor). */
    private int[] patches = new int[0];
    private int patchCount;
    private Object owner;

    /** An anonymous label. */
    public Label() {
        this(null);
    }

    /** A label with a name used in error messages. */
    public Label(String name) {
        this.name = name;
    }

    /** Whether {@link X64Assembler#bind(Label)} has been called. */
    public boolean isBound() {
        return position >= 0;
    }

    /** The bound code offset. */
    public int position() {
        if (position < 0) {
            throw new IllegalStateException("label " + this + " is not bound");
        }
        return position;
    }

    /** Whether there are references still waiting for this label to be bound. */
    public boolean hasPendingReferences() {
        return patchCount > 0;
    }

    void claim(Object assembler) {
        if (owner == null) {
            owner = assembler;
        } else if (owner != assembler) {
            throw new IllegalStateException("label " + this + " is used by another assembler");
        }
    }

    /** Records a reference; returns true if it is the first pending one. */
    boolean addPatch(int site, int width, int anchor) {
        if (width != 1 && width != 4) {
            throw new IllegalArgumentException("width " + width);
        }
        if (patchCount * 3 == patches.length) {
            patches = Arrays.copyOf(patches, Math.max(6, patches.length * 2));
        }
        patches[patchCount * 3] = site;
        patches[patchCount * 3 + 1] = width;
        patches[patchCount * 3 + 2] = anchor;
        patchCount++;
        return patchCount == 1;
    }

    /** Binds to {@code pos} and resolves every pending reference in {@code buf}. */
    void bind(int pos, CodeBuffer buf) {
        if (position >= 0) {
            throw new IllegalStateException("label " + this + " is already bound at " + position);
        }
        for (int i = 0; i < patchCount; i++) {
            int value = pos - patches[i * 3 + 2];
            if (patches[i * 3 + 1] == 1 && value != (byte) value) {
                throw new IllegalStateException("label " + this + ": rel8 reference at "
                        + patches[i * 3] + " cannot reach " + pos + " (displacement " + value + ")");
            }
        }
        position = pos;
        for (int i = 0; i < patchCount; i++) {
            write(buf, patches[i * 3], patches[i * 3 + 1], pos - patches[i * 3 + 2]);
        }
        patchCount = 0;
        patches = new int[0];
    }

    static void write(CodeBuffer buf, int site, int width, int value) {
        if (width == 1) {
            if (value != (byte) value) {
                throw new IllegalStateException("rel8 displacement out of range: " + value);
            }
            buf.patch8(site, value);
        } else {
            buf.patch32(site, value);
        }
    }

    @Override
    public String toString() {
        if (name != null) {
            return name;
        }
        return "L@" + Integer.toHexString(System.identityHashCode(this));
    }
}
