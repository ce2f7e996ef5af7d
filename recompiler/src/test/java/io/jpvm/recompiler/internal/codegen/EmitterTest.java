package io.jpvm.recompiler.internal.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.recompiler.internal.asm.Cond;
import io.jpvm.recompiler.internal.asm.Mem;
import io.jpvm.recompiler.internal.asm.Reg;
import io.jpvm.recompiler.internal.asm.X64Assembler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The code generator's {@link Emitter} against the project's x86-64 assembler ({@link X64Assembler},
 * golden- and llvm-mc-checked): every public instruction form of the emitter, with random registers
 * (all sixteen, so every REX and byte-register case), memory operands (every base, index, scale and
 * displacement size, rsp/rbp/r12/r13 bases, no base, absolute) and immediates (imm8/imm32 boundaries),
 * must produce exactly the assembler's bytes, and fail where the assembler fails. The hot
 * allocation-free forms and label references (short/near, forward/backward, rip-relative) likewise.
 */
class EmitterTest {
    private static final int[] IMMS = {0, 1, -1, 2, 7, 31, 63, 127, -128, 128, -129, 255, 256, 0x7FFF, -0x8000,
        0xFFFF, 0x10000, 0x12345678, Integer.MAX_VALUE, Integer.MIN_VALUE};
    private static final long[] LONGS = {0, 1, -1, 0xFFFFFFFFL, 0x80000000L, -0x80000000L, 0x100000000L,
        0x123456789ABCDEF0L, Long.MIN_VALUE, Long.MAX_VALUE, 42};

    static Reg reg(SplittableRandom r) {
        return Reg.values()[r.nextInt(16)];
    }

    static Mem mem(SplittableRandom r) {
        int[] disps = {0, 1, -1, 127, -128, 128, -129, 0x12345, -4096, -3992};
        int disp = disps[r.nextInt(disps.length)];
        Reg base = reg(r);
        Reg index;
        do {
            index = reg(r);
        } while (index == Reg.RSP);
        int scale = 1 << r.nextInt(4);
        return switch (r.nextInt(5)) {
            case 0 -> Mem.of(base, disp);
            case 1 -> Mem.of(base, index, scale, disp);
            case 2 -> Mem.of(base);
            case 3 -> Mem.indexOnly(index, scale, disp);
            default -> r.nextInt(4) == 0 ? Mem.absolute(disp) : Mem.of(Reg.R15, Reg.RDX);
        };
    }

    static Object arg(Class<?> type, SplittableRandom r) {
        if (type == Reg.class) {
            return reg(r);
        } else if (type == Mem.class) {
            return mem(r);
        } else if (type == Cond.class) {
            return Cond.values()[r.nextInt(16)];
        } else if (type == int.class) {
            return r.nextInt(3) == 0 ? r.nextInt() : IMMS[r.nextInt(IMMS.length)];
        } else if (type == long.class) {
            return r.nextInt(3) == 0 ? r.nextLong() : LONGS[r.nextInt(LONGS.length)];
        }
        throw new IllegalArgumentException(type.toString());
    }

    static boolean operandTypes(Method m) {
        for (Class<?> t : m.getParameterTypes()) {
            if (t != Reg.class && t != Mem.class && t != Cond.class && t != int.class && t != long.class) {
                return false;
            }
        }
        return true;
    }

    /** Invokes {@code m} on {@code target}; returns the exception class it threw, or null. */
    static Class<?> call(Method m, Object target, Object[] args) throws Exception {
        try {
            m.invoke(target, args);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause().getClass();
        }
    }

