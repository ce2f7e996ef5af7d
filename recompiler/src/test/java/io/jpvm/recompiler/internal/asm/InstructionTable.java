package io.jpvm.recompiler.internal.asm;

import static io.jpvm.recompiler.internal.asm.Reg.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A large table of instructions for the cross-check test: Intel-syntax text (as llvm-mc accepts
 * it) paired with the assembler calls that should produce the same bytes.
 */
final class InstructionTable {
    /** {@code llvm}: whether llvm-mc can express the exact encoding (else objdump only). */
    record Case(String text, boolean llvm, Consumer<X64Assembler> emit) {
        byte[] encode() {
            X64Assembler a = new X64Assembler();
            emit.accept(a);
            return a.finish();
        }
    }

    interface RR { void emit(X64Assembler a, Reg x, Reg y); }
    interface RI { void emit(X64Assembler a, Reg x, int imm); }
    interface RM { void emit(X64Assembler a, Reg x, Mem m); }
    interface MR { void emit(X64Assembler a, Mem m, Reg x); }
    interface MI { void emit(X64Assembler a, Mem m, int imm); }
    interface R { void emit(X64Assembler a, Reg x); }
    interface M { void emit(X64Assembler a, Mem m); }
    interface RRI { void emit(X64Assembler a, Reg x, Reg y, int imm); }
    interface RMI { void emit(X64Assembler a, Reg x, Mem m, int imm); }

    static final Reg[] ALL = Reg.values();

    /** Memory operands covering every ModRM/SIB special case. */
    static final Mem[] MEMS = {
        Mem.of(RAX), Mem.of(RCX, 8), Mem.of(RDX, -128), Mem.of(RBX, 127), Mem.of(RBX, 128),
        Mem.of(RSI, -129), Mem.of(RDI, 0x12345678), Mem.of(RSP), Mem.of(RSP, 8), Mem.of(RSP, -0x1000),
        Mem.of(RBP), Mem.of(RBP, 8), Mem.of(RBP, -4096), Mem.of(R12), Mem.of(R12, 1),
        Mem.of(R13), Mem.of(R13, Integer.MAX_VALUE), Mem.of(R8, Integer.MIN_VALUE), Mem.of(R15, -3992),
        Mem.of(R15, RDX), Mem.of(R15, RDX, 1, 16), Mem.of(RAX, R12, 8, 0), Mem.of(RSP, RBP, 2, 0),
        Mem.of(R13, R13, 8, -1), Mem.of(RBP, RAX), Mem.of(R12, R9, 2, 0x100), Mem.of(R11, R14, 4, -77),
        Mem.of(RSP, R15, 1, 0), Mem.of(R12, R12, 1, 0),
        Mem.absolute(16), Mem.absolute(-8), Mem.absolute(0x7FFFF000), Mem.indexOnly(RCX, 4, 16),
        Mem.indexOnly(R14, 8, -3992), Mem.indexOnly(RBP, 1, 0), Mem.rip(16), Mem.rip(-5), Mem.rip(0),
    };

    static final int[] IMMS = {
        0, 1, -1, 2, 127, -128, 128, -129, 255, 256, 0x7FFF, -0x8000, 0x12345678, -0x12345678,
        Integer.MAX_VALUE, Integer.MIN_VALUE,
    };

    private final List<Case> cases = new ArrayList<>();

    static List<Case> build() {
        InstructionTable t = new InstructionTable();
        t.arithmetic();
        t.unary();
        t.bits();
        t.moves();
        t.control();
        return t.cases;
    }

    private void add(String text, Consumer<X64Assembler> emit) {
        cases.add(new Case(text, true, emit));
    }

    private void addObjdumpOnly(String mnemonic, Consumer<X64Assembler> emit) {
        cases.add(new Case(mnemonic, false, emit));
    }

    static String ptr(int bits, Mem m) {
        if (bits == 0) {
            return m.toString();
        }
        String w = switch (bits) {
            case 8 -> "byte";
            case 16 -> "word";
            case 32 -> "dword";
            default -> "qword";
        };
        return w + " ptr " + m;
    }

