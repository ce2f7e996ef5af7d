package io.jpvm.recompiler.internal.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link SignalChild} in forked JVMs (same java binary and class path) to prove what cannot be
 * tried in the test JVM: genuine crashes outside guest code still reach HotSpot and write hs_err
 * files, chaining to SIG_DFL and to plain or SA_RESETHAND handlers behaves as the kernel would, and
 * the handler survives forced safepoints and handshakes.
 */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class ForkedSignalTest {
    static final int KILLED_BY_SIGSEGV = 128 + 11;

    @TempDir
    Path dir;

    record Outcome(int exit, String output, List<Path> hsErr) {
        String hsErrText() throws IOException {
            return hsErr.isEmpty() ? "" : Files.readString(hsErr.getFirst());
        }
    }

    private Outcome runChild(long timeoutSeconds, List<String> jvmFlags, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"));
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.add("-Xmx128m");
        cmd.addAll(jvmFlags);
        cmd.add(SignalChild.class.getName());
        cmd.addAll(List.of(args));
        Path out = dir.resolve("child-" + String.join("-", args) + ".out");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("child " + List.of(args) + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(out));
        }
        List<Path> hsErr;
        try (Stream<Path> files = Files.list(dir)) {
            hsErr = files.filter(f -> f.getFileName().toString().startsWith("hs_err_")).toList();
        }
        Outcome o = new Outcome(p.exitValue(), Files.readString(out), hsErr);
        System.out.printf("[forked %s] exit %d, %d hs_err file(s)%n", String.join(" ", args), o.exit(), hsErr.size());
        return o;
    }

    private static void assertRoundTripRan(Outcome o) {
        assertTrue(o.output().contains("roundtrip-ok"), () -> "the child's guest fault did not work:\n" + o.output());
    }

    @Test
    void crashInJavaCodeStillWritesHsErr() throws Exception {
        Outcome o = runChild(60, List.of(), "crash-java");
        assertRoundTripRan(o);
        assertTrue(o.output().contains("crashing-in-java"), o::output);
        assertNotEquals(0, o.exit(), o::output);
        assertEquals(1, o.hsErr().size(), () -> "no hs_err file; output:\n" + o.output());
        String report = o.hsErrText();
        assertTrue(report.contains("SIGSEGV"), report);
        assertTrue(report.contains("si_addr: 0x0000000000000008"), "the report names the genuine fault address");
    }

    @Test
    void faultInGeneratedCodeOutsideTheWindowChainsToHotSpot() throws Exception {
        Outcome o = runChild(60, List.of(), "crash-code");
        assertRoundTripRan(o);
        assertTrue(o.output().contains("crashing-in-code ABSOLUTE8"), o::output);
        assertEquals(1, o.hsErr().size(), () -> "no hs_err file; output:\n" + o.output());
        String report = o.hsErrText();
        assertTrue(report.contains("SIGSEGV") && report.contains("si_addr: 0x0000000000000008"), report);
    }

    @Test
    void guestFaultWithoutARegisteredStubChainsToHotSpot() throws Exception {
        Outcome o = runChild(60, List.of(), "crash-nostub");
        assertRoundTripRan(o);
        assertTrue(o.output().contains("without stub"), o::output);
        assertEquals(1, o.hsErr().size(), () -> "no hs_err file; output:\n" + o.output());
        assertTrue(o.hsErrText().contains("SIGSEGV"));
    }

    @Test
    void previousSigDflIsRestoredAndKillsTheProcess() throws Exception {
        Outcome o = runChild(60, List.of("-Xint"), "dfl");
        assertRoundTripRan(o);
        assertTrue(o.output().contains("crashing-in-code"), o::output);
        assertEquals(KILLED_BY_SIGSEGV, o.exit(), o::output);
        assertEquals(0, o.hsErr().size(), "SIG_DFL: the kernel kills the process, HotSpot never sees it");
    }

    @Test
    void sentSigsegvWithPreviousSigDflIsRaisedAgainNotSwallowed() throws Exception {
        Outcome o = runChild(60, List.of("-Xint"), "dfl-kill");
        assertRoundTripRan(o);
        assertTrue(o.output().contains("sending SIGSEGV"), o::output);
        assertEquals(KILLED_BY_SIGSEGV, o.exit(), o::output);
    }

    @Test
    void previousSaSigactionHandlerGetsTheOriginalArguments() throws Exception {
        Outcome o = runChild(60, List.of("-Xint"), "prev-siginfo");
        assertRoundTripRan(o);
        assertEquals(SignalChild.PREVIOUS_HANDLER_OK, o.exit(), o::output);
    }

    @Test
    void previousPlainHandlerIsCalled() throws Exception {
        Outcome o = runChild(60, List.of("-Xint"), "prev-handler");
        assertRoundTripRan(o);
        assertEquals(SignalChild.PREVIOUS_HANDLER_OK, o.exit(), o::output);
    }

    @Test
    void previousResetHandHandlerRunsOnceThenTheDefaultKills() throws Exception {
        Outcome o = runChild(30, List.of("-Xint"), "prev-resethand");
        assertRoundTripRan(o);
        assertEquals(KILLED_BY_SIGSEGV, o.exit(), o::output);
    }

    @Test
    void survivesSafepointALotAndHandshakeALot() throws Exception {
        Outcome o = runChild(90, List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+SafepointALot", "-XX:+HandshakeALot"),
                "stress", "4");
        assertEquals(0, o.exit(), o::output);
        assertTrue(o.output().contains("stress-ok"), o::output);
        assertEquals(0, o.hsErr().size());
        System.out.println("[forked stress] " + o.output().lines().filter(l -> l.startsWith("stress:")).findFirst()
                .orElse(""));
    }
}
