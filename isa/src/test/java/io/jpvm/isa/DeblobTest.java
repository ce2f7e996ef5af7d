package io.jpvm.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeblobTest {

    static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    private static BlobFormatException fails(byte[] blob, String field, long offset) {
        BlobFormatException e = assertThrows(BlobFormatException.class, () -> Deblob.parse(blob));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + " at byte " + offset + ": "), e.getMessage());
        return e;
    }

    @Test
    void parsesInstAdd64() {
        byte[] blob = b(0, 0, 3, 200, 135, 9, 1);
        Deblob d = Deblob.parse(blob);
        assertEquals(0, d.entrySize());
        assertEquals(3, d.code().length());
        assertArrayEquals(new boolean[] {true, false, false}, d.code().bitmask());
        assertArrayEquals(blob, d.write());
    }

    @Test
    void parsesJumpTableWithTwoByteEntries() {
        // 2 entries of 2 bytes: 0x0102, 5; code of 2 bytes
        byte[] blob = b(2, 2, 2, 0x02, 0x01, 5, 0, 0, 0, 0b11);
        Deblob d = Deblob.parse(blob);
        assertArrayEquals(new int[] {0x102, 5}, d.code().jumpTable());
        assertEquals(2, d.entrySize());
        assertArrayEquals(blob, d.write());
        assertEquals(2, Deblob.of(d.code()).entrySize());
    }

    @Test
    void minimalEntrySize() {
        assertEquals(0, Deblob.of(code(new int[0])).entrySize());
        assertEquals(1, Deblob.of(code(new int[] {0})).entrySize());
        assertEquals(1, Deblob.of(code(new int[] {255})).entrySize());
        assertEquals(2, Deblob.of(code(new int[] {256})).entrySize());
        assertEquals(3, Deblob.of(code(new int[] {1 << 16})).entrySize());
        assertEquals(4, Deblob.of(code(new int[] {1 << 24})).entrySize());
        assertEquals(4, Deblob.of(code(new int[] {-1})).entrySize());
    }

    private static CodeBlob code(int[] table) {
        return new CodeBlob(new byte[] {0}, new boolean[] {true}, table);
    }

    @Test
    void rejectsMalformedBlobs() {
        fails(b(), "jump table length", 0);
        fails(b(0, 0), "code length", 2);
        fails(b(0, 0, 3, 200, 135, 9, 1, 0), "trailing data", 7);
        fails(b(0, 0, 3, 200, 135, 9, 0x09), "bitmask", 6);
        fails(b(0, 0, 3, 200, 135), "code length", 2);
        fails(b(0, 0, 3, 200, 135, 9), "code length", 2);
        fails(b(1, 5, 0, 0, 0, 0, 0, 0), "jump table entry size", 1);
        fails(b(1, 0, 0), "jump table entry size", 1);
        fails(b(3, 1, 0, 1, 2), "jump table length", 0);
        fails(b(0x80, 0x05, 0, 0), "jump table length", 0);
        fails(b(0xC0), "jump table length", 0);
    }

    @Test
    void hugeDeclaredLengthsDoNotAllocate() {
        fails(b(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0), "jump table length", 0);
        fails(b(0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F), "code length", 2);
        fails(b(0, 0, 0xF0, 0xFF, 0xFF, 0xFF), "code length", 2);
    }

    @Test
    void emptyCode() {
        byte[] blob = b(0, 0, 0);
        Deblob d = Deblob.parse(blob);
        assertEquals(0, d.code().length());
        assertArrayEquals(blob, d.write());
    }

    @Test
    void constructorChecksTheEntrySize() {
        assertThrows(BlobFormatException.class, () -> new Deblob(code(new int[] {1}), 0));
        assertThrows(BlobFormatException.class, () -> new Deblob(code(new int[] {256}), 1));
        assertThrows(BlobFormatException.class, () -> new Deblob(code(new int[0]), 5));
        assertEquals(3, new Deblob(code(new int[0]), 3).entrySize());
        assertArrayEquals(b(0, 3, 1, 0, 1), new Deblob(code(new int[0]), 3).write());
    }
}
