package io.jpvm.interpreter.internal;

/**
 * Thrown by guest memory accessors when an access is not allowed; the details (address, panic or
 * page fault) are left in the memory object. One shared, stackless instance: faults are exits, not
 * errors, and must be cheap.
 */
public final class MemoryFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final MemoryFault INSTANCE = new MemoryFault();

    private MemoryFault() {
        super("guest memory fault", null, false, false);
    }
}
