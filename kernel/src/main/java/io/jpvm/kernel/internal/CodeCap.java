package io.jpvm.kernel.internal;

/** CODE: a compiled program; CALLing it CREATEs a VM. Copies share the {@link KernelCode}. */
final class CodeCap extends Cap {
    final KernelCode code;

    CodeCap(KernelCode code) {
        this.code = code;
    }

    @Override
    boolean copyable() {
        return true;
    }

    @Override
    Cap duplicate() {
        return new CodeCap(code);
    }

    @Override
    String typeName() {
        return "CODE";
    }
}
