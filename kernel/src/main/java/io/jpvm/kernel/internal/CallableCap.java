package io.jpvm.kernel.internal;

/** CALLABLE: may only CALL its VM (made by DOWNGRADE of a HANDLE). Copyable. */
final class CallableCap extends VmCap {
    CallableCap(int vmId, long maxGas) {
        super(vmId, maxGas);
    }

    @Override
    boolean copyable() {
        return true;
    }

    @Override
    Cap duplicate() {
        return new CallableCap(vmId, maxGas);
    }

    @Override
    String typeName() {
        return "CALLABLE";
    }
}
