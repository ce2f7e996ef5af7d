package io.jpvm.isa;

import static io.jpvm.isa.DeblobTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Containers built from text, and every container surviving disassemble → assemble. */
class ContainerTextTest {
    private static final String CODE = """
            load_imm_64 sp, 0x4000
            load_imm t0, 0
            ecalli 0
            trap
            """;

    private static byte[] textRoundTrip(String text) {
        return Assembler.assemble(text).toContainerBytes();
    }

    @Test
    void standardProgramFromText() {
        Assembly a = Assembler.assemble("""
                .container program
                .ro_data 48656c6c6f
                .ro_data 0x21
                .rw_data 01 02
                .heap_pages 2
                .stack_size 4096
                """ + CODE);
        assertEquals("program", a.container());
        StandardProgram p = a.toStandardProgram();
        assertArrayEquals("Hello!".getBytes(StandardCharsets.US_ASCII), p.roData());
        assertArrayEquals(b(1, 2), p.rwData());
        assertEquals(2, p.heapPages());
        assertEquals(4096, p.stackSize());
        assertEquals(a.code(), p.code().code());
        byte[] bytes = a.toContainerBytes();
        assertArrayEquals(p.write(), bytes);
        assertEquals(p, StandardProgram.parse(bytes));
        assertArrayEquals(bytes, textRoundTrip(Disassembler.disassemble(StandardProgram.parse(bytes))));
    }

    @Test
    void jarFromText() {
        Assembly a = Assembler.assemble("""
                .container jar
                .memory_pages 40
                .data_cap 65 base_page=0 pages=4 rw
                .data_cap 66 base_page=16 pages=1 ro init=48656c6c6f
                .data_init 66 2021
                .code_cap 70
                """ + CODE);
        JarProgram jar = a.toJarProgram();
        byte[] sub = JarCode.write(a.code());
        assertEquals(40, jar.memoryPages());
        assertEquals(64, jar.invokeCap());
        assertEquals(List.of(
                CapEntry.code(64, 0, sub.length),
                new CapEntry(65, CapType.DATA, 0, 4, true, 0, 0),
                new CapEntry(66, CapType.DATA, 16, 1, false, sub.length, 7),
                CapEntry.code(70, 0, sub.length)), jar.caps());
        assertEquals(a.code(), jar.invokeCode());
        assertEquals(a.code(), jar.codeOf(jar.cap(70)));
        assertArrayEquals("Hello !".getBytes(StandardCharsets.US_ASCII), jar.capData(jar.cap(66)));
        byte[] bytes = a.toContainerBytes();
        assertTrue(JarProgram.hasMagic(bytes));
        assertEquals(jar, JarProgram.parse(bytes));
        String text = Disassembler.disassemble(JarProgram.parse(bytes));
        assertFalse(text.contains(".data_bytes"), text);
        assertArrayEquals(bytes, textRoundTrip(text));
    }

    @Test
    void jarDefaults() {
        JarProgram jar = Assembler.assemble(".container jar\n.data_cap 0 base_page=20 pages=3 rw\ntrap").toJarProgram();
        assertEquals(3, jar.memoryPages());
        assertEquals(64, jar.caps().get(0).slot());
        assertEquals(CapType.CODE, jar.caps().get(0).type());
    }

    @Test
    void invokeCapPositionAndSlot() {
        JarProgram jar = Assembler.assemble("""
                .container jar
                .invoke_cap 5
                .data_cap 1 base_page=0 pages=1 rw init=ff
                .code_cap 5
                trap
                """).toJarProgram();
        assertEquals(5, jar.invokeCap());
        assertEquals(1, jar.caps().get(0).slot());
        assertEquals(5, jar.caps().get(1).slot());
        assertEquals(0, jar.caps().get(0).dataOffset());
        assertEquals(1, jar.caps().get(1).dataOffset());
    }

