package io.jpvm.recompiler.internal.memory;

import io.jpvm.recompiler.internal.signal.CodeRanges;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Objects;

/**
 * Pages for generated x86-64 code: mapped read-write, written, then {@linkplain #seal() sealed}
 * read-execute. Never writable and executable at once. A PROT_NONE guard page follows the code, so
 * running off its end faults instead of executing whatever is mapped next.
 *
 * <p>Life cycle: {@link #allocate} (RW) → {@link #write} … → {@link #seal()} (RX) → {@link #entry}
 * handles → {@link #close()}. If {@code close()} is never called, a {@link java.lang.ref.Cleaner}
 * unmaps the pages once neither this object nor any entry handle is reachable. An entry handle used
 * after {@code close()} throws {@link IllegalStateException} instead of jumping into freed memory,
 * and {@code close()} refuses (throws) while a call through an entry handle is running.
 *
 * <p>Thread-safe; writes must happen before {@code seal()}, which publishes them to every thread.
 */
public final class CodeMemory implements AutoCloseable {
    static final String KIND = "code";

    private static final Linker LINKER = Linker.nativeLinker();

    private final MappedRegion region;
    private final long codeSize;
    private boolean sealed;

    private CodeMemory(MappedRegion region, long codeSize) {
        this.region = region;
        this.codeSize = codeSize;
    }

