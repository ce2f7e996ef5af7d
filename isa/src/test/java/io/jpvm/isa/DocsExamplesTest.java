package io.jpvm.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every ```asm block of docs/assembly.md assembles and survives a disassembly round trip. */
class DocsExamplesTest {

    static List<String> asmBlocks() throws IOException {
        Path doc = Path.of("../docs/assembly.md");
        assertTrue(Files.isRegularFile(doc), "missing " + doc.toAbsolutePath());
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : Files.readAllLines(doc)) {
            if (current == null && line.strip().equals("```asm")) {
                current = new StringBuilder();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }

    @Test
    void examplesAssembleAndRoundTrip() throws IOException {
        List<String> blocks = asmBlocks();
        assertEquals(3, blocks.size());
        for (String src : blocks) {
            Assembly a = Assembler.assemble(src);
            byte[] bytes = a.toContainerBytes();
            String text = switch (a.container()) {
                case "program" -> Disassembler.disassemble(StandardProgram.parse(bytes));
                case "jar" -> Disassembler.disassemble(JarProgram.parse(bytes));
                default -> Disassembler.disassemble(Deblob.parse(bytes));
            };
            assertArrayEquals(bytes, Assembler.assemble(text).toContainerBytes(), text);
        }
    }

    @Test
    void callExampleEncodesAsDocumented() throws IOException {
        Assembly a = Assembler.assemble(asmBlocks().get(2));
        assertEquals(2, a.toDeblob().entrySize());
        CodeBlob code = a.code();
        Instruction call = Decoder.decode(code, 0, Profile.GP072);
        assertEquals(2, call.imm1());
        int ret = call.nextPc();
        assertEquals(ret, code.jumpTableEntry(0));
        assertEquals(Opcode.ECALLI, code.byteAt(ret));
    }
}
