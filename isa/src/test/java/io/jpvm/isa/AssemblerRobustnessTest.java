package io.jpvm.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mutated assembly text: the assembler reports problems only as {@link AsmException}. */
class AssemblerRobustnessTest {
    private static final String[] TOKENS = {"@", "-", "0x", ",", ":", ";", "#", "=", "r13", "99999999999999999999",
        "@-99999999999", "at=4294967295", "len=4294967295", "pages=4294967295", "base_page=4294967295",
        ".data_size", "2147483647", ".data_bytes", "x:", "\n", " ", "0xFFFFFFFFFFFFFFFF", "-0x8000000000000000",
        "init=", "0", ".jump_table", ".jump_entry_size", ".insn", ".data"};

    @Test
    void onlyAsmExceptionEscapes() {
        List<String> texts = new ArrayList<>();
        for (Vectors.Vector v : Vectors.all().subList(0, 40)) {
            texts.add(Disassembler.disassemble(Deblob.parse(v.program())));
        }
        texts.add(".container jar\n.memory_pages 4\n.data_cap 1 base_page=0 pages=1 rw init=0102 at=5\n"
                + ".code_cap 3 at=1 len=7\n.data_bytes 3 ff\n.data_size 40\ntrap\n");
        texts.add(".container program\n.ro_data 0102\n.rw_data 03\n.heap_pages 3\n.stack_size 100\n"
                + ".jump_entry_size 2\n.jump_table x\nx: trap\n");
        Random rnd = new Random(7);
        for (int i = 0; i < 30_000; i++) {
            String text = mutate(texts.get(rnd.nextInt(texts.size())), rnd);
            try {
                Assembler.assemble(text).toContainerBytes();
            } catch (AsmException expected) {
                // fine
            } catch (Throwable t) {
                throw new AssertionError("assembler threw " + t + " for:\n" + text, t);
            }
        }
    }

    private static String mutate(String text, Random rnd) {
        StringBuilder s = new StringBuilder(text);
        for (int m = 0; m < 1 + rnd.nextInt(4); m++) {
            int p = s.isEmpty() ? 0 : rnd.nextInt(s.length());
            switch (rnd.nextInt(4)) {
                case 0 -> s.insert(p, TOKENS[rnd.nextInt(TOKENS.length)]);
                case 1 -> {
                    if (!s.isEmpty()) {
                        s.deleteCharAt(p);
                    }
                }
                case 2 -> {
                    if (!s.isEmpty()) {
                        s.setCharAt(p, (char) (32 + rnd.nextInt(95)));
                    }
                }
                default -> s.insert(p, (char) rnd.nextInt(128));
            }
        }
        return s.toString();
    }
}
