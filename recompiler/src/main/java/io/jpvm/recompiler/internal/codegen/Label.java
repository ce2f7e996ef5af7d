package io.jpvm.recompiler.internal.codegen;

import java.util.Arrays;

/**
 * A code position of the {@link Emitter} that may be referenced before it is known. An unbound
 * label records the sites of its references (displacement fields of 1 or 4 bytes, each relative to
 * the end of its field); binding it patches them. A label is bound once.
 */
public final class Label {
    private final String name;
    int position = -1;
    /** Pending references as pairs (site, width). */
    private int[] patches;
    private int patchCount;

    /** An anonymous label. */
    public Label() {
        this(null);
    }

    /** A label with a name used in error messages. */
    public Label(String name) {
        this.name = name;
    }

    /** A label already bound to {@code position} (code emitted earlier: a backward target). */
    static Label at(int position) {
        Label l = new Label();
        l.position = position;
        return l;
    }

    /** Whether the label has been bound. */
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

    /** Records a reference; returns true if it is the first pending one. */
    boolean addPatch(int site, int width) {
        if (patches == null) {
            patches = new int[4];
        } else if (patchCount * 2 == patches.length) {
            patches = Arrays.copyOf(patches, patches.length * 2);
        }
        patches[patchCount * 2] = site;
        patches[patchCount * 2 + 1] = width;
        patchCount++;
        return patchCount == 1;
    }

    /** Binds to {@code pos} and resolves every pending reference in {@code code}. */
    void bind(int pos, byte[] code) {
        if (position >= 0) {
            throw new IllegalStateException("label " + this + " is already bound at " + position);
        }
        for (int i = 0; i < patchCount; i++) {
            int site = patches[i * 2];
            int width = patches[i * 2 + 1];
            int value = pos - (site + width);
            if (width == 1) {
                if (value != (byte) value) {
                    throw new IllegalStateException("label " + this + ": rel8 reference at " + site + " cannot reach "
                            + pos + " (displacement " + value + ")");
                }
                code[site] = (byte) value;
            } else {
                code[site] = (byte) value;
                code[site + 1] = (byte) (value >>> 8);
                code[site + 2] = (byte) (value >>> 16);
                code[site + 3] = (byte) (value >>> 24);
            }
        }
        position = pos;
        patchCount = 0;
        patches = null;
    }

    @Override
    public String toString() {
        return name != null ? name : "L@" + Integer.toHexString(System.identityHashCode(this));
    }
}
