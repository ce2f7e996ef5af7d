package io.jpvm.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.conformance.ReferenceProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsmDisasmTest {
    private static final String STANDARD = """
            .container program
            .ro_data 01 02 03
            .rw_data 04
            .heap_pages 1
            .stack_size 4096
                    load_imm r7, 3
                    trap
            """;

    @TempDir
    Path dir;

    /** asm → disasm → asm gives the same bytes. */
    private void roundTrip(String name, String source, String... disasmOptions) throws IOException {
        Path src = dir.resolve(name + ".jpvmasm");
        Files.writeString(src, source, StandardCharsets.UTF_8);
        Path bin = dir.resolve(name + extension(source));
        Cli a = Cli.exec("asm", src.toString(), "-o", bin.toString());
        assertEquals(0, a.exit(), a.err());
        String[] args = new String[2 + disasmOptions.length];
        args[0] = "disasm";
        args[1] = bin.toString();
        System.arraycopy(disasmOptions, 0, args, 2, disasmOptions.length);
        Cli d = Cli.exec(args);
        assertEquals(0, d.exit(), d.err());
        Path src2 = dir.resolve(name + ".2.jpvmasm");
        Files.writeString(src2, d.out(), StandardCharsets.UTF_8);
        Path bin2 = dir.resolve(name + ".2" + extension(source));
        Cli a2 = Cli.exec("asm", src2.toString(), "-o", bin2.toString());
        assertEquals(0, a2.exit(), a2.err() + "\n" + d.out());
        assertArrayEquals(Files.readAllBytes(bin), Files.readAllBytes(bin2), d.out());
    }

    /** {@code .program} for standard programs (format detection goes by extension), else {@code .bin}. */
    private static String extension(String source) {
        return source.contains(".container program") ? ".program" : ".bin";
    }

    @Test
    void jarRoundTrip() throws IOException {
        roundTrip("jar", Programs.JAR_HALT);
    }

    @Test
    void deblobRoundTrip() throws IOException {
        roundTrip("deblob", Programs.GP_HALT);
    }

    @Test
    void deblobRoundTripUnderJavm() throws IOException {
        roundTrip("deblob-javm", Programs.GP_HALT + ".jump_entry_size 4\n.jump_table x\nx: trap\n", "--profile",
                "javm");
    }

    @Test
    void standardProgramRoundTrip() throws IOException {
        roundTrip("std", STANDARD);
    }

    @Test
    void referenceProgramsRoundTrip() throws IOException {
        for (ReferenceProgram p : ReferenceProgram.values()) {
            roundTrip(p.id(), p.source());
        }
    }

    @Test
    void asmErrorNamesFileAndLine() throws IOException {
        Path src = dir.resolve("bad.jpvmasm");
        Files.writeString(src, ".container deblob\n  ad_64 r1, r2, r3\n", StandardCharsets.UTF_8);
        Cli r = Cli.exec("asm", src.toString(), "-o", dir.resolve("x").toString());
        r.assertUsageError();
        assertTrue(r.err().startsWith("jpvm: " + src + ": line 2: "), r.err());
    }

    @Test
    void asmNeedsOutput() throws IOException {
        Path src = dir.resolve("a.jpvmasm");
        Files.writeString(src, Programs.GP_HALT, StandardCharsets.UTF_8);
        Cli.exec("asm", src.toString()).assertUsageError();
    }

    @Test
    void disasmMissingFile() {
        Cli.exec("disasm", dir.resolve("none.bin").toString()).assertUsageError();
    }
}
