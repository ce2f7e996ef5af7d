package io.jpvm.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.isa.Assembler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code jpvm} in-process with captured output. */
record Cli(int exit, String out, String err) {

    static Cli exec(String... args) {
        CommandLine cmd = JpvmCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    String lastOutLine() {
        List<String> lines = outLines();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** Exit 2, nothing on stdout, exactly one line on stderr starting "jpvm: ", no stack trace. */
    void assertUsageError() {
        assertEquals(ExitCodes.USAGE, exit, () -> "exit code; err=" + err);
        assertEquals("", out, "stdout");
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), () -> "one line expected: " + err);
        assertTrue(lines.get(0).startsWith("jpvm: "), err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(err.contains("\tat "), err);
    }

    /** Assembles {@code source} into {@code dir/name}. */
    static Path assemble(Path dir, String name, String source) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, Assembler.assemble(source).toContainerBytes());
        return file;
    }
}