    /**
     * Maps room for {@code codeBytes} bytes of code, rounded up to whole host pages (at least one),
     * read-write, followed by one PROT_NONE guard page.
     */
    public static CodeMemory allocate(long codeBytes) {
        if (codeBytes < 0) {
            throw new IllegalArgumentException("negative code size: " + codeBytes);
        }
        long page = Libc.pageSize();
        long codeSize = Math.max(page, roundUp(codeBytes, page));
        long total = Math.addExact(codeSize, page);
        // reserve code + guard inaccessible, then open the code part for writing: at no moment is
        // the guard accessible, and nothing is ever executable before seal()
        long address = Libc.mmap(0, total, Libc.PROT_NONE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        try {
            Libc.mprotect(address, codeSize, Libc.PROT_READ | Libc.PROT_WRITE);
        } catch (RuntimeException e) {
            Libc.munmap(address, total);
            throw e;
        }
        Runnable forget = new ForgetCodeRange(address, address + codeSize);
        return new CodeMemory(new MappedRegion(address, total, KIND, forget), codeSize);
    }

    /**
     * Runs before the pages are unmapped (close or cleaner): takes the range out of the guest-fault
     * handler's table while it is still ours, so that a later mapping at the same address is never
     * mistaken for generated code. Does nothing if the range was never sealed (registered).
     */
    private record ForgetCodeRange(long lo, long hi) implements Runnable {
        @Override
        public void run() {
            CodeRanges.unregister(lo, hi);
        }
    }

    static long roundUp(long n, long page) {
        return Math.multiplyExact(Math.ceilDiv(n, page), page);
    }

    /** The address of the first code byte (page aligned). */
    public long address() {
        return region.address();
    }

    /** Usable code bytes: the requested size rounded up to whole pages, guard page excluded. */
    public long size() {
        return codeSize;
    }

    /** The address of the PROT_NONE guard page, {@code address() + size()}. */
    public long guardAddress() {
        return region.address() + codeSize;
    }

    /** True once {@link #seal()} has made the pages read-execute. */
    public synchronized boolean isSealed() {
        return sealed;
    }

    /** True once the pages are unmapped. */
    public boolean isClosed() {
        return !region.isAlive();
    }

    /**
     * The code bytes as a segment (guard page excluded): writable before {@link #seal()}, a read-only
     * view afterwards (Java writes then throw {@link IllegalArgumentException}, "Attempt to write a
     * read-only segment", rather than fault).
     * Unusable after {@link #close()}.
     */
    public synchronized MemorySegment segment() {
        MemorySegment code = region.segment().asSlice(0, codeSize);
        return sealed ? code.asReadOnly() : code;
    }

    /** Writes {@code code} at offset 0. */
    public CodeMemory write(byte[] code) {
        return write(0, code, 0, code.length);
    }

    /** Writes {@code bytes} at {@code offset}. */
    public CodeMemory write(long offset, byte[] bytes) {
        return write(offset, bytes, 0, bytes.length);
    }

    /**
     * Writes {@code length} bytes of {@code src} from {@code from} at {@code offset}.
     *
     * @throws IllegalStateException after {@link #seal()} or {@link #close()}
     * @throws IndexOutOfBoundsException if the bytes do not fit
     */
    public synchronized CodeMemory write(long offset, byte[] src, int from, int length) {
        Objects.checkFromIndexSize(from, length, src.length);
        Objects.checkFromIndexSize(offset, length, codeSize);
        region.checkAlive("code memory");
        if (sealed) {
            throw new IllegalStateException("code memory at " + Libc.hex(address()) + " is sealed (read-execute)");
        }
        MemorySegment.copy(src, from, region.segment(), ValueLayout.JAVA_BYTE, offset, length);
        return this;
    }

    /**
     * Makes the code read-execute ({@code mprotect(PROT_READ|PROT_EXEC)}); idempotent. The guard page
     * stays PROT_NONE. The code pages are {@linkplain CodeRanges#register registered} as generated code
     * for the guest-fault signal handler until they are unmapped.
     *
     * @throws IllegalStateException after {@link #close()}, or if the code-range table is full
     */
    public synchronized CodeMemory seal() {
        region.checkAlive("code memory");
        if (!sealed) {
            // register first: a full table fails the seal before anything changes
            CodeRanges.register(address(), address() + codeSize);
            try {
                Libc.mprotect(address(), codeSize, Libc.PROT_READ | Libc.PROT_EXEC);
            } catch (RuntimeException e) {
                CodeRanges.unregister(address(), address() + codeSize);
                throw e;
            }
            sealed = true;
        }
        return this;
    }

    /** {@link #entry(long, FunctionDescriptor, Linker.Option...)} at offset 0. */
    public MethodHandle entry(FunctionDescriptor function, Linker.Option... options) {
        return entry(0, function, options);
    }

    /**
     * A downcall handle that calls the code at {@code address() + offset} as a C function of the given
     * descriptor (System V x86-64 ABI), typed {@code function.toMethodType()} (plus the leading
     * parameters that {@code options} such as {@code captureCallState} add).
     *
     * <p>The handle keeps this code memory reachable, so the cleaner never frees code that a live
     * handle can still call. Calling it after {@link #close()} throws {@link IllegalStateException}.
     *
     * @throws IllegalStateException if not sealed yet, or closed
     */
    @SuppressWarnings("restricted") // the caller vouches that the code follows the descriptor's ABI
    public synchronized MethodHandle entry(long offset, FunctionDescriptor function, Linker.Option... options) {
        Objects.checkIndex(offset, codeSize);
        region.checkAlive("code memory");
        if (!sealed) {
            throw new IllegalStateException("seal() the code memory before calling into it");
        }
        // the target is a segment of the region's arena: the linker checks it is alive on each call
        // and keeps it alive (close() refuses) until the call returns
        MemorySegment target = region.segment().asSlice(offset, codeSize - offset);
        MethodHandle handle = MethodHandles.insertArguments(LINKER.downcallHandle(function, options), 0, target);
        // bind this object into the handle (as an ignored argument) so that the handle keeps it reachable
        handle = MethodHandles.dropArguments(handle, 0, CodeMemory.class);
        return MethodHandles.insertArguments(handle, 0, this);
    }

    /**
     * Unmaps the code and its guard page; idempotent.
     *
     * @throws IllegalStateException while a call through an entry handle is running
     */
    @Override
    public synchronized void close() {
        region.close();
    }

    /** How many code regions are mapped right now (across all instances, not yet freed). */
    public static int liveCount() {
        return MappedRegion.liveCount(KIND);
    }

    @Override
    public String toString() {
        return "CodeMemory[" + Libc.hex(address()) + ", " + codeSize + " bytes"
                + (isClosed() ? ", closed" : isSealed() ? ", r-x" : ", rw-") + "]";
    }
}
