package io.jpvm.isa;

import static io.jpvm.isa.DeblobTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JarProgramTest {
    /** load_imm_64 r1, 0x4000; ecalli 0; trap, with a 1-entry jump table. */
    static final CodeBlob CODE = new CodeBlob(
            b(20, 1, 0, 0x40, 0, 0, 0, 0, 0, 0, 10, 0),
            new boolean[] {true, false, false, false, false, false, false, false, false, false, true, true},
            new int[] {11});

    static JarProgram sample() {
        byte[] sub = JarCode.write(CODE);
        byte[] data = new byte[sub.length + 3];
        System.arraycopy(sub, 0, data, 0, sub.length);
        data[sub.length] = 7;
        data[sub.length + 1] = 8;
        data[sub.length + 2] = 9;
        List<CapEntry> caps = List.of(
                CapEntry.code(64, 0, sub.length),
                new CapEntry(65, CapType.DATA, 0, 4, true, 0, 0),
                new CapEntry(66, CapType.DATA, 4, 1, false, sub.length, 3));
        return new JarProgram(37, 64, caps, data);
    }

    @Test
    void codeSubBlobLayout() {
        byte[] sub = JarCode.write(CODE);
        assertArrayEquals(b(1, 0, 0, 0, 1, 12, 0, 0, 0, 11), java.util.Arrays.copyOf(sub, 10));
        assertEquals(9 + 1 + 12 + 2, sub.length);
        assertEquals(CODE, JarCode.parse(sub));
        // trailing bytes after the bitmask are ignored
        byte[] longer = java.util.Arrays.copyOf(sub, sub.length + 5);
        assertEquals(CODE, JarCode.parse(longer));
        assertEquals(1, JarCode.minimalEntrySize(new CodeBlob(b(), new boolean[0], new int[0])));
        assertEquals(CODE, JarCode.parse(JarCode.write(CODE, 4)));
    }

    @Test
    void writesAndParsesTheManifest() {
        JarProgram jar = sample();
        byte[] blob = jar.write();
        assertTrue(JarProgram.hasMagic(blob));
        assertArrayEquals(b(0x4A, 0x41, 0x52, 0x02, 37, 0, 0, 0, 3, 64), java.util.Arrays.copyOf(blob, 10));
        assertEquals(10 + 3 * 19, jar.dataSectionOffset());
        JarProgram back = JarProgram.parse(blob);
        assertEquals(jar, back);
        assertArrayEquals(blob, back.write());
        assertEquals(CODE, back.invokeCode());
        assertArrayEquals(b(7, 8, 9), back.capData(back.cap(66)));
        assertArrayEquals(b(), back.capData(back.cap(65)));
        assertEquals(CapType.DATA, back.cap(65).type());
        assertTrue(back.cap(65).writable());
        assertFalse(back.cap(66).writable());
    }

    @Test
    void magicDetection() {
        assertFalse(JarProgram.hasMagic(b(0x4A, 0x41, 0x52)));
        assertFalse(JarProgram.hasMagic(b(0x4A, 0x41, 0x52, 0x01, 0)));
        assertFalse(JarProgram.hasMagic(null));
        assertTrue(JarProgram.hasMagic(b(0x4A, 0x41, 0x52, 0x02)));
    }

    private static BlobFormatException fails(byte[] blob, String field, long offset) {
        BlobFormatException e = assertThrows(BlobFormatException.class, () -> JarProgram.parse(blob));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        return e;
    }

    private static byte[] patched(int at, int... values) {
        byte[] blob = sample().write();
        for (int i = 0; i < values.length; i++) {
            blob[at + i] = (byte) values[i];
        }
        return blob;
    }

    private static final int E0 = 10;
    private static final int E1 = 10 + 19;
    private static final int E2 = 10 + 38;

    @Test
    void rejectsMalformedManifests() {
        fails(b(0x4A, 0x41, 0x52, 0x02, 0, 0, 0, 0, 0), "header", 0);
        fails(patched(3, 0x01), "magic", 0);
        fails(patched(8, 5), "cap_count", 8);
        fails(patched(8, 255), "cap_count", 8);
        fails(patched(E1 + 1, 2), "cap entry 1 cap_type", E1 + 1);
        fails(patched(E2 + 10, 2), "cap entry 2 init_access", E2 + 10);
        fails(patched(E1, 64), "cap entry 1 cap_index", E1);
        fails(patched(9, 65), "invoke_cap", 9);
        fails(patched(9, 99), "invoke_cap", 9);
        fails(patched(E2 + 15, 4), "cap entry 2 data_offset", E2 + 11);
        fails(patched(E2 + 11, 0xFF, 0xFF, 0xFF, 0xFF), "cap entry 2 data_offset", E2 + 11);
        fails(patched(E0 + 15, 0xFF, 0xFF, 0xFF, 0xFF), "cap entry 0 data_offset", E0 + 11);
        fails(patched(E1 + 2, 0, 0, 0x10, 0), "cap entry 1 page_count", E1 + 6);
        fails(patched(E1 + 6, 0xFF, 0xFF, 0xFF, 0xFF), "cap entry 1 page_count", E1 + 6);
        fails(patched(E2 + 6, 0), "cap entry 2 data_len", E2 + 15);
    }

    @Test
    void dataLenZeroIgnoresTheOffset() {
        byte[] blob = patched(E1 + 11, 0xFF, 0xFF, 0xFF, 0xFF);
        JarProgram jar = JarProgram.parse(blob);
        assertEquals(0xFFFF_FFFFL, jar.cap(65).dataOffset());
        assertArrayEquals(blob, jar.write());
    }

    @Test
    void codeOfReportsOffsetsInTheWholeManifest() {
        JarProgram jar = sample();
        byte[] blob = jar.write();
        int sub = jar.dataSectionOffset();
        blob[sub + 4] = 0; // entry_size 0
        BlobFormatException e = assertThrows(BlobFormatException.class, () -> JarProgram.parse(blob).invokeCode());
        assertEquals("cap 64 entry_size", e.field());
        assertEquals(sub + 4, e.offset());
        byte[] blob2 = jar.write();
        blob2[sub + 5] = (byte) 0xF0; // code_len huge
        e = assertThrows(BlobFormatException.class, () -> JarProgram.parse(blob2).invokeCode());
        assertEquals("cap 64 code_len", e.field());
        byte[] blob3 = jar.write();
        blob3[sub + 9 + 1 + 12 + 1] = (byte) 0x10; // padding bit 12 of the bitmask
        e = assertThrows(BlobFormatException.class, () -> JarProgram.parse(blob3).invokeCode());
        assertEquals("cap 64 bitmask", e.field());
    }

    @Test
    void constructorValidatesToo() {
        List<CapEntry> caps = new ArrayList<>(sample().caps());
        caps.add(new CapEntry(64, CapType.DATA, 0, 1, true, 0, 0));
        assertThrows(BlobFormatException.class, () -> new JarProgram(0, 64, caps, sample().dataSection()));
        assertThrows(IllegalArgumentException.class, () -> new CapEntry(256, CapType.CODE, 0, 0, false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CapEntry(1, CapType.CODE, -1, 0, false, 0, 0));
    }
}
