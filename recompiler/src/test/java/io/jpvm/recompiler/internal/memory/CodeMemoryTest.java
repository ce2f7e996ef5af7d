package io.jpvm.recompiler.internal.memory;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.recompiler.internal.memory.ProcMaps.Mapping;
import io.jpvm.recompiler.internal.signal.CodeRanges;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class CodeMemoryTest {
    /** {@code mov rax, rdi; add rax, rsi; ret}. */
    static final byte[] ADD = {0x48, (byte) 0x89, (byte) 0xf8, 0x48, 0x01, (byte) 0xf0, (byte) 0xc3};
    /** {@code mov eax, 42; ret}. */
    static final byte[] RET42 = {(byte) 0xb8, 42, 0, 0, 0, (byte) 0xc3};
    /** {@code l: pause; mov rax, [rdi]; test rax, rax; jz l; ret} — spins until *rdi != 0, returns it. */
    static final byte[] SPIN = {(byte) 0xf3, (byte) 0x90, 0x48, (byte) 0x8b, 0x07, 0x48, (byte) 0x85, (byte) 0xc0,
            0x74, (byte) 0xf6, (byte) 0xc3};

    static final FunctionDescriptor LONG_LONG_LONG = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG);
    static final FunctionDescriptor INT_VOID = FunctionDescriptor.of(JAVA_INT);

    @Test
    void generatedCodeRuns() throws Throwable {
        try (CodeMemory add = CodeMemory.allocate(ADD.length); CodeMemory ret42 = CodeMemory.allocate(RET42.length)) {
            MethodHandle addFn = add.write(ADD).seal().entry(LONG_LONG_LONG);
            MethodHandle fortyTwo = ret42.write(RET42).seal().entry(INT_VOID);
            assertEquals(7L, (long) addFn.invokeExact(3L, 4L));
            assertEquals(-1L, (long) addFn.invokeExact(Long.MAX_VALUE, Long.MIN_VALUE));
            assertEquals(Long.MIN_VALUE, (long) addFn.invokeExact(Long.MAX_VALUE, 1L)); // wraps like the ISA
            assertEquals(42, (int) fortyTwo.invokeExact());
        }
    }

    @Test
    void entriesAtOffsetsInOneRegion() throws Throwable {
        try (CodeMemory code = CodeMemory.allocate(64)) {
            code.write(0, ADD).write(32, RET42).seal();
            assertEquals(5L, (long) code.entry(0, LONG_LONG_LONG).invokeExact(2L, 3L));
            assertEquals(42, (int) code.entry(32, INT_VOID).invokeExact());
            assertThrows(IndexOutOfBoundsException.class, () -> code.entry(code.size(), INT_VOID));
        }
    }

    @Test
    void sizeIsRoundedUpToPagesWithAGuardBehind() {
        long page = Libc.pageSize();
        try (CodeMemory zero = CodeMemory.allocate(0); CodeMemory big = CodeMemory.allocate(page + 1)) {
            assertEquals(page, zero.size());
            assertEquals(2 * page, big.size());
            assertEquals(0, big.address() % page);
            assertEquals(big.address() + 2 * page, big.guardAddress());
            ProcMaps.assertRange(big.guardAddress(), big.guardAddress() + page, "---p");
        }
    }

    @Test
    void neverWritableAndExecutableAndGuardStaysNone() {
        long page = Libc.pageSize();
        try (CodeMemory code = CodeMemory.allocate(3 * page)) {
            long start = code.address();
            long end = start + code.size();
            long guard = code.guardAddress();

            ProcMaps.assertRange(start, end, "rw-p");
            assertNoWritableExecutable(start, guard + page);
            ProcMaps.assertRange(guard, guard + page, "---p");

            code.write(0, ADD).write(2 * page, RET42);
            ProcMaps.assertRange(start, end, "rw-p");
            assertNoWritableExecutable(start, guard + page);
            ProcMaps.assertRange(guard, guard + page, "---p");

            code.seal();
            ProcMaps.assertRange(start, end, "r-xp");
            assertNoWritableExecutable(start, guard + page);
            ProcMaps.assertRange(guard, guard + page, "---p");
        }
    }

    /** No mapping created by this layer (code, windows and the memfd pages inside them) is ever w and x. */
    @Test
    void noProjectMappingIsWritableAndExecutable() {
        try (CodeMemory a = CodeMemory.allocate(100);
                CodeMemory b = CodeMemory.allocate(10_000);
                BackingStore store = BackingStore.create("jpvm-rwx-scan", 4);
                GuestWindow w = GuestWindow.reserve()) {
            a.write(RET42).seal();
            b.write(ADD);
            w.mapPages(16, store, 0, 2, true);
            w.mapPages(32, store, 2, 2, false);
            List<MappedRegion.Range> ours = MappedRegion.liveRanges();
            assertTrue(ours.size() >= 3);
            for (MappedRegion.Range r : ours) {
                assertNoWritableExecutable(r.address(), r.end());
            }
            for (Mapping m : ProcMaps.read()) {
                if (m.path().startsWith("/memfd:jpvm")) {
                    assertFalse(m.executable(), () -> "executable memfd mapping " + m);
                }
            }
        }
    }

    static void assertNoWritableExecutable(long from, long to) {
        for (Mapping m : ProcMaps.overlapping(from, to)) {
            assertFalse(m.writable() && m.executable(), () -> "writable and executable: " + m);
        }
    }

    @Test
    void sealedCodeCannotBeWritten() {
        try (CodeMemory code = CodeMemory.allocate(ADD.length)) {
            code.write(ADD);
            assertFalse(code.segment().isReadOnly());
            code.seal().seal(); // idempotent
            assertTrue(code.isSealed());
            ProcMaps.assertRange(code.address(), code.address() + code.size(), "r-xp");
            assertThrows(IllegalStateException.class, () -> code.write(RET42));
            MemorySegment view = code.segment();
            assertTrue(view.isReadOnly());
            // refused by the Java-level read-only check before any native access happens
            assertThrows(IllegalArgumentException.class, () -> view.set(JAVA_BYTE, 0, (byte) 0x90));
            assertEquals((byte) 0x48, view.get(JAVA_BYTE, 0)); // reading r-x code is fine
            ProcMaps.assertRange(code.address(), code.address() + code.size(), "r-xp");
        }
    }

    @Test
    void entryNeedsSealAndDiesWithClose() throws Throwable {
        CodeMemory code = CodeMemory.allocate(RET42.length).write(RET42);
        assertThrows(IllegalStateException.class, () -> code.entry(INT_VOID));
        MethodHandle fn = code.seal().entry(INT_VOID);
        MemorySegment segment = code.segment();
        assertEquals(42, (int) fn.invokeExact());
        long address = code.address();
        code.close();
        code.close(); // idempotent
        assertTrue(code.isClosed());
        // a stale handle or segment fails in Java instead of jumping into / reading freed memory
        assertThrows(IllegalStateException.class, () -> {
            int unused = (int) fn.invokeExact();
        });
        assertThrows(IllegalStateException.class, () -> segment.get(JAVA_BYTE, 0));
        assertThrows(IllegalStateException.class, code::seal);
        assertThrows(IllegalStateException.class, () -> code.entry(INT_VOID));
        Mapping after = ProcMaps.at(address);
        assertTrue(after == null || !after.executable() || after.start() > address, () -> "still mapped: " + after);
    }

    /** Holding only an entry handle keeps the code mapped; dropping it lets the cleaner free the code. */
    @Test
    void anEntryHandleKeepsItsCodeAlive() throws Throwable {
        int before = CodeMemory.liveCount();
        MethodHandle fn = abandonedCodeBehind();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(before + 1, CodeMemory.liveCount());
        assertEquals(42, (int) fn.invokeExact());
        fn = null;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (CodeMemory.liveCount() > before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(before, CodeMemory.liveCount());
    }

    private static MethodHandle abandonedCodeBehind() {
        return CodeMemory.allocate(RET42.length).write(RET42).seal().entry(INT_VOID);
    }

    @Test
    void closeIsRefusedWhileACallRuns() throws Exception {
        CodeMemory code = CodeMemory.allocate(SPIN.length);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment flag = arena.allocate(JAVA_LONG);
            MethodHandle spin = code.write(SPIN).seal().entry(FunctionDescriptor.of(JAVA_LONG, ADDRESS));
            CompletableFuture<Long> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return (long) spin.invokeExact(flag);
                } catch (Throwable t) {
                    throw new RuntimeException(t);
                }
            });
            try {
                Thread.sleep(100); // let the call start (if it has not, close() would succeed: the test would fail)
                IllegalStateException refused = assertThrows(IllegalStateException.class, code::close);
                assertTrue(refused.getMessage().contains("running"), refused::getMessage);
                assertFalse(code.isClosed());
            } finally {
                flag.set(JAVA_LONG, 0, 77L); // releases the spinning call in every case
            }
            assertEquals(77L, result.get(10, TimeUnit.SECONDS));
            code.close();
            assertTrue(code.isClosed());
        } finally {
            code.close();
        }
    }

    @Test
    void freedCodeIsPooledInaccessibleAndReusedForTheSameSize() throws Throwable {
        long page = Libc.pageSize();
        long size = 37 * page; // a size no other test uses
        CodeMemory first = CodeMemory.allocate(size).write(RET42).seal();
        long address = first.address();
        assertTrue(CodeRanges.contains(address));
        first.close();
        assertFalse(CodeRanges.contains(address), "a pooled region is not generated code for the fault handler");
        ProcMaps.assertRange(address, address + size, "---p");
        ProcMaps.assertRange(address + size, address + size + page, "---p");
        assertTrue(CodeMemory.pooledCount() >= 1);

        CodeMemory second = CodeMemory.allocate(size);
        try {
            assertEquals(address, second.address(), "the pooled region serves the next allocation of its size");
            ProcMaps.assertRange(address, address + size, "rw-p");
            MethodHandle fn = second.write(ADD).seal().entry(LONG_LONG_LONG);
            for (long k = ADD.length; k < size; k += 997) {
                assertEquals((byte) 0xCC, second.segment().get(JAVA_BYTE, k), "old code beyond the new is int3");
            }
            assertEquals(9L, (long) fn.invokeExact(4L, 5L));
            assertTrue(CodeRanges.contains(address));
            assertNoWritableExecutable(address, address + size + page);
        } finally {
            second.close();
        }
        CodeMemory.drainPool();
        assertEquals(0, CodeMemory.pooledCount());
        assertEquals(null, ProcMaps.at(address), "drained regions are unmapped");
    }

    @Test
    void thePoolIsBounded() {
        long page = Libc.pageSize();
        for (int k = 0; k < 3 * CodeRegionPool.MAX_REGIONS; k++) {
            CodeMemory.allocate((50 + k) * page).close();
            assertTrue(CodeMemory.pooledCount() <= CodeRegionPool.MAX_REGIONS);
        }
        CodeMemory.drainPool();
    }

    @Test
    void acquiredCallsHoldOffClose() {
        CodeMemory code = CodeMemory.allocate(RET42.length).write(RET42);
        assertThrows(IllegalStateException.class, code::acquire, "not sealed");
        code.seal();
        code.acquire();
        IllegalStateException refused = assertThrows(IllegalStateException.class, code::close);
        assertTrue(refused.getMessage().contains("running"), refused::getMessage);
        assertFalse(code.isClosed());
        code.release();
        code.close();
        assertTrue(code.isClosed());
        assertThrows(IllegalStateException.class, code::acquire);
    }

    @Test
    void failuresNameTheCallAndErrno() {
        NativeMemoryException e = assertThrows(NativeMemoryException.class,
                () -> Libc.mprotect(0x1001, 8192, Libc.PROT_READ | Libc.PROT_EXEC));
        assertEquals("mprotect(0x1001, 8192, PROT_READ|PROT_EXEC) failed: errno 22 (EINVAL)", e.getMessage());
        assertEquals("mprotect", e.function());
        assertEquals(22, e.errno());

        e = assertThrows(NativeMemoryException.class, () -> Libc.mmap(0, 0, Libc.PROT_READ,
                Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0));
        assertEquals("mmap(0x0, 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) failed: errno 22 (EINVAL)",
                e.getMessage());

        e = assertThrows(NativeMemoryException.class, () -> Libc.close(-1));
        assertEquals("close(-1) failed: errno 9 (EBADF)", e.getMessage());
        e = assertThrows(NativeMemoryException.class, () -> Libc.ftruncate(-1, 4096));
        assertEquals(9, e.errno());
        e = assertThrows(NativeMemoryException.class, () -> Libc.munmap(0x1001, 4096));
        assertEquals(22, e.errno());
        assertTrue(Libc.pageSize() >= 4096);
        assertEquals(Libc.pageSize(), Libc.sysconf(Libc.SC_PAGESIZE));
    }
}
