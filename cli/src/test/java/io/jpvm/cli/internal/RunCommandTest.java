package io.jpvm.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpvm.conformance.ReferenceProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode runJson(String... args) throws IOException {
        Cli r = Cli.exec(args);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertEquals(1, r.outLines().size(), "exactly one line: " + r.out());
        return JSON.readTree(r.out());
    }

    @ParameterizedTest
    @EnumSource(value = ReferenceProgram.class, names = {"FIB", "HOSTCALL", "SORT", "FIB_RECUR"})
    void benchmarkProgramsPrintTheirExpectedResults(ReferenceProgram p) throws IOException {
        Path file = dir.resolve(p.id() + ".jar");
        Files.write(file, p.bytes());
        JsonNode n = runJson("run", file.toString(), "--json", "--reg", "7=" + p.argument());
        assertEquals("halt", n.get("status").asText());
        assertEquals(Long.toUnsignedString(p.expectedResult()), n.get("result").asText());
        assertEquals(p.expectedVms(), n.get("vms_live").asInt());
    }

    @Test
    void jsonShapeAndValuesForJarHalt() throws IOException {
        Path jar = Cli.assemble(dir, "halt.jar", Programs.JAR_HALT);
        JsonNode n = runJson("run", jar.toString(), "--json");
        List<String> fields = new ArrayList<>();
        n.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("status", "pc", "result", "regs", "gas_used", "gas_left", "fault_address", "vms_live",
                "vms_created", "elapsed_ms"), fields);
        assertEquals("halt", n.get("status").asText());
        assertEquals(7, n.get("pc").asLong());
        assertTrue(n.get("result").isTextual());
        assertEquals("18446744073709551608", n.get("result").asText());
        assertEquals(13, n.get("regs").size());
        for (int i = 0; i < 13; i++) {
            assertTrue(n.get("regs").get(i).isTextual());
            assertEquals(i == 7 ? "18446744073709551608" : "0", n.get("regs").get(i).asText());
        }
        assertEquals(107, n.get("gas_used").asLong());
        assertEquals(1_000_000_000L - 107, n.get("gas_left").asLong());
        assertTrue(n.get("fault_address").isNull());
        assertEquals(1, n.get("vms_live").asInt());
        assertEquals(1, n.get("vms_created").asInt());
        assertTrue(n.get("elapsed_ms").isNumber());
        assertTrue(n.get("elapsed_ms").asDouble() >= 0);
    }

    @Test
    void registersAndGasOptions() throws IOException {
        Path blob = Cli.assemble(dir, "halt.bin", Programs.GP_HALT);
        JsonNode n = runJson("run", blob.toString(), "--json", "--reg", "8=0x10", "--reg", "1=-1",
                "--reg", "2=18446744073709551615", "--gas", "100");
        assertEquals("halt", n.get("status").asText());
        assertEquals(16, n.get("pc").asLong());
        assertEquals("23", n.get("result").asText());
        assertEquals("18446744073709551615", n.get("regs").get(1).asText());
        assertEquals("18446744073709551615", n.get("regs").get(2).asText());
        assertEquals(4, n.get("gas_used").asLong());
        assertEquals(96, n.get("gas_left").asLong());
    }

    @Test
    void outOfGasStillExitsZero() throws IOException {
        Path blob = Cli.assemble(dir, "halt.bin", Programs.GP_HALT);
        JsonNode n = runJson("run", blob.toString(), "--json", "--gas", "3");
        assertEquals("out-of-gas", n.get("status").asText());
        assertEquals(0, n.get("gas_used").asLong());
    }

    @Test
    void pageFaultReportsAddress() throws IOException {
        Path blob = Cli.assemble(dir, "fault.bin", Programs.GP_FAULT);
        JsonNode n = runJson("run", blob.toString(), "--json");
        assertEquals("page-fault", n.get("status").asText());
        assertEquals(0x20000, n.get("fault_address").asLong());
    }

    @Test
    void startPc() throws IOException {
        Path blob = Cli.assemble(dir, "pc.bin", Programs.GP_START_PC);
        JsonNode from0 = runJson("run", blob.toString(), "--json", "--reg", "0=0xFFFF0000");
        assertEquals("104", from0.get("result").asText());
        assertEquals(3, from0.get("gas_used").asLong());
        JsonNode from10 = runJson("run", blob.toString(), "--json", "--reg", "0=0xFFFF0000", "--reg", "7=1",
                "--pc", "10");
        assertEquals("halt", from10.get("status").asText());
        assertEquals("6", from10.get("result").asText());
        assertEquals(2, from10.get("gas_used").asLong());
    }

    @Test
    void textOutput() throws IOException {
        Path jar = Cli.assemble(dir, "halt.jar", Programs.JAR_HALT);
        Cli r = Cli.exec("run", jar.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("status        halt"), r.out());
        assertTrue(r.out().contains("18446744073709551608 (0xfffffffffffffff8)"), r.out());
        assertTrue(r.out().contains("gas used      107"), r.out());
        assertTrue(r.out().contains("run time"), r.out());
    }

    @Test
    void explicitFormatAndProfile() throws IOException {
        Path blob = Cli.assemble(dir, "halt.data", Programs.GP_HALT);
        JsonNode n = runJson("run", blob.toString(), "--json", "--format", "deblob", "--profile", "gp072");
        assertEquals("halt", n.get("status").asText());
    }

    @Test
    void bothEnginesAgree() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Engines.RECOMPILER.available(), "recompiler not available here");
        Path blob = Cli.assemble(dir, "halt.bin", Programs.GP_HALT);
        Cli r = Cli.exec("run", blob.toString(), "--engine", "both", "--reg", "8=1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("engine interpreter"), r.out());
        assertTrue(r.out().contains("engine recompiler"), r.out());
        assertEquals("engines agree: status, pc, registers, gas, fault address", r.lastOutLine());
        JsonNode n = runJson("run", blob.toString(), "--engine", "both", "--json");
        assertEquals("halt", n.get("interpreter").get("status").asText());
        assertEquals("halt", n.get("recompiler").get("status").asText());
        assertTrue(n.get("agree").asBoolean());
        assertEquals(0, n.get("differences").size());
        Path jar = dir.resolve("fib_recur.jar");
        Files.write(jar, ReferenceProgram.FIB_RECUR.bytes());
        Cli k = Cli.exec("run", jar.toString(), "--engine", "both", "--reg", "7=12");
        assertEquals(0, k.exit(), k.err());
        assertEquals("engines agree: status, pc, registers, gas, fault address", k.lastOutLine());
    }

    @Test
    void engineChoice() throws IOException {
        Path blob = Cli.assemble(dir, "halt.bin", Programs.GP_HALT);
        Cli i = Cli.exec("run", blob.toString(), "--engine", "interpreter");
        assertEquals(0, i.exit(), i.err());
        assertTrue(i.out().contains("engine interpreter"), i.out());
        Cli auto = Cli.exec("run", blob.toString());
        assertTrue(auto.out().contains(Engines.RECOMPILER.available() ? "engine recompiler" : "engine interpreter"),
                auto.out());
        if (Engines.RECOMPILER.available()) {
            Cli rec = Cli.exec("run", blob.toString(), "--engine", "recompiler");
            assertEquals(0, rec.exit(), rec.err());
            assertTrue(rec.out().contains("engine recompiler"), rec.out());
        } else {
            Cli rec = Cli.exec("run", blob.toString(), "--engine", "recompiler");
            rec.assertUsageError();
            assertTrue(rec.err().startsWith("jpvm: --engine recompiler: the recompiler needs"), rec.err());
        }
        Cli bad = Cli.exec("run", blob.toString(), "--engine", "jit");
        bad.assertUsageError();
        assertTrue(bad.err().contains("unknown engine 'jit' (expected auto, interpreter, recompiler or both)"), bad.err());
    }

    @Test
    void missingFile() {
        Cli r = Cli.exec("run", dir.resolve("x.bin").toString());
        r.assertUsageError();
        assertTrue(r.err().contains("no such file: "), r.err());
    }

    @Test
    void malformedBlob() throws IOException {
        Path bad = dir.resolve("prog.bin");
        Files.write(bad, new byte[] {5, 0, 1});
        Cli r = Cli.exec("run", bad.toString());
        r.assertUsageError();
        assertTrue(r.err().startsWith("jpvm: " + bad + ": "), r.err());
        assertTrue(r.err().contains(" at byte "), r.err());
    }

    @Test
    void truncatedJar() throws IOException {
        Path bad = dir.resolve("prog.jar");
        Files.write(bad, new byte[] {'J', 'A', 'R', 2, 0});
        Cli r = Cli.exec("run", bad.toString());
        r.assertUsageError();
        assertTrue(r.err().contains(" at byte "), r.err());
    }

    @Test
    void badRegisterSyntax() throws IOException {
        Path blob = Cli.assemble(dir, "halt.bin", Programs.GP_HALT);
        for (String reg : List.of("13=1", "x", "1=abc", "1=0x1ffffffffffffffff", "1=18446744073709551616", "=5")) {
            Cli r = Cli.exec("run", blob.toString(), "--reg", reg);
            r.assertUsageError();
            assertTrue(r.err().contains("--reg"), r.err());
        }
    }

    @Test
    void unknownOptionEngineFormatProfile() throws IOException {
        Path blob = Cli.assemble(dir, "halt.bin", Programs.GP_HALT);
        Cli.exec("run", blob.toString(), "--bogus").assertUsageError();
        Cli.exec("run", blob.toString(), "--format", "zip").assertUsageError();
        Cli.exec("run", blob.toString(), "--profile", "rv64").assertUsageError();
        Cli.exec("run", blob.toString(), "--gas", "-1").assertUsageError();
        Cli r = Cli.exec("run", blob.toString(), "--engine", "nosuch");
        r.assertUsageError();
        assertTrue(r.err().contains("expected auto, interpreter, recompiler or both"), r.err());
        Cli.exec("frobnicate").assertUsageError();
        Cli.exec("run").assertUsageError();
    }
}