    @Test
    void explicitDataPlacement() {
        JarProgram jar = Assembler.assemble("""
                .container jar
                .code_cap 64 at=4 len=20
                .data_cap 1 base_page=0 pages=1 rw init=aabb at=0
                .data_cap 2 base_page=1 pages=1 ro at=99
                .data_bytes 2 cc
                .data_size 40
                trap
                """).toJarProgram();
        byte[] data = jar.dataSection();
        assertEquals(40, data.length);
        assertArrayEquals(b(0xAA, 0xBB, 0xCC, 0), java.util.Arrays.copyOf(data, 4));
        assertEquals(new CapEntry(2, CapType.DATA, 1, 1, false, 99, 0), jar.cap(2));
        assertEquals(20, jar.cap(64).dataLength());
        assertEquals(Assembler.assemble("trap").code(), jar.invokeCode());
    }

    private static void assertJarRoundTrip(JarProgram jar) {
        byte[] bytes = jar.write();
        JarProgram parsed = JarProgram.parse(bytes);
        String text = Disassembler.disassemble(parsed);
        assertArrayEquals(bytes, textRoundTrip(text), text);
    }

    @Test
    void irregularJarsRoundTrip() {
        CodeBlob code = Assembler.assemble(".jump_table x\n" + CODE + "x: trap").code();
        byte[] sub = JarCode.write(code, 4);
        byte[] other = JarCode.write(Assembler.assemble("fallthrough\ntrap").code());
        byte[] data = new byte[100];
        System.arraycopy(sub, 0, data, 10, sub.length);
        System.arraycopy(other, 0, data, 60, other.length);
        data[5] = 42;
        data[99] = 7;
        List<CapEntry> caps = new ArrayList<>();
        caps.add(new CapEntry(9, CapType.DATA, 3, 2, true, 77, 0));
        caps.add(new CapEntry(64, CapType.CODE, 1, 2, true, 10, sub.length + 3));
        caps.add(CapEntry.code(65, 60, other.length));
        caps.add(new CapEntry(0, CapType.DATA, 100, 1, true, 0, 12));
        assertJarRoundTrip(new JarProgram(7, 64, caps, data));
        String text = Disassembler.disassemble(new JarProgram(7, 64, caps, data));
        assertTrue(text.contains(".jump_entry_size 4"), text);
        assertTrue(text.contains(".data_bytes"), text);
        assertTrue(text.contains("load_imm_64 r1, 16384"), text);
    }

    @Test
    void unusedDataOffsetsAreKept() {
        byte[] sub = JarCode.write(Assembler.assemble("trap").code());
        JarProgram jar = new JarProgram(1, 64, List.of(new CapEntry(64, CapType.CODE, 0, 0, false, 0, sub.length),
                new CapEntry(1, CapType.DATA, 0, 1, true, 0xFFFF_FFFFL, 0),
                new CapEntry(2, CapType.CODE, 0, 0, false, 0xFFFF_FFF0L, 0)), sub);
        assertJarRoundTrip(jar);
        assertTrue(Disassembler.disassemble(jar).contains("at=4294967295"));
    }

    @Test
    void jarWhoseInvokeCodeDoesNotParse() {
        byte[] data = b(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        JarProgram jar = new JarProgram(0, 64, List.of(CapEntry.code(64, 2, 8)), data);
        String text = Disassembler.disassemble(jar);
        assertTrue(text.contains("does not parse"), text);
        assertJarRoundTrip(jar);
    }

    @Test
    void containersWriteParseEqual() {
        Assembly a = Assembler.assemble(".jump_table end\n" + CODE + "end: trap");
        Deblob d = a.toDeblob();
        assertEquals(d, Deblob.parse(d.write()));
        StandardProgram y = a.toStandardProgram();
        assertEquals(y, StandardProgram.parse(y.write()));
        JarProgram j = a.toJarProgram();
        assertEquals(j, JarProgram.parse(j.write()));
        assertArrayEquals(d.write(), textRoundTrip(Disassembler.disassemble(d)));
        assertArrayEquals(y.write(), textRoundTrip(Disassembler.disassemble(y)));
        assertArrayEquals(j.write(), textRoundTrip(Disassembler.disassemble(j)));
    }
}
