package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.isa.CodeBlob;
import org.junit.jupiter.api.Test;

/** The test encoder against the worked examples of gp-conformance.md §3/§4. */
class TestCodeTest {

    @Test
    void add64WorkedExample() {
        CodeBlob b = new TestCode().threeReg(200, 7, 8, 9).blob();
        assertArrayEquals(new byte[] {(byte) 200, (byte) 135, 9}, b.code());
        assertArrayEquals(new byte[] {1}, b.packedBitmask());
    }

    @Test
    void shortestImmediates() {
        assertEquals(0, TestCode.immLength(0));
        assertEquals(1, TestCode.immLength(127));
        assertEquals(2, TestCode.immLength(128));
        assertEquals(1, TestCode.immLength(-128));
        assertEquals(3, TestCode.immLength(0xFFFF0000)); // −65536
        assertEquals(3, TestCode.immLength(0x20000));
        assertEquals(4, TestCode.immLength(0x800000));
        assertEquals(4, TestCode.immLength(Integer.MIN_VALUE));
    }

    @Test
    void relativeOffsetsAndLabels() {
        TestCode c = new TestCode();
        TestCode.Label l = c.label();
        c.trap().jump(l).bind(l).regImmJump(81, 1, 5, 0);
        byte[] code = c.blob().code();
        // jump at pc1 → pc6: offset +5; branch at pc6 → pc0: offset −6; branch byte 1 = r1 | lX=1 << 4
        assertArrayEquals(new byte[] {0, 40, 5, 0, 0, 0, 81, 0x11, 5, (byte) 0xFA, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF}, code);
    }
}
