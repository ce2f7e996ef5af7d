package io.jpvm.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.isa.internal.Varint;
import org.junit.jupiter.api.Test;

class VarintTest {

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    private static void roundTrip(long x, byte[] expected) {
        assertArrayEquals(expected, Varint.encode(x), "encode " + Long.toUnsignedString(x));
        assertEquals(expected.length, Varint.encodedLength(x));
        assertEquals(expected.length, Varint.length(expected[0] & 0xFF));
        assertEquals(x, Varint.decode(expected, 0));
    }

    @Test
    void examplesFromTheVectors() {
        roundTrip(0, b(0x00));
        roundTrip(3, b(0x03));
        roundTrip(136, b(0x80, 0x88));
        roundTrip(267, b(0x81, 0x0B));
        roundTrip(798, b(0x83, 0x1E));
    }

    @Test
    void lengthBoundaries() {
        roundTrip(127, b(0x7F));
        roundTrip(128, b(0x80, 0x80));
        roundTrip((1 << 14) - 1, b(0xBF, 0xFF));
        roundTrip(1 << 14, b(0xC0, 0x00, 0x40));
        roundTrip((1L << 56) - 1, b(0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
        roundTrip(1L << 56, b(0xFF, 0, 0, 0, 0, 0, 0, 0, 1));
        roundTrip(-1L, b(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
    }

    @Test
    void everyLengthRoundTrips() {
        for (int bits = 0; bits <= 64; bits++) {
            long x = bits == 64 ? -1L : (1L << bits) - 1;
            byte[] e = Varint.encode(x);
            assertEquals(x, Varint.decode(e, 0));
            assertEquals(e.length, Varint.length(e[0] & 0xFF));
        }
    }

    @Test
    void nonCanonicalEncodingsAreRejectedByParsers() {
        // [0x80, 0x05] encodes 5 in two bytes: the deblob parser refuses it
        BlobFormatException e = org.junit.jupiter.api.Assertions.assertThrows(BlobFormatException.class,
                () -> Deblob.parse(b(0x80, 0x00, 0x00, 0x00)));
        assertEquals("jump table length", e.field());
        assertEquals(0, e.offset());
    }
}
