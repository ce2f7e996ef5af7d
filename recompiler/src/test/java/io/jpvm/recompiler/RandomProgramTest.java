package io.jpvm.recompiler;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random programs with control flow (static branches to block starts and to non-block-starts,
 * jumps, dynamic jumps through a jump table with valid, invalid, odd, zero, out-of-range and halt
 * addresses, host calls, ecalls, traps, invalid opcodes, fallthrough, unlikely, gp072 sbrk, running
 * off the end) run on both engines with random gas, random start pcs (block starts, mid-block,
 * non-instructions), and continued after every exit the interpreter continues from. Every exit is
 * compared in full. Absolute memory accesses stay inside mapped pages; register-relative ones (only
 * when the signal handler is installed) often fault.
 */
class RandomProgramTest {
    static final int PROGRAMS = Integer.getInteger("jpvm.fuzz.programs", 150);
    static final boolean FAULTS = Platform.guestFaultsHandled();

    @TestFactory
    Stream<DynamicTest> randomPrograms() {
        return IntStream.range(0, PROGRAMS).boxed().flatMap(seed -> Stream.of(Profile.values())
                .map(p -> DynamicTest.dynamicTest(p.id() + " seed " + seed, () -> check(p, seed))));
    }

    static final int[] ALU = OpcodeDifferentialTest.opcodes().stream()
            .filter(op -> !OpcodeDifferentialTest.isMemory(op)).mapToInt(Integer::intValue).toArray();

    static String program(Profile p, SplittableRandom r, int n) {
        StringBuilder s = new StringBuilder();
        int labels = n + 1;
        for (int i = 0; i < n; i++) {
            s.append("L").append(i).append(": ");
            int kind = r.nextInt(100);
            String l = "L" + r.nextInt(labels);
            if (kind < 40) {
                int op = ALU[r.nextInt(ALU.length)];
                s.append(OpcodeDifferentialTest.instance(op, r, new long[13]));
            } else if (kind < 45 || (kind < 48 && !FAULTS)) {
                int[] mem = {30, 31, 32, 33, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62};
                s.append(OpcodeDifferentialTest.instance(mem[r.nextInt(mem.length)], r, new long[13]));
            } else if (kind < 48) {
                // register-relative access: a good base half of the time, else whatever the register holds
                int[] mem = {70, 71, 72, 73, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130};
                int op = mem[r.nextInt(mem.length)];
                long[] regs = new long[13];
                Arrays.fill(regs, Long.MIN_VALUE);
                String insn = r.nextBoolean() ? MemoryFaultTest.instance(op, r, regs)
                        : OpcodeDifferentialTest.instance(op, r, regs);
                for (int k = 0; k < 13; k++) {
                    if (regs[k] != Long.MIN_VALUE && r.nextBoolean()) {
                        s.append("load_imm_64 r").append(k).append(", ").append(regs[k]).append('\n');
                    }
                }
                s.append(insn);
            } else if (kind < 58) {
                String[] br = {"branch_eq", "branch_ne", "branch_lt_u", "branch_lt_s", "branch_ge_u", "branch_ge_s"};
                s.append(br[r.nextInt(br.length)]).append(" r").append(Values.regIndex(r)).append(", r")
                        .append(Values.regIndex(r)).append(", ").append(l);
            } else if (kind < 68) {
                s.append(Opcode.name(81 + r.nextInt(10))).append(" r").append(Values.regIndex(r)).append(", ")
                        .append(Values.imm(r)).append(", ").append(l);
            } else if (kind < 72) {
                s.append("jump ").append(l);
            } else if (kind < 75) {
                s.append("load_imm_jump r").append(Values.regIndex(r)).append(", ").append(Values.imm(r)).append(", ")
                        .append(l);
            } else if (kind < 80) {
                int reg = Values.regIndex(r);
                s.append("load_imm r").append(reg).append(", ").append(djumpAddress(r)).append('\n');
                s.append("jump_ind r").append(reg).append(", 0");
            } else if (kind < 83) {
                int a = Values.regIndex(r);
                int b = Values.regIndex(r, a);
                s.append("load_imm r").append(b).append(", ").append(djumpAddress(r)).append('\n');
                s.append("load_imm_jump_ind r").append(a).append(", r").append(b).append(", ")
                        .append(djumpAddress(r)).append(", ").append(r.nextInt(3) == 0 ? 2 : 0);
            } else if (kind < 87) {
                s.append("ecalli ").append(r.nextInt(3));
            } else if (kind < 89) {
                s.append(p == Profile.JAVM ? "ecall" : "ecalli 9");
            } else if (kind < 91) {
                s.append("trap");
            } else if (kind < 94) {
                s.append("fallthrough");
            } else if (kind < 95) {
                s.append(p == Profile.JAVM ? "unlikely" : "fallthrough");
            } else if (kind < 96) {
                s.append(".insn 0xff 0x00");
            } else if (kind < 98 && p == Profile.GP072) {
                int d = Values.regIndex(r);
                int a = Values.regIndex(r, d);
                s.append("load_imm r").append(a).append(", ").append(r.nextInt(3) == 0 ? 0 : r.nextInt(1, 9000)).append('\n');
                s.append("sbrk r").append(d).append(", r").append(a);
            } else {
                s.append("move_reg r").append(Values.regIndex(r)).append(", r").append(Values.regIndex(r));
            }
            s.append('\n');
        }
        s.append("L").append(n).append(":\n");
        int entries = r.nextInt(0, 12);
        if (entries > 0) {
            s.append(".jump_table");
            for (int k = 0; k < entries; k++) {
                s.append(k == 0 ? " " : ", ").append(r.nextInt(6) == 0 ? "@" + r.nextInt(200) : "L" + r.nextInt(labels));
            }
            s.append('\n');
        }
        return s.toString();
    }

