package io.jpvm.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every vector program survives parse → disassemble → assemble → write byte for byte. */
class VectorRoundTripTest {

    @Test
    void allVectorsPresent() {
        assertEquals(307, Vectors.all().size(), "expected the 307 w3f v0.4 programs in " + Vectors.dir());
    }

    @TestFactory
    Stream<DynamicTest> disassembleThenAssembleIsIdentity() {
        List<Vectors.Vector> vectors = Vectors.all();
        return vectors.stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            Deblob parsed = Deblob.parse(v.program());
            assertArrayEquals(v.program(), parsed.write(), "deblob write(parse(p))");
            String text = Disassembler.disassemble(parsed);
            byte[] back = Assembler.assemble(text).toDeblob().write();
            assertArrayEquals(v.program(), back, () -> "round trip of " + v.name() + ":\n" + text);
        }));
    }

    @TestFactory
    Stream<DynamicTest> vectorCodeRoundTripsInEveryContainer() {
        return Vectors.all().stream().limit(40).map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            CodeBlob code = Deblob.parse(v.program()).code();
            StandardProgram y = new StandardProgram(new byte[] {1, 2, 3}, new byte[] {4}, 2, 8192, Deblob.of(code));
            assertArrayEquals(y.write(), Assembler.assemble(Disassembler.disassemble(y)).toContainerBytes());
            JarProgram jar = Assembler.assemble(".container jar\n.data_cap 1 base_page=16 pages=1 rw init=0102\n"
                    + Disassembler.listing(code, Profile.JAVM)).toJarProgram();
            assertEquals(code, jar.invokeCode());
            assertArrayEquals(jar.write(), Assembler.assemble(Disassembler.disassemble(jar)).toContainerBytes());
        }));
    }
}
