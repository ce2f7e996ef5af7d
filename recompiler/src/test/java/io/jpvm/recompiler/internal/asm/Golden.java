package io.jpvm.recompiler.internal.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Golden-byte test cases: Intel text (for the reader), expected bytes, and the assembler calls. */
final class Golden {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private Golden() {}

    record G(String text, String hex, Consumer<X64Assembler> emit) {}

    static G g(String text, String hex, Consumer<X64Assembler> emit) {
        return new G(text, hex, emit);
    }

    static byte[] assemble(Consumer<X64Assembler> emit) {
        X64Assembler a = new X64Assembler();
        emit.accept(a);
        return a.finish();
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static Stream<DynamicTest> tests(G... cases) {
        return Arrays.stream(cases).map(c -> DynamicTest.dynamicTest(c.text() + "  =  " + c.hex(),
                () -> assertEquals(c.hex(), hex(assemble(c.emit())), c.text())));
    }
}
