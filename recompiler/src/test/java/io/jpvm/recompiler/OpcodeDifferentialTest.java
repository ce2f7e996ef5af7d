package io.jpvm.recompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.OperandClass;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every non-control opcode of both profiles against the interpreter: many instances per opcode
 * (random registers, aliasing between operands, rax/rcx-hosted registers, edge values and
 * immediates), each followed by an ecalli so that every instance is one run compared in full.
 * Memory instances stay inside mapped pages (fault-free), straddling page boundaries.
 */
class OpcodeDifferentialTest {
    static final int INSTANCES = 160;
    static final long RW_PAGE = 0x20;
    static final long RW_PAGES = 16;
    static final long RO_PAGE = 0x30;

    static boolean isMemory(int op) {
        return (op >= 30 && op <= 33) || (op >= 52 && op <= 62) || (op >= 70 && op <= 73) || (op >= 120 && op <= 130);
    }

    static boolean isStore(int op) {
        return (op >= 30 && op <= 33) || (op >= 59 && op <= 62) || (op >= 70 && op <= 73) || (op >= 120 && op <= 123);
    }

    static int width(int op) {
        if (op >= 30 && op <= 33) {
            return 1 << (op - 30);
        } else if (op >= 52 && op <= 58) {
            return 1 << ((op - 52) >> 1);
        } else if (op >= 59 && op <= 62) {
            return 1 << (op - 59);
        } else if (op >= 70 && op <= 73) {
            return 1 << (op - 70);
        } else if (op >= 120 && op <= 123) {
            return 1 << (op - 120);
        }
        return 1 << ((op - 124) >> 1);
    }

    /** The opcodes tested here: everything except control flow, exits and sbrk. */
    static List<Integer> opcodes() {
        List<Integer> ops = new ArrayList<>();
        for (int op = 0; op < 256; op++) {
            if (!Opcode.isDefined(op) || op <= 10 || op == Opcode.SBRK || op == Opcode.JUMP || op == Opcode.JUMP_IND
                    || (op >= 80 && op <= 90) || (op >= 170 && op <= 180)) {
                continue;
            }
            ops.add(op);
        }
        return ops;
    }

    static long address(SplittableRandom r, int width, boolean store) {
        long lo = RW_PAGE << 12;
        long hi = (store ? (RW_PAGE + RW_PAGES) << 12 : (RO_PAGE + 1) << 12) - width;
        if (r.nextInt(3) == 0) {
            // near a page boundary inside the mapped range (straddling accesses)
            long page = RW_PAGE + 1 + r.nextInt((int) (hi - lo) >>> 12);
            long a = (page << 12) - r.nextInt(1, 8);
            return Math.max(lo, Math.min(hi, a));
        }
        return lo + r.nextLong(hi - lo + 1);
    }

    /** One instance of {@code op}: its assembly text; {@code regs} receives base registers for memory ops. */
    static String instance(int op, SplittableRandom r, long[] regs) {
        String m = Opcode.name(op);
        OperandClass cls = OperandClass.of(op);
        if (isMemory(op)) {
            int w = width(op);
            long addr = address(r, w, isStore(op));
            return switch (cls) {
                case IMM_IMM -> m + " " + addr + ", " + Values.imm(r);
                case REG_IMM -> m + " r" + Values.regIndex(r) + ", " + addr;
                case REG_IMM_IMM -> {
                    int a = Values.regIndex(r);
                    int x = Values.imm(r);
                    regs[a] = base(r, addr, x);
                    yield m + " r" + a + ", " + x + ", " + Values.imm(r);
                }
                default -> {
                    int a = Values.regIndex(r);
                    int b = Values.regIndex(r, a);
                    int x = Values.imm(r);
                    regs[b] = base(r, addr, x);
                    yield m + " r" + a + ", r" + b + ", " + x;
                }
            };
        }
        return switch (cls) {
            case REG_IMM64 -> m + " r" + Values.regIndex(r) + ", " + Values.reg(r);
            case REG_IMM -> m + " r" + Values.regIndex(r) + ", " + Values.imm(r);
            case REG_REG -> {
                int d = Values.regIndex(r);
                yield m + " r" + d + ", r" + Values.regIndex(r, d);
            }
            case REG_REG_IMM -> {
                int a = Values.regIndex(r);
                yield m + " r" + a + ", r" + Values.regIndex(r, a) + ", " + Values.imm(r);
            }
            case REG_REG_REG -> {
                int d = Values.regIndex(r);
                int a = Values.regIndex(r, d);
                int b = Values.regIndex(r, d, a);
                yield m + " r" + d + ", r" + a + ", r" + b;
            }
            default -> throw new IllegalArgumentException(m);
        };
    }

    /** A base register value whose sum with {@code x} is {@code addr} mod 2^32, with random upper bits. */
    static long base(SplittableRandom r, long addr, int x) {
        long low = (addr - x) & 0xFFFFFFFFL;
        long high = r.nextBoolean() ? 0 : r.nextLong() << 32;
        return high | low;
    }

    @TestFactory
    Stream<DynamicTest> everyOpcodeBothProfiles() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Profile p : Profile.values()) {
            for (int op : opcodes()) {
                if (!p.isValid(op)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(p.id() + " " + Opcode.name(op), () -> check(p, op, 1000L * op + p.ordinal())));
            }
        }
        return tests.stream();
    }

    static void check(Profile p, int op, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder src = new StringBuilder();
        List<long[]> regs = new ArrayList<>();
        for (int k = 0; k < INSTANCES; k++) {
            long[] v = Values.regs(r);
            src.append(instance(op, r, v)).append('\n').append("ecalli 7\n");
            regs.add(v);
        }
        CodeBlob blob = Engines.blob(src.toString());
        byte[] rw = new byte[(int) (RW_PAGES << 12)];
        r.nextBytes(rw);
        byte[] ro = new byte[4096];
        r.nextBytes(ro);
        List<Engines.Region> regions = List.of(new Engines.Region(RW_PAGE, RW_PAGES, true, rw),
                Engines.Region.ro(RO_PAGE, 1, ro));
        try (Engines.Pair pair = new Engines.Pair(blob, p, regions)) {
            Program prog = pair.iprog.program();
            for (int k = 0; k < INSTANCES; k++) {
                pair.setRegs(regs.get(k));
                pair.setGas(1_000_000);
                pair.setPc(prog.pcOf(2 * k));
                String what = p.id() + " instance " + k + ": " + src.toString().split("\n")[2 * k];
                assertEquals(ExitKind.HOST_CALL, pair.runBoth(what), what);
            }
        }
    }
}
