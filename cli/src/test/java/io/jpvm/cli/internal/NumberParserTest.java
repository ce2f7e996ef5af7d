package io.jpvm.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumberParserTest {
    @Test
    void forms() {
        assertEquals(0, NumberParser.parseU64("0"));
        assertEquals(-1L, NumberParser.parseU64("18446744073709551615"));
        assertEquals(-1L, NumberParser.parseU64("-1"));
        assertEquals(Long.MIN_VALUE, NumberParser.parseU64("-9223372036854775808"));
        assertEquals(0xFFFF0000L, NumberParser.parseU64("0xFFFF0000"));
        assertEquals(-1L, NumberParser.parseU64("0xffffffffffffffff"));
        assertEquals(1_000_000, NumberParser.parseU64("1_000_000"));
    }

    @Test
    void rejects() {
        for (String s : new String[] {"", "0x", "18446744073709551616", "-9223372036854775809", "0x1ffffffffffffffff",
                "12a", "0x-1", "1.5"}) {
            assertThrows(IllegalArgumentException.class, () -> NumberParser.parseU64(s), s);
        }
    }

    @Test
    void registerAssignment() {
        assertEquals(new RegisterAssignment(12, 0x10), RegisterAssignment.parse("12=0x10"));
        assertEquals(new RegisterAssignment(7, -2), RegisterAssignment.parse("r7=-2"));
        for (String s : new String[] {"13=1", "-1=1", "a=1", "1", "1=", "=1"}) {
            assertThrows(IllegalArgumentException.class, () -> RegisterAssignment.parse(s), s);
        }
    }
}
