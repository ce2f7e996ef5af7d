package io.jpvm.isa.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link StartBits} against the boolean bitmask it packs (positions past the end read as starts). */
class StartBitsTest {

    private static boolean at(boolean[] mask, int p) {
        return p >= mask.length || mask[p];
    }

    @Test
    void packedBitsMatchTheMask() {
        SplittableRandom r = new SplittableRandom(64);
        for (int k = 0; k < 500; k++) {
            int len = k < 200 ? k : r.nextInt(2000);
            boolean[] mask = new boolean[len];
            int density = r.nextInt(1, 100);
            for (int i = 0; i < len; i++) {
                mask[i] = r.nextInt(density) == 0;
            }
            long[] bits = StartBits.pack(mask);
            byte[] packed = new byte[(len + 7) / 8];
            for (int i = 0; i < len; i++) {
                packed[i >> 3] |= (byte) ((mask[i] ? 1 : 0) << (i & 7));
            }
            if (len % 8 != 0) {
                packed[packed.length - 1] |= (byte) (0xFF << (len % 8)); // padding is ignored
            }
            assertArrayEquals(bits, StartBits.pack(packed, len), "len " + len);
            int count = 0;
            for (int p = 0; p <= len + 64; p++) {
                long w = StartBits.window(bits, p);
                for (int j = 0; j < 64; j++) {
                    assertEquals(at(mask, p + j), (w >>> j & 1) != 0, "len " + len + " window " + p + " bit " + j);
                }
                if (p <= len) {
                    int next = p;
                    while (!at(mask, next)) {
                        next++;
                    }
                    assertEquals(next, StartBits.nextStart(bits, p), "len " + len + " next " + p);
                }
                if (p < len && mask[p]) {
                    count++;
                }
            }
            assertEquals(count, StartBits.count(bits, len), "len " + len);
        }
    }
}
