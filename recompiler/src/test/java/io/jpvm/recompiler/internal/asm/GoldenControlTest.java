package io.jpvm.recompiler.internal.asm;

import static io.jpvm.recompiler.internal.asm.Golden.g;
import static io.jpvm.recompiler.internal.asm.Golden.tests;
import static io.jpvm.recompiler.internal.asm.Reg.*;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden bytes for indirect jmp/call, ret, traps and padding (label branches: {@link LabelTest}). */
class GoldenControlTest {
    @TestFactory
    Stream<DynamicTest> indirect() {
        return tests(
                g("jmp rax", "ff e0", a -> a.jmp(RAX)),
                g("jmp r11", "41 ff e3", a -> a.jmp(R11)),
                g("jmp rsp", "ff e4", a -> a.jmp(RSP)),
                g("jmp qword ptr [rax]", "ff 20", a -> a.jmp(Mem.of(RAX))),
                g("jmp qword ptr [r15 + 8]", "41 ff 67 08", a -> a.jmp(Mem.of(R15, 8))),
                g("jmp qword ptr [r13 + 8*rax]", "41 ff 64 c5 00", a -> a.jmp(Mem.of(R13, RAX, 8, 0))),
                g("jmp qword ptr [rip + 16]", "ff 25 10 00 00 00", a -> a.jmp(Mem.rip(16))),
                g("call rax", "ff d0", a -> a.call(RAX)),
                g("call r11", "41 ff d3", a -> a.call(R11)),
                g("call qword ptr [rsp + 8]", "ff 54 24 08", a -> a.call(Mem.of(RSP, 8))),
                g("call qword ptr [r12]", "41 ff 14 24", a -> a.call(Mem.of(R12))));
    }

    @TestFactory
    Stream<DynamicTest> singleBytesAndTraps() {
        return tests(
                g("ret", "c3", X64Assembler::ret),
                g("int3", "cc", X64Assembler::int3),
                g("ud2", "0f 0b", X64Assembler::ud2),
                g("nop", "90", X64Assembler::nop));
    }

    @TestFactory
    Stream<DynamicTest> multiByteNops() {
        return tests(
                g("nop(0)", "", a -> a.nop(0)),
                g("nop(1)", "90", a -> a.nop(1)),
                g("nop(2)", "66 90", a -> a.nop(2)),
                g("nop(3)", "0f 1f 00", a -> a.nop(3)),
                g("nop(4)", "0f 1f 40 00", a -> a.nop(4)),
                g("nop(5)", "0f 1f 44 00 00", a -> a.nop(5)),
                g("nop(6)", "66 0f 1f 44 00 00", a -> a.nop(6)),
                g("nop(7)", "0f 1f 80 00 00 00 00", a -> a.nop(7)),
                g("nop(8)", "0f 1f 84 00 00 00 00 00", a -> a.nop(8)),
                g("nop(9)", "66 0f 1f 84 00 00 00 00 00", a -> a.nop(9)),
                g("nop(11)", "66 0f 1f 84 00 00 00 00 00 66 90", a -> a.nop(11)),
                g("ret; align 8", "c3 0f 1f 80 00 00 00 00", a -> {
                    a.ret();
                    a.align(8);
                }),
                g("ret; ret; ret; ret; align 4", "c3 c3 c3 c3", a -> {
                    for (int i = 0; i < 4; i++) {
                        a.ret();
                    }
                    a.align(4);
                }));
    }
}