    /** Pairs (x, y) covering every register on both sides, including x == y. */
    static List<Reg[]> pairs() {
        List<Reg[]> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            out.add(new Reg[] {ALL[i], ALL[(i * 5 + 3) % 16]});
            out.add(new Reg[] {ALL[(i * 7 + 2) % 16], ALL[i]});
            out.add(new Reg[] {ALL[i], ALL[i]});
        }
        return out;
    }

    /** A few registers per memory operand, chosen to vary REX.R. */
    static Reg[] regsFor(int k) {
        return new Reg[] {ALL[k % 16], ALL[(k * 3 + 8) % 16]};
    }

    private void rr(String mn, int bits, RR f) {
        for (Reg[] p : pairs()) {
            add(mn + " " + p[0].name(bits) + ", " + p[1].name(bits), a -> f.emit(a, p[0], p[1]));
        }
    }

    private void ri(String mn, int bits, RI f, int[] imms) {
        for (int i = 0; i < 16; i++) {
            Reg r = ALL[i];
            for (int j = 0; j < imms.length; j += (i == 0 ? 1 : 3)) {
                int imm = imms[(j + i) % imms.length];
                add(mn + " " + r.name(bits) + ", " + imm, a -> f.emit(a, r, imm));
            }
        }
    }

    private void rm(String mn, int bits, int memBits, RM f) {
        for (int k = 0; k < MEMS.length; k++) {
            Mem m = MEMS[k];
            for (Reg r : regsFor(k)) {
                add(mn + " " + r.name(bits) + ", " + ptr(memBits, m), a -> f.emit(a, r, m));
            }
        }
    }

    private void mr(String mn, int bits, MR f) {
        for (int k = 0; k < MEMS.length; k++) {
            Mem m = MEMS[k];
            for (Reg r : regsFor(k + 1)) {
                add(mn + " " + ptr(bits, m) + ", " + r.name(bits), a -> f.emit(a, m, r));
            }
        }
    }

    private void mi(String mn, int bits, MI f, int[] imms) {
        for (int k = 0; k < MEMS.length; k++) {
            Mem m = MEMS[k];
            for (int j = 0; j < 2; j++) {
                int imm = imms[(k * 5 + j * 7) % imms.length];
                add(mn + " " + ptr(bits, m) + ", " + imm, a -> f.emit(a, m, imm));
            }
        }
    }

    private void r(String mn, int bits, R f) {
        for (Reg x : ALL) {
            add(mn + " " + x.name(bits), a -> f.emit(a, x));
        }
    }

    private void m(String mn, int bits, M f) {
        for (Mem x : MEMS) {
            String text = mn + " " + ptr(bits, x);
            boolean absolute = x.base() == null && x.index() == null && !x.isRipRelative();
            if (absolute && (mn.equals("jmp") || mn.equals("call"))) {
                // llvm-mc reads "jmp qword ptr [16]" as a direct branch to address 16
                addObjdumpOnly(text, a -> f.emit(a, x));
            } else {
                add(text, a -> f.emit(a, x));
            }
        }
    }

    private void alu(String mn, RR q, RI qi, RM qm, MR mq, MI mqi, RR l, RI li, RM lm, MR ml, MI mli) {
        rr(mn, 64, q);
        ri(mn, 64, qi, IMMS);
        rm(mn, 64, 64, qm);
        if (mq != null) {
            mr(mn, 64, mq);
            mi(mn, 64, mqi, IMMS);
        }
        rr(mn, 32, l);
        ri(mn, 32, li, IMMS);
        if (lm != null) {
            rm(mn, 32, 32, lm);
            mr(mn, 32, ml);
            mi(mn, 32, mli, IMMS);
        }
    }

    private void arithmetic() {
        alu("add", X64Assembler::addq, X64Assembler::addq, X64Assembler::addq, X64Assembler::addq,
                X64Assembler::addq, X64Assembler::addl, X64Assembler::addl, X64Assembler::addl,
                X64Assembler::addl, X64Assembler::addl);
        alu("or", X64Assembler::orq, X64Assembler::orq, X64Assembler::orq, X64Assembler::orq,
                X64Assembler::orq, X64Assembler::orl, X64Assembler::orl, X64Assembler::orl,
                X64Assembler::orl, X64Assembler::orl);
        alu("adc", X64Assembler::adcq, X64Assembler::adcq, X64Assembler::adcq, null, null,
                X64Assembler::adcl, X64Assembler::adcl, null, null, null);
        alu("sbb", X64Assembler::sbbq, X64Assembler::sbbq, X64Assembler::sbbq, null, null,
                X64Assembler::sbbl, X64Assembler::sbbl, null, null, null);
        alu("and", X64Assembler::andq, X64Assembler::andq, X64Assembler::andq, X64Assembler::andq,
                X64Assembler::andq, X64Assembler::andl, X64Assembler::andl, X64Assembler::andl,
                X64Assembler::andl, X64Assembler::andl);
        alu("sub", X64Assembler::subq, X64Assembler::subq, X64Assembler::subq, X64Assembler::subq,
                X64Assembler::subq, X64Assembler::subl, X64Assembler::subl, X64Assembler::subl,
                X64Assembler::subl, X64Assembler::subl);
        alu("xor", X64Assembler::xorq, X64Assembler::xorq, X64Assembler::xorq, X64Assembler::xorq,
                X64Assembler::xorq, X64Assembler::xorl, X64Assembler::xorl, X64Assembler::xorl,
                X64Assembler::xorl, X64Assembler::xorl);
        alu("cmp", X64Assembler::cmpq, X64Assembler::cmpq, X64Assembler::cmpq, X64Assembler::cmpq,
                X64Assembler::cmpq, X64Assembler::cmpl, X64Assembler::cmpl, X64Assembler::cmpl,
                X64Assembler::cmpl, X64Assembler::cmpl);
        int[] imm8 = {0, 1, -1, 5, 127, -128, 255, 0x80};
        rr("cmp", 8, X64Assembler::cmpb);
        ri("cmp", 8, X64Assembler::cmpb, imm8);
        mi("cmp", 8, X64Assembler::cmpb, imm8);
        rr("test", 64, X64Assembler::testq);
        ri("test", 64, X64Assembler::testq, IMMS);
        mr("test", 64, X64Assembler::testq);
        mi("test", 64, X64Assembler::testq, IMMS);
        rr("test", 32, X64Assembler::testl);
        ri("test", 32, X64Assembler::testl, IMMS);
        mr("test", 32, X64Assembler::testl);
        mi("test", 32, X64Assembler::testl, IMMS);
        rr("test", 8, X64Assembler::testb);
        ri("test", 8, X64Assembler::testb, imm8);
        mi("test", 8, X64Assembler::testb, imm8);
        for (int k = 0; k < MEMS.length; k++) {
            Mem m = MEMS[k];
            int imm = IMMS[k % IMMS.length];
            if (imm == (byte) imm) {
                // llvm-mc would pick the imm8 form; subqImm32 always keeps a patchable imm32
                addObjdumpOnly("sub " + ptr(64, m) + ", " + imm, a -> a.subqImm32(m, imm));
            } else {
                add("sub " + ptr(64, m) + ", " + imm, a -> a.subqImm32(m, imm));
            }
        }
    }

    private void unary() {
        r("inc", 64, X64Assembler::incq);
        r("inc", 32, X64Assembler::incl);
        m("inc", 64, X64Assembler::incq);
        r("dec", 64, X64Assembler::decq);
        r("dec", 32, X64Assembler::decl);
        m("dec", 64, X64Assembler::decq);
        r("not", 64, X64Assembler::notq);
        r("not", 32, X64Assembler::notl);
        r("neg", 64, X64Assembler::negq);
        r("neg", 32, X64Assembler::negl);
        r("mul", 64, X64Assembler::mulq);
        r("mul", 32, X64Assembler::mull);
        r("imul", 64, X64Assembler::imulq);
        r("imul", 32, X64Assembler::imull);
        r("div", 64, X64Assembler::divq);
        r("div", 32, X64Assembler::divl);
        r("idiv", 64, X64Assembler::idivq);
        r("idiv", 32, X64Assembler::idivl);
        rr("imul", 64, X64Assembler::imulq);
        rr("imul", 32, X64Assembler::imull);
        rm("imul", 64, 64, X64Assembler::imulq);
        rm("imul", 32, 32, X64Assembler::imull);
        int[] imms = {0, 1, -1, 127, -128, 128, 1000, -1000000, Integer.MIN_VALUE};
        rri("imul", 64, X64Assembler::imulq, imms);
        rri("imul", 32, X64Assembler::imull, imms);
        rmi("imul", 64, X64Assembler::imulq, imms);
        rmi("imul", 32, X64Assembler::imull, imms);
        add("cqo", X64Assembler::cqo);
        add("cdq", X64Assembler::cdq);
        add("cdqe", X64Assembler::cdqe);
    }

    private void rri(String mn, int bits, RRI f, int[] imms) {
        int j = 0;
        for (Reg[] p : pairs()) {
            int imm = imms[j++ % imms.length];
            add(mn + " " + p[0].name(bits) + ", " + p[1].name(bits) + ", " + imm, a -> f.emit(a, p[0], p[1], imm));
        }
    }

    private void rmi(String mn, int bits, RMI f, int[] imms) {
        for (int k = 0; k < MEMS.length; k++) {
            Mem m = MEMS[k];
            Reg r = ALL[(k * 3 + 1) % 16];
            int imm = imms[k % imms.length];
            add(mn + " " + r.name(bits) + ", " + ptr(bits, m) + ", " + imm, a -> f.emit(a, r, m, imm));
        }
    }

    private void bits() {
        int[] counts = {0, 1, 2, 7, 31, 32, 63};
        String[] names = {"shl", "shr", "sar", "rol", "ror"};
        RI[] q = {X64Assembler::shlq, X64Assembler::shrq, X64Assembler::sarq, X64Assembler::rolq, X64Assembler::rorq};
        RI[] l = {X64Assembler::shll, X64Assembler::shrl, X64Assembler::sarl, X64Assembler::roll, X64Assembler::rorl};
        R[] qc = {X64Assembler::shlqCl, X64Assembler::shrqCl, X64Assembler::sarqCl, X64Assembler::rolqCl,
            X64Assembler::rorqCl};
        R[] lc = {X64Assembler::shllCl, X64Assembler::shrlCl, X64Assembler::sarlCl, X64Assembler::rollCl,
            X64Assembler::rorlCl};
        for (int i = 0; i < names.length; i++) {
            String mn = names[i];
            ri(mn, 64, q[i], counts);
            ri(mn, 32, l[i], counts);
            R fq = qc[i];
            R fl = lc[i];
            for (Reg x : ALL) {
                add(mn + " " + x.name(64) + ", cl", a -> fq.emit(a, x));
                add(mn + " " + x.name(32) + ", cl", a -> fl.emit(a, x));
            }
        }
        rri("shld", 64, X64Assembler::shldq, counts);
        rri("shrd", 64, X64Assembler::shrdq, counts);
        rri("shld", 32, X64Assembler::shldl, counts);
        rri("shrd", 32, X64Assembler::shrdl, counts);
        for (Reg[] p : pairs()) {
            add("shld " + p[0] + ", " + p[1] + ", cl", a -> a.shldqCl(p[0], p[1]));
            add("shrd " + p[0] + ", " + p[1] + ", cl", a -> a.shrdqCl(p[0], p[1]));
            add("shld " + p[0].name(32) + ", " + p[1].name(32) + ", cl", a -> a.shldlCl(p[0], p[1]));
            add("shrd " + p[0].name(32) + ", " + p[1].name(32) + ", cl", a -> a.shrdlCl(p[0], p[1]));
        }
        r("bswap", 64, X64Assembler::bswapq);
        r("bswap", 32, X64Assembler::bswapl);
        rr("popcnt", 64, X64Assembler::popcntq);
        rr("popcnt", 32, X64Assembler::popcntl);
        rm("popcnt", 64, 64, X64Assembler::popcntq);
        rm("popcnt", 32, 32, X64Assembler::popcntl);
        rr("lzcnt", 64, X64Assembler::lzcntq);
        rr("lzcnt", 32, X64Assembler::lzcntl);
        rm("lzcnt", 64, 64, X64Assembler::lzcntq);
        rm("lzcnt", 32, 32, X64Assembler::lzcntl);
        rr("tzcnt", 64, X64Assembler::tzcntq);
        rr("tzcnt", 32, X64Assembler::tzcntl);
        rm("tzcnt", 64, 64, X64Assembler::tzcntq);
        rm("tzcnt", 32, 32, X64Assembler::tzcntl);
    }

    private void moves() {
        for (Reg x : ALL) {
            for (Reg y : ALL) {
                add("mov " + x + ", " + y, a -> a.movq(x, y));
                add("mov " + x.name(32) + ", " + y.name(32), a -> a.movl(x, y));
            }
        }
        rm("mov", 64, 64, X64Assembler::movq);
        rm("mov", 32, 32, X64Assembler::movl);
        mr("mov", 64, X64Assembler::movq);
        mr("mov", 32, X64Assembler::movl);
        mr("mov", 16, X64Assembler::movw);
        mr("mov", 8, X64Assembler::movb);
        for (int k = 0; k < MEMS.length; k++) {
            Mem m = MEMS[k];
            for (Reg x : ALL) {
                if ((x.ordinal() + k) % 4 == 0 || x.byteFormNeedsRex()) {
                    add("mov " + ptr(8, m) + ", " + x.name(8), a -> a.movb(m, x));
                }
            }
        }
        ri("mov", 64, X64Assembler::movq, IMMS);
        ri("mov", 32, X64Assembler::movl, IMMS);
        mi("mov", 64, X64Assembler::movq, IMMS);
        mi("mov", 32, X64Assembler::movl, IMMS);
        mi("mov", 16, X64Assembler::movw, new int[] {0, 1, -1, 0x7FFF, -0x8000, 0xFFFF, 0x1234});
        mi("mov", 8, X64Assembler::movb, new int[] {0, 1, -1, 0x7F, -0x80, 0xFF, 0x12});
        long[] wide = {0x123456789L, -0x123456789L, Long.MIN_VALUE, Long.MAX_VALUE, 0x100000000L, 5};
        for (int i = 0; i < 16; i++) {
            Reg x = ALL[i];
            long v = wide[i % wide.length];
            add("movabs " + x + ", " + v, a -> a.movabsq(x, v));
        }
        long[] consts = {0, 1, 0xFFFFFFFFL, 0x80000000L, -1, -0x80000000L, 0x100000000L, Long.MIN_VALUE};
        for (int i = 0; i < consts.length * 2; i++) {
            Reg x = ALL[(i * 3) % 16];
            long v = consts[i % consts.length];
            String text = (v >>> 32) == 0 ? "mov " + x.name(32) + ", " + v
                    : v == (int) v ? "mov " + x + ", " + v : "movabs " + x + ", " + v;
            add(text, a -> a.movImm64(x, v));
        }
        extensions();
        rm("lea", 64, 0, X64Assembler::leaq);
        rm("lea", 32, 0, X64Assembler::leal);
        for (Cond cc : Cond.values()) {
            for (Reg x : ALL) {
                add("set" + cc.suffix() + " " + x.name(8), a -> a.setcc(cc, x));
            }
            Mem m = MEMS[cc.ordinal() * 2 % MEMS.length];
            add("set" + cc.suffix() + " " + ptr(8, m), a -> a.setcc(cc, m));
            for (Reg[] p : pairs()) {
                if ((p[0].ordinal() + cc.ordinal()) % 3 == 0) {
                    add("cmov" + cc.suffix() + " " + p[0] + ", " + p[1], a -> a.cmovq(cc, p[0], p[1]));
                    add("cmov" + cc.suffix() + " " + p[0].name(32) + ", " + p[1].name(32), a -> a.cmovl(cc, p[0], p[1]));
                }
            }
            Reg d = ALL[cc.ordinal()];
            Mem n = MEMS[(cc.ordinal() * 3 + 1) % MEMS.length];
            add("cmov" + cc.suffix() + " " + d + ", " + ptr(64, n), a -> a.cmovq(cc, d, n));
            add("cmov" + cc.suffix() + " " + d.name(32) + ", " + ptr(32, n), a -> a.cmovl(cc, d, n));
        }
        for (Reg x : ALL) {
            for (Reg y : new Reg[] {RAX, x, ALL[(x.ordinal() + 9) % 16]}) {
                add("xchg " + x + ", " + y, a -> a.xchgq(x, y));
                add("xchg " + x.name(32) + ", " + y.name(32), a -> a.xchgl(x, y));
                add("xchg " + y + ", " + x, a -> a.xchgq(y, x));
            }
        }
        rm("xchg", 64, 64, X64Assembler::xchgq);
        r("push", 64, X64Assembler::push);
        r("pop", 64, X64Assembler::pop);
        m("push", 64, X64Assembler::push);
        m("pop", 64, X64Assembler::pop);
        for (int imm : IMMS) {
            add("push " + imm, a -> a.push(imm));
        }
    }

    private void extensions() {
        for (Reg[] p : pairs()) {
            Reg x = p[0];
            Reg y = p[1];
            add("movzx " + x.name(32) + ", " + y.name(8), a -> a.movzbl(x, y));
            add("movzx " + x + ", " + y.name(8), a -> a.movzbq(x, y));
            add("movzx " + x.name(32) + ", " + y.name(16), a -> a.movzwl(x, y));
            add("movzx " + x + ", " + y.name(16), a -> a.movzwq(x, y));
            add("movsx " + x.name(32) + ", " + y.name(8), a -> a.movsbl(x, y));
            add("movsx " + x + ", " + y.name(8), a -> a.movsbq(x, y));
            add("movsx " + x.name(32) + ", " + y.name(16), a -> a.movswl(x, y));
            add("movsx " + x + ", " + y.name(16), a -> a.movswq(x, y));
            add("movsxd " + x + ", " + y.name(32), a -> a.movslq(x, y));
        }
        rm("movzx", 32, 8, X64Assembler::movzbl);
        rm("movzx", 64, 8, X64Assembler::movzbq);
        rm("movzx", 32, 16, X64Assembler::movzwl);
        rm("movzx", 64, 16, X64Assembler::movzwq);
        rm("movsx", 32, 8, X64Assembler::movsbl);
        rm("movsx", 64, 8, X64Assembler::movsbq);
        rm("movsx", 32, 16, X64Assembler::movswl);
        rm("movsx", 64, 16, X64Assembler::movswq);
        rm("movsxd", 64, 32, X64Assembler::movslq);
    }

    private void control() {
        r("jmp", 64, X64Assembler::jmp);
        m("jmp", 64, X64Assembler::jmp);
        r("call", 64, X64Assembler::call);
        m("call", 64, X64Assembler::call);
        add("ret", X64Assembler::ret);
        add("int3", X64Assembler::int3);
        add("ud2", X64Assembler::ud2);
        add("nop", X64Assembler::nop);
        add("nop dword ptr [rax]", a -> a.nop(3));
        for (int n = 2; n <= 9; n++) {
            int len = n;
            addObjdumpOnly(n == 2 ? "xchg" : "nop", a -> a.nop(len));
        }
    }
}
