package io.jpvm.isa;

import static io.jpvm.isa.DeblobTest.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Disassembly is readable for canonical code and byte-exact for everything else. */
class DisassemblerTest {

    /** A code blob whose instruction starts are the given pcs. */
    private static CodeBlob blob(byte[] code, int[] table, int... starts) {
        boolean[] mask = new boolean[code.length];
        for (int s : starts) {
            mask[s] = true;
        }
        return new CodeBlob(code, mask, table);
    }

    private static String roundTrip(CodeBlob code) {
        String text = Disassembler.disassemble(code, Profile.GP072);
        assertEquals(code, Assembler.assemble(text).code(), text);
        Deblob d = Deblob.of(code);
        assertTrue(Arrays.equals(d.write(), Assembler.assemble(Disassembler.disassemble(d)).toDeblob().write()));
        return text;
    }

    @Test
    void canonicalCodeIsReadable() {
        String src = """
                .jump_table body
                    load_imm r1, 10
                body:
                    add_imm_64 r1, r1, -1
                    branch_ne_imm r1, 0, body
                    store_imm_u32 0x20000, 0x12345678
                    load_imm_jump_ind r0, r1, 2, -4
                """;
        CodeBlob code = Assembler.assemble(src).code();
        String text = roundTrip(code);
        assertTrue(text.contains(".jump_table L3"), text);
        assertTrue(text.contains("L3:\n    add_imm_64 r1, r1, -1\n    branch_ne_imm r1, 0, L3\n"), text);
        assertTrue(text.contains("store_imm_u32 0x20000, 0x12345678"), text);
        assertTrue(text.contains("load_imm_jump_ind r0, r1, 2, -4"), text);
        assertFalse(text.contains(".insn"), text);
    }

    @Test
    void paddingBytesAfterAnInstruction() {
        String text = roundTrip(blob(b(200, 0x87, 9, 0), new int[0], 0));
        assertTrue(text.contains(".insn 0xc8 0x87 0x09 0x00   ; add_64 r9, r7, r8"), text);
    }

    @Test
    void registerNibblesAbove12() {
        String text = roundTrip(blob(b(200, 0xD7, 9, 100, 0xFE), new int[0], 0, 3));
        assertTrue(text.contains(".insn 0xc8 0xd7 0x09   ; add_64 r9, r7, r12"), text);
        assertTrue(text.contains(".insn 0x64 0xfe   ; move_reg r12, r12"), text);
        roundTrip(blob(b(200, 0x87, 0x1F), new int[0], 0));
    }

    @Test
    void unusedBitsSet() {
        roundTrip(blob(b(51, 0x31, 5), new int[0], 0)); // load_imm: high nibble ignored
        roundTrip(blob(b(32, 0x09, 1, 2), new int[0], 0)); // store_imm: length field bit 3
        roundTrip(blob(b(72, 0x91, 8, 1), new int[0], 0)); // store_imm_ind: lX nibble bit 3
        roundTrip(blob(b(180, 0x21, 0xF8, 3), new int[0], 0)); // load_imm_jump_ind: length byte high bits
    }

    @Test
    void nonMinimalImmediates() {
        String text = roundTrip(blob(b(51, 1, 5, 0), new int[0], 0));
        assertTrue(text.contains(".insn 0x33 0x01 0x05 0x00   ; load_imm r1, 5"), text);
        roundTrip(blob(b(10, 0, 0, 0, 0), new int[0], 0)); // ecalli with 4 zero bytes
        roundTrip(blob(b(10, 1, 2, 3, 4, 5, 6), new int[0], 0)); // ecalli with more than 4 bytes
        roundTrip(blob(b(40, 2, 0, 0), new int[0], 0, 2)); // jump with a 2-byte offset that fits in 1
    }

    @Test
    void invalidOpcodesAndProfiles() {
        String text = roundTrip(blob(b(0xFF, 4, 2, 3), new int[0], 0, 2, 3));
        assertTrue(text.contains(".insn 0xff 0x04   ; invalid opcode 255 (pc 0)"), text);
        assertTrue(text.contains("    unlikely   ; invalid in gp072\n"), text);
        assertTrue(Disassembler.disassemble(blob(b(2), new int[0], 0), Profile.JAVM).contains("    unlikely\n"));
    }

    @Test
    void bytesWithoutInstructionStarts() {
        String text = roundTrip(blob(b(1, 2, 3, 0), new int[0], 3));
        assertTrue(text.contains(".data 0x01 0x02 0x03   ; not an instruction start"), text);
        roundTrip(blob(b(1, 2, 3), new int[0]));
        byte[] gap = new byte[40];
        String t2 = roundTrip(blob(gap, new int[0], 0, 39));
        assertTrue(t2.contains("pc 25 executes as trap"), t2);
    }

    @Test
    void truncatedInstructionAtTheEnd() {
        roundTrip(blob(b(20, 1, 0xAA, 0xBB), new int[0], 0)); // load_imm_64 with 2 of 8 bytes
        roundTrip(blob(b(200), new int[0], 0));
    }

    @Test
    void targetsThatAreNotInstructionStarts() {
        // jump to pc 3 (inside an instruction) and a jump table pointing past the end
        String text = roundTrip(blob(b(40, 3, 51, 1, 5, 0), new int[] {1, 6, 0xFFFFFFFF}, 0, 2, 5));
        assertTrue(text.contains("jump @3"), text);
        assertTrue(text.contains(".jump_table @1, @6, @4294967295"), text);
        roundTrip(blob(b(40, 0x80), new int[0], 0)); // jump to -128
    }

    @Test
    void emptyCode() {
        assertEquals(".container deblob", roundTrip(blob(b(), new int[0])).lines().skip(1).findFirst().orElse(""));
    }

    @Test
    void twoConsistentLayoutsFallBackToRawBytes() {
        // 4 × fallthrough, jump +128 (2-byte offset), 122 × fallthrough, jump −129 (2-byte offset), trap.
        // Both offsets are minimal, yet with both jumps one byte shorter (+126, −128) the code is
        // consistent too; the assembler finds that smaller layout, so one jump must stay raw.
        byte[] code = new byte[4 + 3 + 122 + 3 + 1];
        int[] starts = new int[4 + 1 + 122 + 1 + 1];
        int p = 0;
        int s = 0;
        for (int i = 0; i < 4; i++) {
            starts[s++] = p;
            code[p++] = 1;
        }
        starts[s++] = p;
        code[p++] = 40;
        code[p++] = (byte) 0x80;
        code[p++] = 0;
        for (int i = 0; i < 122; i++) {
            starts[s++] = p;
            code[p++] = 1;
        }
        starts[s++] = p;
        code[p++] = 40;
        code[p++] = 0x7F;
        code[p++] = (byte) 0xFF;
        starts[s++] = p;
        code[p] = 0;
        CodeBlob blob = blob(code, new int[0], starts);
        assertEquals(132, Decoder.decode(blob, 4, Profile.GP072).target());
        assertEquals(0, Decoder.decode(blob, 129, Profile.GP072).target());
        String text = roundTrip(blob);
        assertTrue(text.contains("offset width kept"), text);
    }
}
