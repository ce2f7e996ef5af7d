package io.jpvm.kernel.internal;

/** HANDLE: owns a VM (CALL, RESUME, management through cap-ref hops, DROP removes the VM). Move-only. */
final class HandleCap extends VmCap {
    HandleCap(int vmId, long maxGas) {
        super(vmId, maxGas);
    }

    @Override
    boolean copyable() {
        return false;
    }

    @Override
    Cap duplicate() {
        throw new UnsupportedOperationException("HANDLE caps cannot be copied");
    }

    @Override
    String typeName() {
        return "HANDLE";
    }
}
