package io.jpvm.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GasCommandTest {
    @TempDir
    Path dir;

    @Test
    void jarBlocksAsJson() throws IOException {
        Path jar = Cli.assemble(dir, "halt.jar", Programs.JAR_HALT);
        Cli r = Cli.exec("gas", jar.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("[{\"pc\": 0, \"instructions\": 3, \"cost\": 97}, {\"pc\": 7, \"instructions\": 1, \"cost\": 1}]",
                r.out().strip());
    }

    @Test
    void deblobBlocksAsTable() throws IOException {
        Path blob = Cli.assemble(dir, "halt.bin", Programs.GP_HALT);
        Cli r = Cli.exec("gas", blob.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).contains("profile gp072"), lines.get(0));
        assertTrue(lines.get(0).contains("gas model gp072"), lines.get(0));
        assertEquals(List.of("pc", "instructions", "cost"), List.of(lines.get(1).split("\\s+")));
        assertEquals(List.of("0", "4", "4"), List.of(lines.get(2).split("\\s+")));
    }

    @Test
    void profileOverrideChangesTheModel() throws IOException {
        Path blob = Cli.assemble(dir, "halt.bin", Programs.GP_HALT);
        Cli r = Cli.exec("gas", blob.toString(), "--profile", "javm");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.outLines().get(0).contains("gas model javm(mem=25)"), r.out());
    }

    @Test
    void malformedInput(@TempDir Path d) throws IOException {
        Path bad = d.resolve("x.jar");
        java.nio.file.Files.write(bad, new byte[] {'J', 'A', 'R', 2});
        Cli.exec("gas", bad.toString()).assertUsageError();
    }
}
