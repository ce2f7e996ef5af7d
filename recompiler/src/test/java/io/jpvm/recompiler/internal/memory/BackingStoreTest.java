package io.jpvm.recompiler.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class BackingStoreTest {
    @Test
    void memfdSizedInPagesThatOnlyGrows() throws IOException {
        try (BackingStore store = BackingStore.create("jpvm-store-test", 3)) {
            Path fd = Path.of("/proc/self/fd/" + store.fd());
            assertTrue(Files.readSymbolicLink(fd).toString().startsWith("/memfd:jpvm-store-test"));
            assertEquals(3, store.pages());
            assertEquals(3 * 4096, Files.size(fd));
            assertEquals(2 * 4096, store.offsetOf(2));
            assertThrows(IndexOutOfBoundsException.class, () -> store.offsetOf(3));
            assertThrows(IndexOutOfBoundsException.class, () -> store.offsetOf(-1));

            store.grow(10);
            assertEquals(10, store.pages());
            assertEquals(10 * 4096, Files.size(fd));
            assertEquals(9 * 4096, store.offsetOf(9));
            store.grow(10);
            assertThrows(IllegalArgumentException.class, () -> store.grow(9));
            assertThrows(IllegalArgumentException.class, () -> BackingStore.create(-1));
        }
    }

    @Test
    void closeClosesTheDescriptorOnce() throws IOException {
        int before = BackingStore.liveCount();
        BackingStore store = BackingStore.create("jpvm-close-test", 1);
        assertEquals(before + 1, BackingStore.liveCount());
        Path fd = Path.of("/proc/self/fd/" + store.fd());
        store.close();
        store.close();
        assertTrue(store.isClosed());
        assertEquals(before, BackingStore.liveCount());
        // the number may have been reused by now, but not for our memfd
        assertFalse(Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && Files.readSymbolicLink(fd).toString().startsWith("/memfd:jpvm-close-test"));
        assertThrows(IllegalStateException.class, () -> store.grow(2));
    }
}
