package io.jpvm.recompiler.internal.runtime;

import io.jpvm.kernel.PhysicalMemory;
import io.jpvm.recompiler.internal.memory.BackingStore;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The recompiler's {@link PhysicalMemory}: one memfd ({@link BackingStore}) per invocation, physical
 * page p at file offset 4096·p, created on the first write or mapping and grown (doubling, up to the
 * invocation's page count) as higher pages are used; pages never touched read as zeros and cost
 * nothing. Guest windows map its pages MAP_SHARED, so a page mapped by several VMs (GRANT) is the same
 * memory in every window; the host reads and writes it with pread/pwrite. Also holds the
 * invocation's {@link WindowLeases}. Confined to the invocation's thread.
 */
public final class NativeMemory implements PhysicalMemory {
    private static final long INITIAL_PAGES = 16;

    private final long pageCount;
    private final WindowLeases windows = new WindowLeases();
    private BackingStore store;
    private MemorySegment buffer;
    private boolean closed;

    public NativeMemory(long pageCount) {
        if (pageCount < 0 || pageCount > PageMap.PHYSICAL_PAGES) {
            throw new IllegalArgumentException("page count " + pageCount + " out of range");
        }
        this.pageCount = pageCount;
    }

    @Override
    public long pageCount() {
        return pageCount;
    }

    public WindowLeases windows() {
        return windows;
    }

    /** The memfd, created or grown so that it holds page {@code page}. */
    public BackingStore storeFor(long page) {
        checkPage(page);
        if (closed) {
            throw new IllegalStateException("the invocation's memory is closed");
        }
        if (store == null) {
            store = BackingStore.create("jpvm-invocation", Math.min(pageCount, Math.max(INITIAL_PAGES, page + 1)));
        } else if (page >= store.pages()) {
            store.grow(Math.min(pageCount, Math.max(page + 1, store.pages() * 2)));
        }
        return store;
    }

    private void checkPage(long page) {
        if (page < 0 || page >= pageCount) {
            throw new IndexOutOfBoundsException("page " + page + " of a memory of " + pageCount + " pages");
        }
    }

    private void check(long page, int offset, int length) {
        checkPage(page);
        if (offset < 0 || length < 0 || offset > PAGE_SIZE - length) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + offset + " + " + length + ") of a page");
        }
    }

    private MemorySegment buffer() {
        if (buffer == null) {
            buffer = Arena.ofAuto().allocate(PAGE_SIZE, 64);
        }
        return buffer;
    }

    @Override
    public void read(long page, int offset, byte[] dst, int dstOffset, int length) {
        check(page, offset, length);
        if (closed) {
            throw new IllegalStateException("the invocation's memory is closed");
        }
        if (store == null || page >= store.pages()) {
            java.util.Arrays.fill(dst, dstOffset, dstOffset + length, (byte) 0);
            return;
        }
        MemorySegment b = buffer();
        store.read(page * PAGE_SIZE + offset, b.address(), length);
        MemorySegment.copy(b, ValueLayout.JAVA_BYTE, 0, dst, dstOffset, length);
    }

    @Override
    public void write(long page, int offset, byte[] src, int srcOffset, int length) {
        check(page, offset, length);
        BackingStore s = storeFor(page);
        MemorySegment b = buffer();
        MemorySegment.copy(src, srcOffset, b, ValueLayout.JAVA_BYTE, 0, length);
        s.write(page * PAGE_SIZE + offset, b.address(), length);
    }

    /** The invocation has ended: its windows go back to the shared pool. */
    @Override
    public void endRuns() {
        windows.releaseAll();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            windows.releaseAll();
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }
}
