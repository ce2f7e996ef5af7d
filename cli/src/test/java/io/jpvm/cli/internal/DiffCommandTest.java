package io.jpvm.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpvm.conformance.FuzzGenerator;
import io.jpvm.conformance.KernelDiff;
import io.jpvm.conformance.KernelGenerator;
import io.jpvm.conformance.KernelReproducer;
import io.jpvm.conformance.MachineEngine;
import io.jpvm.conformance.ReferenceProgram;
import io.jpvm.conformance.Reproducer;
import io.jpvm.isa.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void recompiler() {
        assumeTrue(MachineEngine.RECOMPILER.available(), "recompiler not available here");
    }

    @Test
    void deblobBlockByBlock() throws IOException {
        Path blob = Cli.assemble(dir, "halt.bin", Programs.GP_HALT);
        Cli r = Cli.exec("diff", blob.toString(), "--reg", "8=0x10", "--gas", "100");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("program       deblob, profile gp072, machine level, block by block"), r.out());
        assertTrue(r.out().contains("identical     0 block boundaries and 1 exit compared"), r.out()); // one block
        assertTrue(r.out().contains("status        halt"), r.out());
        assertTrue(r.out().contains("φ7            23 (0x17)"), r.out());
        assertTrue(r.out().contains("gas used      4 (given 100, left 96)"), r.out());
    }

    @Test
    void outOfGasAndFaultsAreComparedToo() throws IOException {
        Path halt = Cli.assemble(dir, "halt.bin", Programs.GP_HALT);
        Cli oog = Cli.exec("diff", halt.toString(), "--gas", "3");
        assertEquals(0, oog.exit(), oog.out() + oog.err());
        assertTrue(oog.out().contains("status        out-of-gas"), oog.out());
        Path fault = Cli.assemble(dir, "fault.bin", Programs.GP_FAULT);
        Cli pf = Cli.exec("diff", fault.toString());
        assertEquals(0, pf.exit(), pf.out() + pf.err());
        assertTrue(pf.out().contains("status        page-fault"), pf.out());
        assertTrue(pf.out().contains("fault address 0x20000"), pf.out());
    }

    @Test
    void fibLoopEveryBlock() throws IOException {
        Path fib = dir.resolve("fib-gp.bin");
        Files.write(fib, ReferenceProgram.FIB_GP.bytes());
        Cli r = Cli.exec("diff", fib.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("identical     1,000,001 block boundaries and 1 exit compared"), r.out());
        assertTrue(r.out().contains("0x2641a9a802e2699d"), r.out());
    }

    @Test
    void jarOnTheKernelOrAtMachineLevel() throws IOException {
        Path jar = dir.resolve("fib_recur.jar");
        Files.write(jar, ReferenceProgram.FIB_RECUR.bytes());
        Cli r = Cli.exec("diff", jar.toString(), "--reg", "7=10");
        assertEquals(0, r.exit(), r.out() + r.err());
        if (KernelDiff.available()) {
            assertTrue(r.out().contains("capability kernel (final results"), r.out());
            assertTrue(r.out().contains("φ7            55 (0x37)"), r.out());
            assertTrue(r.out().contains("VMs           177 live, 177 created"), r.out());
        }
        Path halt = Cli.assemble(dir, "halt.jar", Programs.JAR_HALT);
        Cli m = Cli.exec("diff", halt.toString(), "--machine-level");
        assertEquals(0, m.exit(), m.out() + m.err());
        assertTrue(m.out().contains("profile javm, machine level, block by block"), m.out());
        assertTrue(m.out().contains("gas used      107 (given 1,000,000,000"), m.out());
    }

    @Test
    void reproducerFilesReplay() throws IOException {
        Path file = dir.resolve("javm-seed-3.jpvmasm");
        Files.writeString(file, Reproducer.write(FuzzGenerator.generate(3, Profile.JAVM).input(), null));
        Cli r = Cli.exec("diff", file.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("program       fuzz reproducer (seed 3), profile javm"), r.out());
        assertTrue(r.out().contains("identical"), r.out());
        if (KernelDiff.available()) {
            Path k = dir.resolve("kernel-seed-3.jpvmasm");
            Files.writeString(k, KernelReproducer.write(KernelGenerator.generate(3), null));
            Cli kr = Cli.exec("diff", k.toString());
            assertEquals(0, kr.exit(), kr.out() + kr.err());
            assertTrue(kr.out().startsWith("program       kernel fuzz reproducer (seed 3)"), kr.out());
            assertTrue(kr.out().contains("identical"), kr.out());
        }
    }

    @Test
    void badInput() throws IOException {
        Cli.exec("diff", dir.resolve("none.bin").toString()).assertUsageError();
        Path broken = dir.resolve("broken.jpvmasm");
        Files.writeString(broken, Reproducer.MAGIC + "\n; regs: 1 2\n; profile: javm\ntrap\n");
        Cli r = Cli.exec("diff", broken.toString());
        r.assertUsageError();
        assertTrue(r.err().contains("line 2"), r.err());
        Path fib = dir.resolve("fib.jar");
        Files.write(fib, ReferenceProgram.FIB.bytes());
        Cli.exec("diff", fib.toString(), "--pc", "3").assertUsageError();
    }
}
