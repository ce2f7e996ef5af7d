package io.jpvm.kernel.internal;

/** UNTYPED: the invocation's page pool; every copy shares the one bump pointer of the {@link PageStore}. */
final class UntypedCap extends Cap {
    @Override
    boolean copyable() {
        return true;
    }

    @Override
    Cap duplicate() {
        return new UntypedCap();
    }

    @Override
    String typeName() {
        return "UNTYPED";
    }
}
