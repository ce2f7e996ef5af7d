package io.jpvm.isa;

import static io.jpvm.isa.DeblobTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StandardProgramTest {
    private static final Deblob ADD = Deblob.parse(b(0, 0, 3, 200, 135, 9, 1));

    @Test
    void writesAndParsesTheFixedWidthLayout() {
        StandardProgram p = new StandardProgram(b(1, 2), b(3), 0x102, 0x030201, ADD);
        byte[] blob = p.write();
        assertArrayEquals(b(2, 0, 0, 1, 0, 0, 0x02, 0x01, 0x01, 0x02, 0x03, 1, 2, 3, 7, 0, 0, 0,
                0, 0, 3, 200, 135, 9, 1), blob);
        StandardProgram back = StandardProgram.parse(blob);
        assertEquals(p, back);
        assertArrayEquals(blob, back.write());
    }

    @Test
    void rejectsMalformedPrograms() {
        byte[] good = new StandardProgram(b(1, 2), b(3), 1, 4096, ADD).write();
        assertField("ro_data length", 0, b(1, 0));
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertField("code length", 14, trailing);
        byte[] shortCode = java.util.Arrays.copyOf(good, good.length - 1);
        assertField("code length", 14, shortCode);
        byte[] bigRo = good.clone();
        bigRo[2] = 0x7F;
        assertField("ro_data length", 0, bigRo);
        byte[] badInner = good.clone();
        badInner[good.length - 1] = (byte) 0x81;
        assertField("code bitmask", good.length - 1, badInner);
    }

    private static void assertField(String field, long offset, byte[] blob) {
        BlobFormatException e = assertThrows(BlobFormatException.class, () -> StandardProgram.parse(blob));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    @Test
    void layoutFollowsGpA7() {
        StandardProgram p = new StandardProgram(new byte[5000], new byte[100], 2, 8192, ADD);
        StandardLayout l = p.layout(b(9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
        assertEquals(0x10000, l.readOnlyData().address());
        assertEquals(8192, l.readOnlyData().length());
        assertFalse(l.readOnlyData().writable());
        assertEquals(0x30000, l.readWriteData().address());
        assertEquals(4096 + 2 * 4096, l.readWriteData().length());
        assertTrue(l.readWriteData().writable());
        assertEquals(0xFEFE0000L - 8192, l.stack().address());
        assertEquals(8192, l.stack().length());
        assertEquals(0xFEFF0000L, l.arguments().address());
        assertEquals(4096, l.arguments().length());
        assertArrayEquals(b(9, 8, 7, 6, 5, 4, 3, 2, 1, 0), l.arguments().contents());
        long[] regs = l.registers();
        assertEquals(0xFFFF0000L, regs[0]);
        assertEquals(0xFEFE0000L, regs[1]);
        assertEquals(0xFEFF0000L, regs[7]);
        assertEquals(10, regs[8]);
        assertEquals(0, regs[2] | regs[3] | regs[4] | regs[5] | regs[6] | regs[9] | regs[10] | regs[11] | regs[12]);
        assertEquals(0x30000, l.heapStart());
        assertEquals(4, l.regions().size());
    }

    @Test
    void layoutRejectsOversizedArguments() {
        StandardProgram p = new StandardProgram(b(), b(), 0, 0, ADD);
        assertEquals(1L << 24, p.layout(1L << 24).arguments().length());
        BlobFormatException e = assertThrows(BlobFormatException.class, () -> p.layout((1L << 24) + 1));
        assertEquals("layout", e.field());
    }

    @Test
    void largestProgramStillFits() {
        // the E3/E2 fields bound everything: 2^24 + (2^24 + 65535 pages) + 2^24 stays below 2^32
        StandardProgram p = new StandardProgram(new byte[0], new byte[0], 0xFFFF, (1 << 24) - 1, ADD);
        assertEquals(0xFFFFL * 4096, p.layout(0).readWriteData().length());
    }

    @Test
    void constructorChecksFieldRanges() {
        assertThrows(BlobFormatException.class, () -> new StandardProgram(b(), b(), 0x10000, 0, ADD));
        assertThrows(BlobFormatException.class, () -> new StandardProgram(b(), b(), 0, 1 << 24, ADD));
    }
}
