package io.jpvm.kernel;

/**
 * The physical pages of one invocation, created by its {@link Engine} ({@link Engine#newMemory}) and
 * shared by every VM of the invocation: the kernel carves DATA caps out of it and maps its pages into
 * the VMs' address spaces through {@link Execution#map}; the embedder's memory accesses (arguments,
 * manifest data, {@code readMemory}/{@code writeDataCap} …) go through {@link #read}/{@link #write}.
 * A page is named by its number, 0 ≤ page &lt; {@link #pageCount()}; a page never written reads as
 * zeros. The same page may be mapped by several VMs (GRANT); a write through any writable mapping is
 * visible at once through every other mapping and to {@link #read}.
 *
 * <p>The interpreter's memory ({@link #heap}) keeps a {@code byte[4096]} per page; the recompiler's is
 * a memfd that its guest windows map. Confined to the invocation's thread, like the invocation.
 */
public interface PhysicalMemory extends AutoCloseable {
    /** Bytes per page. */
    int PAGE_SIZE = 4096;

    /** How many pages this memory may hold (the invocation's {@code memory_pages}). */
    long pageCount();

    /**
     * Copies {@code length} bytes of page {@code page} from byte {@code offset} into {@code dst} at
     * {@code dstOffset}; {@code offset + length ≤ 4096}.
     */
    void read(long page, int offset, byte[] dst, int dstOffset, int length);

    /** Copies {@code length} bytes of {@code src} from {@code srcOffset} into page {@code page} at {@code offset}. */
    void write(long page, int offset, byte[] src, int srcOffset, int length);

    /**
     * No execution will run on this memory until the next {@link Execution#run()}: an engine may give
     * back what it holds only for running (the recompiler returns its guest windows to a shared pool).
     * {@link #read} and {@link #write} stay valid. The kernel calls it when an invocation ends.
     */
    default void endRuns() {}

    /** Frees whatever the memory holds outside the Java heap; idempotent. Nothing may use it afterwards. */
    @Override
    default void close() {}

    /** A portable memory of {@code pageCount} pages in the Java heap, one array per page touched. */
    static PhysicalMemory heap(long pageCount) {
        return new io.jpvm.kernel.internal.HeapMemory(pageCount);
    }
}