    @Test
    void everyPublicFormEncodesLikeTheAssembler() throws Exception {
        SplittableRandom r = new SplittableRandom(0xE3177E2);
        int forms = 0;
        for (Method m : Emitter.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers()) || !operandTypes(m)
                    || m.getParameterCount() == 0 && m.getReturnType() != void.class) {
                continue;
            }
            if (m.getName().equals("patchInt") || m.getName().equals("nop") || m.getName().equals("align")) {
                continue;
            }
            Method ref = X64Assembler.class.getMethod(m.getName(), m.getParameterTypes());
            forms++;
            for (int k = 0; k < 400; k++) {
                Object[] args = new Object[m.getParameterCount()];
                for (int j = 0; j < args.length; j++) {
                    args[j] = arg(m.getParameterTypes()[j], r);
                }
                if (m.getName().matches("(sh|sa|ro)[lr][lq]") && args.length == 2) {
                    args[1] = r.nextInt(64); // shift counts are imm8
                }
                X64Assembler x = new X64Assembler();
                Emitter e = new Emitter(16);
                Class<?> xe = call(ref, x, args);
                Class<?> ee = call(m, e, args);
                String what = m.getName() + java.util.Arrays.toString(args);
                assertEquals(xe, ee, what + ": exception");
                if (xe == null) {
                    byte[] want = x.finish();
                    byte[] got = e.finish();
                    assertArrayEquals(want, got, () -> what + ": want " + HexFormat.of().formatHex(want) + " got "
                            + HexFormat.of().formatHex(got));
                }
            }
        }
        assertTrue(forms > 150, "forms checked: " + forms);
    }

    @Test
    void hotFormsEncodeLikeTheirMemForms() {
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 5000; k++) {
            Reg d = reg(r);
            Reg base = reg(r);
            Reg idx = reg(r);
            Reg index = idx == Reg.RSP ? Reg.RBP : idx;
            int disp = (int) arg(int.class, r);
            int scale = 1 << r.nextInt(4);
            int di = d.ordinal();
            check(x -> x.leal(d, Mem.of(base, disp)), e -> e.leaDisp(false, di, base.ordinal(), disp));
            check(x -> x.leaq(d, Mem.of(base, disp)), e -> e.leaDisp(true, di, base.ordinal(), disp));
            check(x -> x.leaq(d, Mem.of(base, index, 1, 0)), e -> e.leaIndex(true, di, base.ordinal(), index.ordinal()));
            check(x -> x.leal(d, Mem.of(base, index, 1, 0)), e -> e.leaIndex(false, di, base.ordinal(), index.ordinal()));
            int sc = 2 << r.nextInt(3);
            check(x -> x.leaq(d, sc == 2 ? Mem.of(index, index, 1, 0) : Mem.indexOnly(index, sc, 0)),
                    e -> e.leaScaled(true, di, index.ordinal(), sc));
            check(x -> x.leal(d, sc == 2 ? Mem.of(index, index, 1, 0) : Mem.indexOnly(index, sc, 0)),
                    e -> e.leaScaled(false, di, index.ordinal(), sc));
        }
        Mem g = Mem.of(Reg.R15, Reg.RDX);
        for (Reg d : Reg.values()) {
            check(x -> x.movzbl(d, g), e -> e.guestAccess(0, d.ordinal()));
            check(x -> x.movsbq(d, g), e -> e.guestAccess(1, d.ordinal()));
            check(x -> x.movzwl(d, g), e -> e.guestAccess(2, d.ordinal()));
            check(x -> x.movswq(d, g), e -> e.guestAccess(3, d.ordinal()));
            check(x -> x.movl(d, g), e -> e.guestAccess(4, d.ordinal()));
            check(x -> x.movslq(d, g), e -> e.guestAccess(5, d.ordinal()));
            check(x -> x.movq(d, g), e -> e.guestAccess(6, d.ordinal()));
            check(x -> x.movb(g, d), e -> e.guestAccess(7, d.ordinal()));
            check(x -> x.movw(g, d), e -> e.guestAccess(8, d.ordinal()));
            check(x -> x.movl(g, d), e -> e.guestAccess(9, d.ordinal()));
            check(x -> x.movq(g, d), e -> e.guestAccess(10, d.ordinal()));
        }
        for (int v : IMMS) {
            check(x -> x.movb(g, v & 0xFF), e -> e.guestImm(1, v));
            check(x -> x.movw(g, v & 0xFFFF), e -> e.guestImm(2, v));
            check(x -> x.movl(g, v), e -> e.guestImm(4, v));
            check(x -> x.movq(g, v), e -> e.guestImm(8, v));
        }
    }

    interface XOp {
        void on(X64Assembler x);
    }

    interface EOp {
        void on(Emitter e);
    }

    static void check(XOp xop, EOp eop) {
        X64Assembler x = new X64Assembler();
        Emitter e = new Emitter(16);
        xop.on(x);
        eop.on(e);
        byte[] want = x.finish();
        byte[] got = e.finish();
        assertArrayEquals(want, got, () -> "want " + HexFormat.of().formatHex(want) + " got " + HexFormat.of().formatHex(got));
    }

    /** The AVX forms of the gas register, byte for byte (cross-checked with objdump). */
    @Test
    void vexForms() {
        Emitter e = new Emitter(16);
        e.vmovqToXmm(15, Reg.RDX);
        e.vmovqFromXmm(Reg.RDX, 15);
        e.vmovqToXmm(14, Reg.RDX);
        e.vptest(15, 14);
        Label c = new Label();
        e.vpsubqRip(15, c);
        e.bind(c);
        e.vmovqToXmm(1, Reg.R9);
        e.vmovqFromXmm(Reg.R12, 2);
        e.vptest(3, 4);
        assertEquals("c461f96efa" + "c461f97efa" + "c461f96ef2" + "c4427917fe" + "c501fb3d00000000"
                + "c4c1f96ec9" + "c4c1f97ed4" + "c4e27917dc", HexFormat.of().formatHex(e.finish()));
    }

    @Test
    void labelsResolveLikeTheAssembler() {
        SplittableRandom r = new SplittableRandom(99);
        for (int round = 0; round < 300; round++) {
            X64Assembler x = new X64Assembler();
            Emitter e = new Emitter(16);
            int n = 6;
            io.jpvm.recompiler.internal.asm.Label[] xl = new io.jpvm.recompiler.internal.asm.Label[n];
            Label[] el = new Label[n];
            for (int i = 0; i < n; i++) {
                xl[i] = new io.jpvm.recompiler.internal.asm.Label();
                el[i] = new Label();
            }
            boolean[] bound = new boolean[n];
            for (int step = 0; step < 60; step++) {
                int l = r.nextInt(n);
                Cond cc = Cond.values()[r.nextInt(16)];
                switch (r.nextInt(7)) {
                    case 0 -> {
                        x.jmp(xl[l]);
                        e.jmp(el[l]);
                    }
                    case 1 -> {
                        x.jcc(cc, xl[l]);
                        e.jcc(cc, el[l]);
                    }
                    case 2 -> {
                        x.jccNear(cc, xl[l]);
                        e.jccNear(cc, el[l]);
                    }
                    case 3 -> {
                        x.leaq(Reg.RAX, xl[l]);
                        e.leaq(Reg.RAX, el[l]);
                    }
                    case 4 -> {
                        if (!bound[l]) {
                            x.bind(xl[l]);
                            e.bind(el[l]);
                            bound[l] = true;
                        }
                    }
                    case 5 -> {
                        int len = r.nextInt(r.nextBoolean() ? 4 : 200);
                        x.nop(len);
                        e.nop(len);
                    }
                    default -> {
                        x.jmpNear(xl[l]);
                        e.jmpNear(el[l]);
                    }
                }
                assertEquals(x.position(), e.position());
            }
            for (int i = 0; i < n; i++) {
                if (!bound[i]) {
                    x.bind(xl[i]);
                    e.bind(el[i]);
                }
            }
            x.align(16);
            e.align(16);
            assertArrayEquals(x.finish(), e.finish(), "round " + round);
        }
        Emitter e = new Emitter(16);
        Label never = new Label("never");
        e.jmp(never);
        assertThrows(IllegalStateException.class, e::finish);
    }
}
