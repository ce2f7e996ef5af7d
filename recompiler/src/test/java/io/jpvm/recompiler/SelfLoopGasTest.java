package io.jpvm.recompiler;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Self-loops — a block of straight-line register-only ALU instructions closed by a conditional branch
 * back to its own start — against the interpreter. The recompiler keeps the gas in rdx inside such a
 * loop (charged at the back edge, fused with the branch, the loop head 32-byte aligned) and in xmm15
 * everywhere else; these programs check the hand-over in every direction: out of gas at the back edge
 * and at the first entry, loops left through the not-taken branch (the next block then charges from
 * xmm15 again), fresh starts and resumptions at every instruction inside the loop (entry stubs), every
 * branch condition in register and immediate form, loop bodies from empty to long, operands in
 * rax/rcx, and loops that do not qualify (a memory access or a shift by register inside) next to
 * ones that do. Registers, gas, pc and memory are compared after every exit.
 */
class SelfLoopGasTest {
    static final int PROGRAMS = Integer.getInteger("jpvm.fuzz.programs", 150);

    /** Register-only ALU opcodes (the loop bodies that qualify). */
    static final String[] RDX_FREE = {"add_64", "sub_64", "mul_64", "and", "or", "xor", "add_32", "add_imm_64",
        "add_imm_32", "and_imm", "xor_imm", "or_imm", "mul_imm_64", "mul_imm_32", "shlo_l_imm_64", "shlo_r_imm_64",
        "shar_r_imm_64", "shlo_l_imm_32", "rot_r_64_imm", "neg_add_imm_64", "neg_add_imm_32", "move_reg",
        "count_set_bits_64", "leading_zero_bits_32", "sign_extend_8", "reverse_bytes", "cmov_iz", "cmov_nz",
        "load_imm", "load_imm_64"};

    /** Instructions that make a loop not qualify (they use rdx). */
    static final String[] RDX_USERS = {"shlo_l_64", "set_lt_u", "max", "sub_32", "store_u32", "load_u64", "load_i8"};

    @TestFactory
    Stream<DynamicTest> randomSelfLoops() {
        return IntStream.range(0, PROGRAMS).boxed().flatMap(seed -> Stream.of(Profile.values())
                .map(p -> DynamicTest.dynamicTest(p.id() + " seed " + seed, () -> check(p, seed))));
    }

    /** One instance of {@code m} (absolute memory accesses stay inside the mapped pages). */
    static String insn(String m, SplittableRandom r) {
        return OpcodeDifferentialTest.instance(Opcode.byName(m), r, new long[13]);
    }

    static String program(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        int loops = r.nextInt(1, 4);
        for (int l = 0; l < loops; l++) {
            // a counter register makes most loops end; random conditions on random registers may not
            int counter = Values.regIndex(r);
            s.append("load_imm r").append(counter).append(", ").append(r.nextInt(0, 20)).append('\n');
            s.append("fallthrough\n");
            s.append("L").append(l).append(":\n");
            int body = r.nextInt(0, 7);
            boolean spoil = r.nextInt(4) == 0;
            for (int k = 0; k < body; k++) {
                if (spoil && k == body / 2) {
                    s.append(insn(RDX_USERS[r.nextInt(RDX_USERS.length)], r)).append('\n');
                } else {
                    s.append(insn(RDX_FREE[r.nextInt(RDX_FREE.length)], r)).append('\n');
                }
            }
            s.append("add_imm_64 r").append(counter).append(", r").append(counter).append(", ")
                    .append(r.nextBoolean() ? 1 : -1).append('\n');
            if (r.nextBoolean()) {
                String[] br = {"branch_eq", "branch_ne", "branch_lt_u", "branch_lt_s", "branch_ge_u", "branch_ge_s"};
                s.append(br[r.nextInt(br.length)]).append(" r").append(counter).append(", r")
                        .append(Values.regIndex(r)).append(", L").append(l).append('\n');
            } else {
                s.append(Opcode.name(Opcode.BRANCH_EQ_IMM + r.nextInt(10))).append(" r").append(counter).append(", ")
                        .append(r.nextInt(3) == 0 ? Values.imm(r) : r.nextInt(-30, 30)).append(", L").append(l)
                        .append('\n');
            }
            if (r.nextBoolean()) {
                s.append("ecalli ").append(l).append('\n');
            }
        }
        s.append("trap\n");
        return s.toString();
    }

    static void check(Profile p, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 31 + p.ordinal());
        String src = program(r);
        byte[] rw = new byte[(int) (OpcodeDifferentialTest.RW_PAGES << 12)];
        r.nextBytes(rw);
        List<Engines.Region> regions = new ArrayList<>(List.of(
                new Engines.Region(OpcodeDifferentialTest.RW_PAGE, OpcodeDifferentialTest.RW_PAGES, true, rw),
                Engines.Region.ro(OpcodeDifferentialTest.RO_PAGE, 1, new byte[4096])));
        try (Engines.Pair pair = new Engines.Pair(Engines.blob(src), p, regions)) {
            Program prog = pair.iprog.program();
            for (int run = 0; run < 12; run++) {
                pair.setRegs(Values.regs(r));
                pair.setGas(r.nextInt(3) == 0 ? r.nextInt(60) : r.nextInt(3000));
                // fresh starts everywhere, inside loops included
                int start = run < 4 ? 0 : r.nextInt(prog.count() + 1);
                pair.setPc(prog.pcOf(start));
                for (int exit = 0; exit < 25; exit++) {
                    String what = p.id() + " seed " + seed + " run " + run + " start " + start + " exit " + exit + "\n"
                            + src;
                    ExitKind k = pair.runBoth(what);
                    if (k == ExitKind.OUT_OF_GAS) {
                        pair.setGas(r.nextInt(3) == 0 ? r.nextInt(25) : r.nextInt(400));
                    } else if (k == ExitKind.HOST_CALL) {
                        pair.setReg(7, Values.reg(r));
                    } else {
                        break;
                    }
                }
            }
        }
    }
}
