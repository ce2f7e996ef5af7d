package io.jpvm.recompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guest memory faults through the signal handler, compared with the interpreter: unmapped pages,
 * writes to read-only pages, page-straddling accesses (fault at the lowest inaccessible byte, nothing
 * written), the 8-byte access at 0xFFFFFFFC (window guard), gp072's low zone (panic), javm's page 0
 * (ordinary memory), and re-execution of the faulting instruction after the embedder maps the page.
 */
class MemoryFaultTest {
    @BeforeAll
    static void handler() {
        assumeTrue(Platform.guestFaultsHandled(), "needs the guest-fault signal handler");
    }

    static final int[] MEMORY_OPS = {
        30, 31, 32, 33, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 70, 71, 72, 73,
        120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130,
    };

    /** Interesting addresses: around mapped, read-only and unmapped pages, the low zone and 2^32. */
    static long address(SplittableRandom r, int width) {
        long[] anchors = {0, 0x1000, 0xF000, 0x10000, 0x20000, 0x21000, 0x22000, 0x30000, 0x31000, 0x40000,
            0xFFFFF000L, 0x1_0000_0000L, 0x7FFFF000L};
        long base = anchors[r.nextInt(anchors.length)];
        return (base + r.nextInt(-9, 9) + (r.nextInt(4) == 0 ? r.nextInt(0x1000) : 0)) & 0xFFFFFFFFL;
    }

    static String instance(int op, SplittableRandom r, long[] regs) {
        String m = Opcode.name(op);
        int w = OpcodeDifferentialTest.width(op);
        long addr = address(r, w);
        int a = Values.regIndex(r);
        switch (io.jpvm.isa.OperandClass.of(op)) {
            case IMM_IMM -> {
                return m + " " + (int) addr + ", " + Values.imm(r);
            }
            case REG_IMM -> {
                return m + " r" + a + ", " + (int) addr;
            }
            case REG_IMM_IMM -> {
                int x = Values.imm(r);
                regs[a] = OpcodeDifferentialTest.base(r, addr, x);
                return m + " r" + a + ", " + x + ", " + Values.imm(r);
            }
            default -> {
                int b = Values.regIndex(r, a);
                int x = Values.imm(r);
                regs[b] = OpcodeDifferentialTest.base(r, addr, x);
                return m + " r" + a + ", r" + b + ", " + x;
            }
        }
    }

    static List<Engines.Region> regions(Profile p, SplittableRandom r) {
        List<Engines.Region> list = new ArrayList<>();
        byte[] rw = new byte[0x2000];
        r.nextBytes(rw);
        byte[] ro = new byte[0x1000];
        r.nextBytes(ro);
        list.add(new Engines.Region(0x20, 2, true, rw));       // 0x20000..0x21FFF RW
        list.add(Engines.Region.ro(0x30, 1, ro));              // 0x30000 RO, 0x31000 unmapped
        list.add(new Engines.Region(0xFFFFF, 1, true, null));  // the last page
        list.add(new Engines.Region(0x7FFFF, 1, false, null));
        if (p == Profile.JAVM) {
            list.add(new Engines.Region(0, 1, true, java.util.Arrays.copyOf(rw, 4096))); // page 0 is ordinary memory in javm
        } else {
            list.add(new Engines.Region(0x10, 1, true, null));   // first page above the low zone
        }
        return list;
    }

    @TestFactory
    Stream<DynamicTest> everyMemoryOpFaultsLikeTheInterpreter() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Profile p : Profile.values()) {
            for (int op : MEMORY_OPS) {
                tests.add(DynamicTest.dynamicTest(p.id() + " " + Opcode.name(op), () -> check(p, op, op * 31L + p.ordinal())));
            }
        }
        return tests.stream();
    }

    static void check(Profile p, int op, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 120;
        StringBuilder src = new StringBuilder();
        List<long[]> regs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long[] v = Values.regs(r);
            src.append(instance(op, r, v)).append("\necalli 7\n");
            regs.add(v);
        }
        String[] lines = src.toString().split("\n");
        int faults = 0;
        try (Engines.Pair pair = new Engines.Pair(Engines.blob(src.toString()), p, regions(p, r))) {
            for (int k = 0; k < n; k++) {
                pair.setRegs(regs.get(k));
                pair.setGas(1_000_000);
                pair.setPc(pair.iprog.program().pcOf(2 * k));
                String what = p.id() + " " + lines[2 * k];
                ExitKind e = pair.runBoth(what);
                if (e == ExitKind.PAGE_FAULT || e == ExitKind.PANIC) {
                    faults++;
                    // running again re-executes the faulting instruction and faults again
                    pair.runBoth(what + " (again)");
                }
            }
        }
        assertEquals(true, faults > 10, "too few faulting instances: " + faults);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void resumesAfterTheEmbedderMapsThePage(Profile p) {
        String src = """
                load_imm r1, 0x50000
                load_imm r2, 7
                fallthrough
                store_ind_u64 r2, r1, 4092
                load_ind_u64 r3, r1, 4092
                add_imm_64 r3, r3, 1
                ecalli 0
                """;
        try (Engines.Pair pair = new Engines.Pair(src, p, new Engines.Region(0x50, 1, true, null))) {
            pair.setGas(1000);
            assertEquals(ExitKind.PAGE_FAULT, pair.runBoth("store straddling into page 0x51"));
            assertEquals(0x51000, pair.vm.exitArg());
            pair.imem.mapZero(0x51, 1, true);
            pair.vm.map(0x51, 1, true);
            assertEquals(ExitKind.HOST_CALL, pair.runBoth("after mapping"));
            assertEquals(8, pair.vm.reg(3));
        }
    }

    @Test
    void eightByteAccessAtTheTopFaultsInTheGuard() {
        for (Profile p : Profile.values()) {
            String src = """
                    load_imm r1, -4
                    store_ind_u64 r1, r1, 0
                    ecalli 0
                    """;
            try (Engines.Pair pair = new Engines.Pair(src, p, new Engines.Region(0xFFFFF, 1, true, null))) {
                pair.setGas(1000);
                ExitKind e = pair.runBoth(p.id() + " 8 bytes at 0xFFFFFFFC");
                assertEquals(p == Profile.JAVM ? ExitKind.PAGE_FAULT : ExitKind.PANIC, e);
                pair.assertMemorySame("nothing written");
            }
        }
    }

    @Test
    void manyFaultsInARow() {
        String src = """
                load_imm r1, 0x90000
                fallthrough
                load_ind_u8 r2, r1, 0
                ecalli 0
                """;
        try (Engines.Pair pair = new Engines.Pair(src, Profile.JAVM)) {
            pair.setGas(1_000_000);
            for (int k = 0; k < 2000; k++) {
                assertEquals(ExitKind.PAGE_FAULT, pair.runBoth("fault " + k));
            }
        }
    }
}
