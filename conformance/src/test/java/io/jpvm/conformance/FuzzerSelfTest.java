package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuzzer finds a planted bug, shrinks it to a few instructions and writes a reproducer that replays. */
class FuzzerSelfTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedSameCase() {
        for (Profile p : Profile.values()) {
            FuzzCase a = FuzzGenerator.generate(42, p);
            FuzzCase b = FuzzGenerator.generate(42, p);
            assertEquals(a.source(), b.source());
            assertTrue(a.sameAs(b));
            assertFalse(a.source().equals(FuzzGenerator.generate(43, p).source()));
        }
    }

    @Test
    void plantedBugIsFoundShrunkAndWritten() throws IOException {
        Fuzzer.Report r = Fuzzer.run(new Fuzzer.Options(1, List.of(Profile.GP072, Profile.JAVM), 200, Long.MAX_VALUE,
                dir), new Fuzzer.Listener() { }, Long.MAX_VALUE, PlantedBug::check);
        assertTrue(r.failed() > 0, "the planted bug was not found in 200 cases");
        FuzzFailure f = r.failures().get(0);
        assertNotNull(f.file());
        assertTrue(Files.exists(f.file()));
        assertEquals("register", Shrinker.signature(f.outcome()));
        assertTrue(f.summary().contains("r7: interpreter "), f.summary());
        Program p = Program.of(f.minimal().code(), f.profile());
        long hostCalls = java.util.stream.IntStream.range(0, p.count())
                .filter(i -> p.instruction(i).opcode() == Opcode.ECALLI || p.instruction(i).opcode() == Opcode.ECALL)
                .count();
        assertTrue(hostCalls >= 1, "the minimal program keeps a host call");
        assertTrue(p.count() <= 4, () -> "not minimal: " + p.count() + " instructions\n"
                + Reproducer.write(f.minimal(), f.outcome()));

        String text = Files.readString(f.file());
        System.out.println("planted bug, minimal reproducer:\n" + text);
        assertTrue(text.startsWith(Reproducer.MAGIC), text);
        assertTrue(text.contains(";   r7: interpreter 0x"), text);
        FuzzInput back = Reproducer.parse(text);
        assertEquals(f.minimal().profile(), back.profile());
        assertEquals(f.minimal().code(), back.code());
        assertEquals(f.minimal().gas(), back.gas());
        assertArrayEquals(f.minimal().regs(), back.regs());
        assertEquals(f.minimal().pages().size(), back.pages().size());
        assertTrue(f.minimal().plan().sameAs(back.plan()));
        assertFalse(PlantedBug.check(back).identical(), "the reproducer replays the divergence");
        if (MachineEngine.RECOMPILER.available()) {
            assertTrue(FuzzCheck.run(back).identical(), "the real engines agree on it");
        }
    }

    @Test
    void reproducerRoundTripKeepsPagesAndPlan() {
        for (long seed = 1; seed <= 50; seed++) {
            for (Profile p : Profile.values()) {
                FuzzInput in = FuzzGenerator.generate(seed, p).input();
                FuzzInput back = Reproducer.parse(Reproducer.write(in, null));
                assertEquals(in.code(), back.code());
                assertEquals(in.profile(), back.profile());
                assertEquals(in.memCycles(), back.memCycles());
                assertEquals(in.startPc(), back.startPc());
                assertEquals(in.heapStart(), back.heapStart());
                assertEquals(in.gas(), back.gas());
                assertArrayEquals(in.regs(), back.regs());
                assertTrue(in.plan().sameAs(back.plan()));
                assertEquals(in.pages().size(), back.pages().size());
                for (int k = 0; k < in.pages().size(); k++) {
                    FuzzPage a = in.pages().get(k);
                    FuzzPage b = back.pages().get(k);
                    assertEquals(a.page(), b.page());
                    assertEquals(a.writable(), b.writable());
                    byte[] ca = a.contents() == null ? new byte[4096] : a.contents();
                    byte[] cb = b.contents() == null ? new byte[4096] : b.contents();
                    assertArrayEquals(ca, cb);
                }
            }
        }
    }
}
