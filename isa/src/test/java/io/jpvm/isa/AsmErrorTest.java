package io.jpvm.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Assembly errors: one exception type, the line number and a one-line reason. */
class AsmErrorTest {

    private static AsmException error(String source) {
        return assertThrows(AsmException.class, () -> Assembler.assemble(source));
    }

    private static void fails(String source, int line, String message) {
        AsmException e = error(source);
        assertEquals("line " + line + ": " + message, e.getMessage());
        assertEquals(line, e.line());
        assertEquals(message, e.reason());
    }

    @Test
    void unknownMnemonic() {
        fails("trap\n".repeat(11) + "ad_64 r1, r2, r3", 12, "unknown mnemonic 'ad_64'");
    }

    @Test
    void unknownAndDuplicateLabels() {
        fails("trap\njump nowhere", 2, "unknown label 'nowhere'");
        fails("x: trap\n\nx: trap", 3, "duplicate label 'x' (first defined on line 1)");
        fails(".jump_table missing\ntrap", 1, "unknown label 'missing'");
    }

    @Test
    void operandCounts() {
        fails("add_64 r1, r2", 1, "add_64 expects 3 operands (rD, rA, rB), got 2");
        fails("trap r1", 1, "trap expects 0 operands, got 1");
        fails("jump", 1, "jump expects 1 operand (target), got 0");
        fails("add_64 r1,, r2", 1, "empty operand");
    }

    @Test
    void badOperands() {
        fails("move_reg r13, r1", 1, "expected a register r0..r12, found 'r13'");
        fails("move_reg r1, 5", 1, "expected a register r0..r12, found '5'");
        fails("load_imm r1, 0x80000000", 1, "immediate 0x80000000 out of range -2147483648..2147483647");
        fails("load_imm r1, -2147483649", 1, "immediate -2147483649 out of range -2147483648..2147483647");
        fails("load_imm_64 r1, 0x10000000000000000", 1, "immediate 0x10000000000000000 does not fit in 64 bits");
        fails("load_imm r1, five", 1, "expected an immediate, found 'five'");
        fails("jump 12", 1, "expected a label or @pc, found '12'");
        fails("jump @99999999999", 1, "target @99999999999 is 99999999999 bytes away, more than a 32-bit offset reaches");
        fails(".jump_table @-1\ntrap", 1, "jump table target @-1 not in 0..4294967295");
    }

    @Test
    void directiveErrors() {
        fails(".bogus 1", 1, "unknown directive '.bogus'");
        fails(".container elf", 1, "unknown container 'elf' (deblob, program or jar)");
        fails(".container jar\n.container jar", 2, "duplicate .container (first on line 1)");
        fails(".insn", 1, ".insn needs at least one byte");
        fails(".data 0x123", 1, "bad hex bytes '0x123': need an even number of hex digits");
        fails(".data zz", 1, "bad hex bytes 'zz'");
        fails(".heap_pages 70000", 1, "heap pages 70000 out of range 0..65535");
        fails(".jump_entry_size 5", 1, "entry size 5 out of range 0..4");
        fails(".jump_entry_size 1\n.jump_table @300\ntrap", 1,
                ".jump_entry_size 1: jump table entry size at byte 1: entry 0 = 300 does not fit in 1 bytes");
        fails(".jump_entry_size 0\n.jump_table @3\ntrap", 1,
                ".jump_entry_size 0: jump table entry size at byte 1: entry size 0 with 1 entries");
    }

    @Test
    void jarErrors() {
        fails(".data_cap 64 base_page=0 pages=1 rw", 1, "slot 64 is the invoke cap and must be a CODE cap");
        fails(".data_cap 1 base_page=0 pages=1", 1, ".data_cap needs base_page=N, pages=N and rw or ro");
        fails(".data_cap 1 base_page=0 pages=1 rw\n.data_cap 1 base_page=0 pages=1 rw", 2,
                "slot 1 already declared on line 1");
        fails(".data_cap 1 base_page=0 pages=0 rw init=00", 1, "1 bytes of data exceed 0 pages");
        fails(".data_cap 1 base_page=1048575 pages=2 rw", 1, "pages 1048575 + 2 exceed the 2^20-page address space");
        fails(".data_cap 1 base_page=0 pages=1 rw colour=red", 1, "unknown .data_cap option 'colour=red'");
        fails(".code_cap 300", 1, "cap slot 300 out of range 0..255");
        fails(".data_init 5 00", 1, ".data_init: no .data_cap for slot 5 declared above");
        fails(".data_size 2\n.data_cap 1 base_page=0 pages=1 rw init=000000", 1,
                ".data_size 2 is smaller than the 12 bytes the caps and .data_bytes need");
        fails(".data_cap 1 base_page=0 pages=1 rw init=0000 len=1", 1, "init has 2 bytes but len=1");
    }
}
