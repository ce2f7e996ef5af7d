package io.jpvm.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.isa.BlobFormatException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

class ErrorHandlersTest {
    /** Throws what its argument names. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Parameters(index = "0")
        String what;

        @Override
        public Integer call() {
            switch (what) {
                case "error" -> throw new StackOverflowError();
                case "bug" -> throw new IllegalStateException("broken invariant\nsecond line");
                case "blob" -> throw new BlobFormatException("code", 3, "truncated");
                default -> {
                    return 0;
                }
            }
        }
    }

    private static Cli run(String what) {
        CommandLine cmd = new CommandLine(new Boom());
        ErrorHandlers.install(cmd);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return new Cli(cmd.execute(what), out.toString(), err.toString());
    }

    private static void assertInternal(Cli r, String detail) {
        assertEquals(ExitCodes.FAILURE, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("jpvm: internal error: "), r.err());
        assertTrue(r.err().contains(detail), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void jvmErrorsAreInternalErrorsOnOneLine() {
        assertInternal(run("error"), "StackOverflowError");
    }

    @Test
    void bugsAreInternalErrorsOnOneLine() {
        assertInternal(run("bug"), "broken invariant");
    }

    @Test
    void unwrappedBlobErrorsAreBadInput() {
        Cli r = run("blob");
        r.assertUsageError();
        assertEquals("jpvm: code at byte 3: truncated", r.err().strip());
    }
}
