package io.jpvm.kernel.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A capability. Besides its content (in the subclasses) every cap knows where it lives (holder VM
 * and slot, maintained by {@link CapTable}) and its place in the derivation tree (the cap it was
 * GRANTed from, and the caps GRANTed from it), so that REVOKE can find and remove descendants in any
 * table.
 */
abstract sealed class Cap permits UntypedCap, DataCap, CodeCap, VmCap, ProtocolCap {
    /** The VM whose table holds this cap, or null while it is in no table. */
    Vm holder;
    /** Its slot in the holder's table. */
    int slot;
    /** The cap this one was derived from (GRANT), or null. */
    Cap parent;
    /** Caps derived from this one; null when there are none. */
    private ArrayList<Cap> children;

    /** COPY, CREATE's bitmask copy and GRANT accept this cap type. */
    abstract boolean copyable();

    /** A plain copy of the content (not placed, no derivation links). */
    abstract Cap duplicate();

    /** A short type name for diagnostics. */
    abstract String typeName();

    Vm holder() {
        return holder;
    }

    int slot() {
        return slot;
    }

    boolean hasChildren() {
        return children != null && !children.isEmpty();
    }

    /** The derived caps (live view; do not modify). */
    List<Cap> children() {
        return children == null ? List.of() : children;
    }

    /** Records {@code child} as derived from this cap. */
    void adopt(Cap child) {
        if (children == null) {
            children = new ArrayList<>(2);
        }
        child.parent = this;
        children.add(child);
    }

    /** Cuts this cap out of its parent's list. */
    void detachFromParent() {
        if (parent != null) {
            parent.children.remove(this);
            if (parent.children.isEmpty()) {
                parent.children = null;
            }
            parent = null;
        }
    }

    /** Forgets all children (after they have been removed). */
    void clearChildren() {
        if (children != null) {
            for (Cap c : children) {
                c.parent = null;
            }
            children = null;
        }
    }

    @Override
    public String toString() {
        return typeName() + (holder == null ? "" : "@" + holder.index() + ":" + slot);
    }
}
