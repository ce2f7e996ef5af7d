package io.jpvm.kernel.internal;

/** A cap naming a VM by arena id (u16 index | u16 generation &lt;&lt; 16) with an optional gas limit. */
abstract sealed class VmCap extends Cap permits HandleCap, CallableCap {
    /** No limit: as an unsigned number, larger than any gas. */
    static final long NO_LIMIT = -1L;

    final int vmId;
    /** Unsigned maximum gas a CALL passes; {@link #NO_LIMIT} for none. */
    long maxGas;

    VmCap(int vmId, long maxGas) {
        this.vmId = vmId;
        this.maxGas = maxGas;
    }
}
