package io.jpvm.recompiler.internal.memory;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The physical pages of one invocation: a memfd ({@code memfd_create} + {@code ftruncate}) of whole
 * 4 KiB pages, mapped into {@link GuestWindow}s with {@link GuestWindow#mapPages}. Every window that
 * maps a store page sees the same bytes. New pages read as zero.
 *
 * <p>The store only grows: a page that exists stays valid for every mapping of it (touching a memfd
 * mapping beyond the file's size raises SIGBUS). {@link #close()} closes the descriptor; pages already
 * mapped stay valid until they are unmapped. A {@link Cleaner} closes the descriptor if {@code close()}
 * is never called.
 *
 * <p>The memfd is created with {@code MFD_NOEXEC_SEAL} where the kernel supports it (Linux 6.3+), so
 * guest pages can never be mapped executable. Thread-safe.
 */
public final class BackingStore implements AutoCloseable {
    /** The PVM page size, also the granule of the store. */
    public static final long PAGE_SIZE = 4096;
    /** The largest supported store, in pages (2^32 pages, 16 TiB). */
    public static final long MAX_PAGES = 1L << 32;

    private static final AtomicInteger LIVE = new AtomicInteger();
    /** Set once the kernel rejected MFD_NOEXEC_SEAL; later stores do not try it again. */
    private static volatile boolean noexecSealUnsupported;

    private final String name;
    private final int fd;
    private final Cleaner.Cleanable cleanable;
    private long pages;
    private boolean closed;

    private BackingStore(String name, int fd, long pages) {
        this.name = name;
        this.fd = fd;
        this.pages = pages;
        this.cleanable = MappedRegion.CLEANER.register(this, new CloseFd(fd));
    }

    /** A store named {@code jpvm-store} of {@code pages} zero pages. */
    public static BackingStore create(long pages) {
        return create("jpvm-store", pages);
    }

    /**
     * A store of {@code pages} zero pages; {@code name} shows in /proc/self/maps as
     * {@code /memfd:name (deleted)}.
     */
    public static BackingStore create(String name, long pages) {
        checkPages(pages);
        int fd = memfd(name);
        try {
            Libc.ftruncate(fd, pages * PAGE_SIZE);
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
        LIVE.incrementAndGet();
        return new BackingStore(name, fd, pages);
    }

    private static int memfd(String name) {
        if (!noexecSealUnsupported) {
            try {
                return Libc.memfdCreate(name, Libc.MFD_CLOEXEC | Libc.MFD_NOEXEC_SEAL);
            } catch (NativeMemoryException e) {
                if (e.errno() != Libc.EINVAL) {
                    throw e;
                }
                noexecSealUnsupported = true;
            }
        }
        return Libc.memfdCreate(name, Libc.MFD_CLOEXEC);
    }

    private static void checkPages(long pages) {
        if (pages < 0 || pages > MAX_PAGES) {
            throw new IllegalArgumentException("store size out of range: " + pages + " pages");
        }
    }

    /** The memfd's name. */
    public String name() {
        return name;
    }

    /** The file descriptor (valid until {@link #close()}). */
    public int fd() {
        return fd;
    }

    /** The current size in pages. */
    public synchronized long pages() {
        return pages;
    }

    /** The current size in bytes. */
    public synchronized long sizeBytes() {
        return pages * PAGE_SIZE;
    }

    /**
     * Grows the store to {@code newPages} pages (new pages read as zero); a size equal to the current
     * one does nothing.
     *
     * @throws IllegalArgumentException if {@code newPages} is smaller than the current size
     */
    public synchronized void grow(long newPages) {
        checkOpen();
        checkPages(newPages);
        if (newPages < pages) {
            throw new IllegalArgumentException("a store never shrinks: " + pages + " → " + newPages + " pages");
        }
        if (newPages > pages) {
            Libc.ftruncate(fd, newPages * PAGE_SIZE);
            pages = newPages;
        }
    }

    /** The byte offset of {@code page} in the memfd. */
    public synchronized long offsetOf(long page) {
        if (page < 0 || page >= pages) {
            throw new IndexOutOfBoundsException("page " + page + " outside a store of " + pages + " pages");
        }
        return page * PAGE_SIZE;
    }

    /** True once {@link #close()} has run. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Maps store pages {@code [page, page + count)} at {@code address} with MAP_SHARED | MAP_FIXED.
     * Locked so that the descriptor cannot be closed (and its number reused) under the mmap.
     */
    synchronized void mapAt(long address, long page, long count, boolean writable) {
        checkOpen();
        if (page < 0 || count <= 0 || page > pages - count) {
            throw new IllegalArgumentException("store pages [" + page + ", " + page + " + " + count
                    + ") outside a store of " + pages + " pages");
        }
        int prot = Libc.PROT_READ | (writable ? Libc.PROT_WRITE : 0);
        long got = Libc.mmap(address, count * PAGE_SIZE, prot, Libc.MAP_SHARED | Libc.MAP_FIXED, fd, page * PAGE_SIZE);
        if (got != address) { // impossible with MAP_FIXED; do not leave a stray mapping if it happens
            Libc.munmap(got, count * PAGE_SIZE);
            throw new IllegalStateException("mmap(MAP_FIXED) returned " + Libc.hex(got) + ", not " + Libc.hex(address));
        }
    }

    /**
     * Copies {@code length} bytes at byte {@code offset} of the store into native memory at
     * {@code buffer} ({@code pread}); the bytes must lie inside the store.
     */
    public synchronized void read(long offset, long buffer, int length) {
        checkOpen();
        checkBytes(offset, length);
        for (int done = 0; done < length; ) {
            long n = Libc.pread(fd, buffer + done, length - done, offset + done);
            if (n == 0) {
                throw new IllegalStateException("pread hit the end of " + this + " at byte " + (offset + done));
            }
            done += (int) n;
        }
    }

    /** Copies {@code length} bytes from native memory at {@code buffer} to byte {@code offset} of the store. */
    public synchronized void write(long offset, long buffer, int length) {
        checkOpen();
        checkBytes(offset, length);
        for (int done = 0; done < length; ) {
            done += (int) Libc.pwrite(fd, buffer + done, length - done, offset + done);
        }
    }

    private void checkBytes(long offset, int length) {
        if (offset < 0 || length < 0 || offset > pages * PAGE_SIZE - length) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + offset + " + " + length
                    + ") outside a store of " + pages + " pages");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("backing store " + name + " is closed");
        }
    }

    /** Closes the descriptor; idempotent. Mapped pages stay valid until unmapped. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }

    /** How many stores have an open descriptor right now. */
    public static int liveCount() {
        return LIVE.get();
    }

    @Override
    public synchronized String toString() {
        return "BackingStore[" + name + ", fd " + fd + ", " + pages + " pages" + (closed ? ", closed" : "") + "]";
    }

    /** The cleaner action; holds the descriptor number only. */
    private record CloseFd(int fd) implements Runnable {
        @Override
        public void run() {
            LIVE.decrementAndGet();
            try {
                Libc.close(fd);
            } catch (RuntimeException e) {
                System.getLogger(BackingStore.class.getName())
                        .log(System.Logger.Level.ERROR, "could not close memfd " + fd, e);
            }
        }
    }
}
