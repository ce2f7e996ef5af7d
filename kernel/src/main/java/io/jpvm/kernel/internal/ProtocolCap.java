package io.jpvm.kernel.internal;

/**
 * PROTOCOL(id): CALLing it exits to the embedder. The caps the kernel puts in VM 0's slots 1..28 are
 * "original" until they are taken out of their slot; copies never are.
 */
final class ProtocolCap extends Cap {
    final int id;
    boolean original;

    ProtocolCap(int id, boolean original) {
        this.id = id;
        this.original = original;
    }

    @Override
    boolean copyable() {
        return true;
    }

    @Override
    Cap duplicate() {
        return new ProtocolCap(id, false);
    }

    @Override
    String typeName() {
        return "PROTOCOL(" + id + ")";
    }
}
