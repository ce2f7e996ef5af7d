package io.jpvm.recompiler.internal.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.recompiler.internal.memory.CodeMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The registry, checked through the native table exactly as the handler reads it. Fake ranges sit
 * above 2^47 (never a user-space address), so they can never match real code.
 */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class CodeRangesTest {
    static final long PAGE = 4096;
    static final long FAKE = 0x000F_0000_0000_0000L;

    @Test
    void registerContainsUnregister() {
        long lo = FAKE + 0x10 * PAGE;
        long hi = lo + 3 * PAGE;
        int before = CodeRanges.count();
        CodeRanges.register(lo, hi);
        try {
            assertEquals(before + 1, CodeRanges.count());
            assertTrue(CodeRanges.contains(lo));
            assertTrue(CodeRanges.contains(lo + 1234));
            assertTrue(CodeRanges.contains(hi - 1));
            assertFalse(CodeRanges.contains(hi));
            assertFalse(CodeRanges.contains(lo - 1));
            assertFalse(CodeRanges.unregister(lo, hi - PAGE), "not an exact registered range");
            assertFalse(CodeRanges.unregister(lo + PAGE, hi));
        } finally {
            assertTrue(CodeRanges.unregister(lo, hi));
        }
        assertFalse(CodeRanges.contains(lo + 1234));
        assertFalse(CodeRanges.unregister(lo, hi), "twice");
        assertEquals(before, CodeRanges.count());
    }

    @Test
    void rejectsBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> CodeRanges.register(FAKE + 1, FAKE + PAGE));
        assertThrows(IllegalArgumentException.class, () -> CodeRanges.register(FAKE, FAKE + PAGE + 8));
        assertThrows(IllegalArgumentException.class, () -> CodeRanges.register(FAKE, FAKE));
        assertThrows(IllegalArgumentException.class, () -> CodeRanges.register(FAKE + PAGE, FAKE));
        assertThrows(IllegalArgumentException.class, () -> CodeRanges.register(-PAGE, 0));
        assertThrows(IllegalArgumentException.class,
                () -> CodeRanges.register(CodeRanges.ADDRESS_LIMIT - PAGE, CodeRanges.ADDRESS_LIMIT + PAGE));
        assertThrows(IllegalArgumentException.class,
                () -> CodeRanges.register(FAKE, FAKE + CodeRanges.MAX_LENGTH + PAGE));
        // the longest range and the last page below the limit encode and decode
        CodeRanges.register(FAKE, FAKE + CodeRanges.MAX_LENGTH);
        CodeRanges.register(CodeRanges.ADDRESS_LIMIT - PAGE, CodeRanges.ADDRESS_LIMIT);
        try {
            assertTrue(CodeRanges.contains(FAKE + CodeRanges.MAX_LENGTH - 1));
            assertFalse(CodeRanges.contains(FAKE + CodeRanges.MAX_LENGTH));
            assertTrue(CodeRanges.contains(CodeRanges.ADDRESS_LIMIT - 1));
        } finally {
            assertTrue(CodeRanges.unregister(FAKE, FAKE + CodeRanges.MAX_LENGTH));
            assertTrue(CodeRanges.unregister(CodeRanges.ADDRESS_LIMIT - PAGE, CodeRanges.ADDRESS_LIMIT));
        }
    }

    @Test
    void overlapsAreRefused() {
        long lo = FAKE + 0x100 * PAGE;
        CodeRanges.register(lo, lo + 4 * PAGE);
        try {
            assertThrows(IllegalArgumentException.class, () -> CodeRanges.register(lo, lo + PAGE));
            assertThrows(IllegalArgumentException.class, () -> CodeRanges.register(lo - PAGE, lo + PAGE));
            assertThrows(IllegalArgumentException.class, () -> CodeRanges.register(lo + 3 * PAGE, lo + 5 * PAGE));
            assertThrows(IllegalArgumentException.class, () -> CodeRanges.register(lo - PAGE, lo + 9 * PAGE));
            CodeRanges.register(lo - PAGE, lo); // adjacent is fine
            CodeRanges.register(lo + 4 * PAGE, lo + 5 * PAGE);
            assertTrue(CodeRanges.unregister(lo - PAGE, lo));
            assertTrue(CodeRanges.unregister(lo + 4 * PAGE, lo + 5 * PAGE));
        } finally {
            assertTrue(CodeRanges.unregister(lo, lo + 4 * PAGE));
        }
    }

    @Test
    void fillsToCapacityReusesSlotsAndShrinksTheScan() {
        int baseCount = CodeRanges.count();
        int baseSlots = CodeRanges.slotsInUse();
        int free = CodeRanges.CAPACITY - baseCount;
        long lo = FAKE + (1L << 40);
        for (int i = 0; i < free; i++) {
            CodeRanges.register(lo + i * 2 * PAGE, lo + i * 2 * PAGE + PAGE);
        }
        try {
            assertEquals(CodeRanges.CAPACITY, CodeRanges.count());
            assertEquals(CodeRanges.CAPACITY, CodeRanges.slotsInUse());
            IllegalStateException full = assertThrows(IllegalStateException.class,
                    () -> CodeRanges.register(FAKE, FAKE + PAGE));
            assertTrue(full.getMessage().contains("in use"), full::getMessage);
            assertTrue(CodeRanges.contains(lo + (free - 1) * 2 * PAGE));
            // free one in the middle: the next registration takes its slot
            long mid = lo + (free / 2) * 2 * PAGE;
            assertTrue(CodeRanges.unregister(mid, mid + PAGE));
            assertFalse(CodeRanges.contains(mid));
            CodeRanges.register(FAKE, FAKE + PAGE);
            assertTrue(CodeRanges.contains(FAKE));
            assertTrue(CodeRanges.unregister(FAKE, FAKE + PAGE));
            CodeRanges.register(mid, mid + PAGE);
        } finally {
            for (int i = free - 1; i >= 0; i--) {
                assertTrue(CodeRanges.unregister(lo + i * 2 * PAGE, lo + i * 2 * PAGE + PAGE));
            }
        }
        assertEquals(baseCount, CodeRanges.count());
        assertTrue(CodeRanges.slotsInUse() <= Math.max(baseSlots, baseCount), "scan length shrank back");
    }

    @Test
    void codeMemoryIsRegisteredFromSealUntilClose() {
        CodeMemory code = CodeMemory.allocate(100);
        long lo = code.address();
        assertFalse(CodeRanges.contains(lo), "not before seal");
        code.write(new byte[] {(byte) 0xC3}).seal();
        assertTrue(CodeRanges.contains(lo));
        assertTrue(CodeRanges.contains(lo + code.size() - 1));
        assertFalse(CodeRanges.contains(code.guardAddress()), "the guard page is not code");
        code.seal(); // idempotent, no double registration
        code.close();
        assertFalse(CodeRanges.contains(lo));
    }

    @Test
    void abandonedCodeMemoryIsUnregisteredByTheCleaner() throws InterruptedException {
        long lo = abandon();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (CodeRanges.contains(lo) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertFalse(CodeRanges.contains(lo), "the cleaner unregistered the range before unmapping it");
    }

    private static long abandon() {
        CodeMemory code = CodeMemory.allocate(1).write(new byte[] {(byte) 0xC3}).seal();
        assertTrue(CodeRanges.contains(code.address()));
        return code.address();
    }
}
