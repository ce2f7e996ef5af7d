package io.jpvm.recompiler.internal.memory;

/**
 * A libc call made by the native memory layer failed. The message names the call with its arguments
 * and the errno, e.g. {@code mprotect(0x7f3a10000000, 8192, PROT_READ|PROT_EXEC) failed: errno 12
 * (ENOMEM)}.
 */
public final class NativeMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final int errno;

    /**
     * @param function the libc function's name, e.g. {@code "mprotect"}
     * @param call the call as text, with its arguments
     * @param errno the errno captured right after the call
     */
    public NativeMemoryException(String function, String call, int errno) {
        super(call + " failed: errno " + errno + " (" + Libc.errnoName(errno) + ")");
        this.function = function;
        this.errno = errno;
    }

    /** The libc function that failed, e.g. {@code "mmap"}. */
    public String function() {
        return function;
    }

    /** The errno captured right after the failing call. */
    public int errno() {
        return errno;
    }
}