    static long djumpAddress(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> 0;
            case 1 -> 2L * r.nextInt(1, 20) + 1;
            case 2 -> -65536; // 0xFFFF0000 mod 2^32
            case 3 -> r.nextInt();
            default -> 2L * r.nextInt(1, 14);
        };
    }

    static void check(Profile p, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 7919 + p.ordinal());
        String src = program(p, r, r.nextInt(5, 60));
        CodeBlob blob = Engines.blob(src);
        byte[] rw = new byte[(int) (OpcodeDifferentialTest.RW_PAGES << 12)];
        r.nextBytes(rw);
        List<Engines.Region> regions = new ArrayList<>(List.of(
                new Engines.Region(OpcodeDifferentialTest.RW_PAGE, OpcodeDifferentialTest.RW_PAGES, true, rw),
                Engines.Region.ro(OpcodeDifferentialTest.RO_PAGE, 1, new byte[4096])));
        try (Engines.Pair pair = new Engines.Pair(blob, p, regions)) {
            Program prog = pair.iprog.program();
            for (int run = 0; run < 6; run++) {
                pair.setRegs(Values.regs(r));
                pair.setHeapStart(r.nextBoolean() ? 0x10000 : 0x40000 + r.nextInt(0x10000));
                pair.setGas(r.nextInt(4) == 0 ? r.nextInt(40) : r.nextInt(5000));
                int startKind = r.nextInt(6);
                long pc = startKind < 3 || prog.count() == 0 ? 0
                        : startKind < 5 ? prog.pcOf(r.nextInt(prog.count() + 1)) : r.nextInt(prog.codeLength() + 3);
                int at = prog.indexOf(pc);
                if (at >= 0 && at < prog.count() && prog.instruction(at).opcode() == Opcode.SBRK) {
                    pc = 0; // a fresh start at sbrk would grow the heap by a random register (up to 4 GiB)
                }
                pair.setPc(pc);
                for (int exit = 0; exit < 40; exit++) {
                    String what = p.id() + " seed " + seed + " run " + run + " exit " + exit + " start " + pc + "\n" + src;
                    ExitKind k = pair.runBoth(what);
                    if (k == ExitKind.OUT_OF_GAS) {
                        if (r.nextInt(3) == 0) {
                            break;
                        }
                        pair.setGas(r.nextInt(4) == 0 ? r.nextInt(30) : r.nextInt(3000));
                    } else if (k == ExitKind.HOST_CALL || k == ExitKind.ECALL) {
                        pair.setReg(7, Values.reg(r));
                    } else if (r.nextInt(4) != 0) {
                        break; // panic/trap/halt: sometimes run again (the interpreter re-executes)
                    }
                }
            }
        }
    }
}
