package io.jpvm.recompiler.internal.memory;

import io.jpvm.recompiler.internal.signal.CodeRanges;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pages for generated x86-64 code: mapped read-write, written, then {@linkplain #seal() sealed}
 * read-execute. Never writable and executable at once. A PROT_NONE guard page follows the code, so
 * running off its end faults instead of executing whatever is mapped next.
 *
 * <p>Life cycle: {@link #allocate} (RW) → {@link #write} … → {@link #seal()} (RX) → {@link #entry}
 * handles, or {@link #acquire()}/{@link #target()}/{@link #release()} → {@link #close()}. If
 * {@code close()} is never called, a {@link Cleaner} frees the pages once neither this object, nor a
 * segment of it, nor any entry handle is reachable. An entry handle used after {@code close()}
 * throws {@link IllegalStateException} instead of jumping into freed memory, and {@code close()}
 * refuses (throws) while a call through an entry handle, or between {@code acquire} and
 * {@code release}, is running.
 *
 * <p>Freed pages go to a small {@link CodeRegionPool} (unregistered from the fault handler, never
 * reachable from Java) and serve the next allocation of the same size; the rest are unmapped.
 *
 * <p>Thread-safe; writes must happen before {@code seal()}, which publishes them to every thread.
 */
public final class CodeMemory implements AutoCloseable {
    static final String KIND = "code";

    private static final Linker LINKER = Linker.nativeLinker();
    private static final AtomicInteger LIVE = new AtomicInteger();

    private final MappedRegion region;
    private final long codeSize;
    /** The code bytes, global scope: used only behind this object's own liveness checks. */
    private final MemorySegment raw;
    private final Cleaner.Cleanable cleanable;
    /** A pooled region: its old code is overwritten with int3 up to the end at {@link #seal()}. */
    private final boolean reused;
    /** The end of the highest write so far. */
    private long written;
    private volatile boolean sealed;
    private volatile boolean closed;
    /** Calls between {@link #acquire()} and {@link #release()}. */
    private final AtomicInteger calls = new AtomicInteger();
    /** The arena of the segments and entry handles handed out, created on first use. */
    private Arena views;

    @SuppressWarnings("restricted") // the range is ours while this object lives
    private CodeMemory(MappedRegion region, long codeSize, boolean reused) {
        this.region = region;
        this.codeSize = codeSize;
        this.reused = reused;
        this.raw = MemorySegment.ofAddress(region.address()).reinterpret(codeSize);
        this.cleanable = MappedRegion.CLEANER.register(this, new Free(region, codeSize));
        LIVE.incrementAndGet();
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
        MappedRegion pooled = CodeRegionPool.take(total);
        if (pooled != null) {
            try {
                Libc.mprotect(pooled.address(), codeSize, Libc.PROT_READ | Libc.PROT_WRITE);
            } catch (RuntimeException e) {
                pooled.close();
                throw e;
            }
            return new CodeMemory(pooled, codeSize, true);
        }
        // reserve code + guard inaccessible, then map the code part read-write over it, populated
        // (faulting the pages in one kernel pass is far cheaper than a page fault per page while the
        // code is copied in): at no moment is the guard accessible, and nothing is ever executable
        // before seal()
        long address = Libc.mmap(0, total, Libc.PROT_NONE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        try {
            Libc.mmap(address, codeSize, Libc.PROT_READ | Libc.PROT_WRITE,
                    Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_FIXED | Libc.MAP_POPULATE, -1, 0);
        } catch (RuntimeException e) {
            Libc.munmap(address, total);
            throw e;
        }
        return new CodeMemory(new MappedRegion(address, total, KIND), codeSize, false);
    }

    /**
     * The cleaner's and {@link #close()}'s action: take the range out of the guest-fault handler's
     * table (so a later use of the pages is never mistaken for this code), make it inaccessible (freed
     * code is never executable), then pool the region — or unmap it if that fails.
     */
    private record Free(MappedRegion region, long codeSize) implements Runnable {
        @Override
        public void run() {
            CodeRanges.unregister(region.address(), region.address() + codeSize);
            LIVE.decrementAndGet();
            try {
                Libc.mprotect(region.address(), codeSize, Libc.PROT_NONE);
            } catch (RuntimeException e) {
                region.close();
                return;
            }
            CodeRegionPool.give(region);
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

    /** True once {@link #close()} has freed the pages. */
    public boolean isClosed() {
        return closed;
    }

    private void checkAlive() {
        if (closed) {
            throw new IllegalStateException("code memory is closed");
        }
    }

    /**
     * The code bytes as a segment (guard page excluded): writable before {@link #seal()}, a read-only
     * view afterwards (Java writes then throw {@link IllegalArgumentException}, "Attempt to write a
     * read-only segment", rather than fault). Unusable after {@link #close()}; keeps this code memory
     * from being freed by the cleaner while reachable.
     */
    public synchronized MemorySegment segment() {
        checkAlive();
        MemorySegment code = view();
        return sealed ? code.asReadOnly() : code;
    }

    /** A segment of the code in the views arena, which keeps this object reachable. */
    @SuppressWarnings("restricted") // the range is ours until close(), which closes the views arena first
    private MemorySegment view() {
        if (views == null) {
            views = Arena.ofShared();
        }
        CodeMemory self = this;
        return MemorySegment.ofAddress(region.address())
                .reinterpret(codeSize, views, ignored -> Reference.reachabilityFence(self));
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
        checkAlive();
        if (sealed) {
            throw new IllegalStateException("code memory at " + Libc.hex(address()) + " is sealed (read-execute)");
        }
        MemorySegment.copy(src, from, raw, ValueLayout.JAVA_BYTE, offset, length);
        written = Math.max(written, offset + length);
        return this;
    }

    /**
     * Makes the code read-execute ({@code mprotect(PROT_READ|PROT_EXEC)}); idempotent. The guard page
     * stays PROT_NONE. The code pages are {@linkplain CodeRanges#register registered} as generated code
     * for the guest-fault signal handler until they are freed.
     *
     * @throws IllegalStateException after {@link #close()}, or if the code-range table is full
     */
    public synchronized CodeMemory seal() {
        checkAlive();
        if (!sealed) {
            if (reused) {
                raw.asSlice(written).fill((byte) 0xCC); // what a previous program left: int3
            }
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
        checkAlive();
        if (!sealed) {
            throw new IllegalStateException("seal() the code memory before calling into it");
        }
        // the target is a segment of the views arena: the linker checks it is alive on each call and
        // keeps it alive (close() refuses) until the call returns
        MemorySegment target = view().asSlice(offset, codeSize - offset);
        MethodHandle handle = MethodHandles.insertArguments(LINKER.downcallHandle(function, options), 0, target);
        // bind this object into the handle (as an ignored argument) so that the handle keeps it reachable
        handle = MethodHandles.dropArguments(handle, 0, CodeMemory.class);
        return MethodHandles.insertArguments(handle, 0, this);
    }

    /**
     * Marks a call into the code as running (the fast path of a caller that holds this object and
     * calls {@link #target()} through its own downcall handle): {@link #close()} refuses until the
     * matching {@link #release()}.
     *
     * @throws IllegalStateException if closed (or not sealed)
     */
    public void acquire() {
        calls.incrementAndGet();
        if (closed || !sealed) {
            calls.decrementAndGet();
            checkAlive();
            throw new IllegalStateException("seal() the code memory before calling into it");
        }
    }

    /** Ends a call begun with {@link #acquire()}. */
    public void release() {
        calls.decrementAndGet();
    }

    /** The code as a global-scope segment: a downcall target valid only between acquire and release. */
    public MemorySegment target() {
        return raw;
    }

    /**
     * Frees the code and its guard page; idempotent.
     *
     * @throws IllegalStateException while a call through an entry handle, or an acquired call, is running
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true; // acquire() now fails; a call that acquired before this shows in calls
        if (calls.get() != 0) {
            closed = false;
            throw busy(null);
        }
        if (views != null) {
            try {
                views.close();
            } catch (IllegalStateException e) {
                closed = false;
                throw busy(e);
            }
        }
        cleanable.clean();
    }

    private IllegalStateException busy(Throwable cause) {
        return new IllegalStateException("cannot free the code at " + Libc.hex(address())
                + " while a native call that uses it is running", cause);
    }

    /** How many code memories are allocated and not yet freed (across all instances). */
    public static int liveCount() {
        return LIVE.get();
    }

    /** How many freed code regions are kept mapped for reuse. */
    public static int pooledCount() {
        return CodeRegionPool.size();
    }

    /** Unmaps every pooled code region. */
    public static void drainPool() {
        CodeRegionPool.drain();
    }

    @Override
    public String toString() {
        return "CodeMemory[" + Libc.hex(address()) + ", " + codeSize + " bytes"
                + (isClosed() ? ", closed" : isSealed() ? ", r-x" : ", rw-") + "]";
    }
}
