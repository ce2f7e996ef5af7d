package io.jpvm.recompiler.internal.asm;

import static io.jpvm.recompiler.internal.asm.Golden.g;
import static io.jpvm.recompiler.internal.asm.Golden.tests;
import static io.jpvm.recompiler.internal.asm.Reg.*;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden bytes for the binary ALU group, test, the one-operand group, imul and cqo/cdq. */
class GoldenArithTest {
    @TestFactory
    Stream<DynamicTest> aluRegReg() {
        return tests(
                g("add rax, r9", "4c 01 c8", a -> a.addq(RAX, R9)),
                g("add r9, rax", "49 01 c1", a -> a.addq(R9, RAX)),
                g("add r15, r12", "4d 01 e7", a -> a.addq(R15, R12)),
                g("add eax, ecx", "01 c8", a -> a.addl(RAX, RCX)),
                g("add r8d, esp", "41 01 e0", a -> a.addl(R8, RSP)),
                g("or rsi, rdi", "48 09 fe", a -> a.orq(RSI, RDI)),
                g("or r13d, r14d", "45 09 f5", a -> a.orl(R13, R14)),
                g("adc rdx, r11", "4c 11 da", a -> a.adcq(RDX, R11)),
                g("adc ebx, ebp", "11 eb", a -> a.adcl(RBX, RBP)),
                g("sbb r10, rcx", "49 19 ca", a -> a.sbbq(R10, RCX)),
                g("sbb edi, r12d", "44 19 e7", a -> a.sbbl(RDI, R12)),
                g("and rbp, r13", "4c 21 ed", a -> a.andq(RBP, R13)),
                g("and r12d, eax", "41 21 c4", a -> a.andl(R12, RAX)),
                g("sub rsp, rbx", "48 29 dc", a -> a.subq(RSP, RBX)),
                g("sub r11d, r11d", "45 29 db", a -> a.subl(R11, R11)),
                g("xor eax, eax", "31 c0", a -> a.xorl(RAX, RAX)),
                g("xor r8d, r8d", "45 31 c0", a -> a.xorl(R8, R8)),
                g("xor rdx, r15", "4c 31 fa", a -> a.xorq(RDX, R15)),
                g("cmp rax, rcx", "48 39 c8", a -> a.cmpq(RAX, RCX)),
                g("cmp r14, rsi", "49 39 f6", a -> a.cmpq(R14, RSI)),
                g("cmp ebp, r9d", "44 39 cd", a -> a.cmpl(RBP, R9)),
                g("cmp sil, dil", "40 38 fe", a -> a.cmpb(RSI, RDI)),
                g("cmp al, r8b", "44 38 c0", a -> a.cmpb(RAX, R8)));
    }

    @TestFactory
    Stream<DynamicTest> aluRegImm() {
        return tests(
                g("add rax, 1", "48 83 c0 01", a -> a.addq(RAX, 1)),
                g("add rax, 1000", "48 05 e8 03 00 00", a -> a.addq(RAX, 1000)),
                g("add rcx, 1000", "48 81 c1 e8 03 00 00", a -> a.addq(RCX, 1000)),
                g("add r9, -128", "49 83 c1 80", a -> a.addq(R9, -128)),
                g("add r9, 128", "49 81 c1 80 00 00 00", a -> a.addq(R9, 128)),
                g("add r12, -129", "49 81 c4 7f ff ff ff", a -> a.addq(R12, -129)),
                g("add eax, 127", "83 c0 7f", a -> a.addl(RAX, 127)),
                g("add eax, -2147483648", "05 00 00 00 80", a -> a.addl(RAX, Integer.MIN_VALUE)),
                g("add r15d, 2147483647", "41 81 c7 ff ff ff 7f", a -> a.addl(R15, Integer.MAX_VALUE)),
                g("or rsp, 8", "48 83 cc 08", a -> a.orq(RSP, 8)),
                g("or r13d, 256", "41 81 cd 00 01 00 00", a -> a.orl(R13, 256)),
                g("adc rbx, 0", "48 83 d3 00", a -> a.adcq(RBX, 0)),
                g("sbb r10d, -1", "41 83 da ff", a -> a.sbbl(R10, -1)),
                g("and rdi, -16", "48 83 e7 f0", a -> a.andq(RDI, -16)),
                g("and esi, 255", "81 e6 ff 00 00 00", a -> a.andl(RSI, 255)),
                g("and r8, 2147483647", "49 81 e0 ff ff ff 7f", a -> a.andq(R8, Integer.MAX_VALUE)),
                g("sub rsp, 40", "48 83 ec 28", a -> a.subq(RSP, 40)),
                g("sub rbp, 4096", "48 81 ed 00 10 00 00", a -> a.subq(RBP, 4096)),
                g("sub r11d, 1", "41 83 eb 01", a -> a.subl(R11, 1)),
                g("xor rdx, -1", "48 83 f2 ff", a -> a.xorq(RDX, -1)),
                g("xor r14d, 65536", "41 81 f6 00 00 01 00", a -> a.xorl(R14, 65536)),
                g("cmp rax, 0", "48 83 f8 00", a -> a.cmpq(RAX, 0)),
                g("cmp r12, 305419896", "49 81 fc 78 56 34 12", a -> a.cmpq(R12, 0x12345678)),
                g("cmp eax, 305419896", "3d 78 56 34 12", a -> a.cmpl(RAX, 0x12345678)),
                g("cmp al, 5", "3c 05", a -> a.cmpb(RAX, 5)),
                g("cmp spl, 1", "40 80 fc 01", a -> a.cmpb(RSP, 1)),
                g("cmp r9b, -1", "41 80 f9 ff", a -> a.cmpb(R9, -1)));
    }

    @TestFactory
    Stream<DynamicTest> aluMemory() {
        return tests(
                g("add rax, qword ptr [rcx]", "48 03 01", a -> a.addq(RAX, Mem.of(RCX))),
                g("add r9, qword ptr [rsp + 8]", "4c 03 4c 24 08", a -> a.addq(R9, Mem.of(RSP, 8))),
                g("add eax, dword ptr [r15 + 1*rdx]", "41 03 04 17", a -> a.addl(RAX, Mem.of(R15, RDX))),
                g("add qword ptr [rbp], rcx", "48 01 4d 00", a -> a.addq(Mem.of(RBP), RCX)),
                g("add dword ptr [r13], r8d", "45 01 45 00", a -> a.addl(Mem.of(R13), R8)),
                g("add qword ptr [r12], 1", "49 83 04 24 01", a -> a.addq(Mem.of(R12), 1)),
                g("add dword ptr [rax + 4*rcx + 16], 1000", "81 44 88 10 e8 03 00 00", a -> a.addl(Mem.of(RAX, RCX, 4, 16), 1000)),
                g("or qword ptr [rsp], -1", "48 83 0c 24 ff", a -> a.orq(Mem.of(RSP), -1)),
                g("or r12d, dword ptr [r12 + 1]", "45 0b 64 24 01", a -> a.orl(R12, Mem.of(R12, 1))),
                g("adc rdx, qword ptr [rbx + 128]", "48 13 93 80 00 00 00", a -> a.adcq(RDX, Mem.of(RBX, 128))),
                g("sbb r10, qword ptr [r11 + 8*r14 - 77]", "4f 1b 54 f3 b3", a -> a.sbbq(R10, Mem.of(R11, R14, 8, -77))),
                g("and qword ptr [r8], r15", "4d 21 38", a -> a.andq(Mem.of(R8), R15)),
                g("and dword ptr [16], 255", "81 24 25 10 00 00 00 ff 00 00 00", a -> a.andl(Mem.absolute(16), 255)),
                g("sub qword ptr [r15 - 3992], 10", "49 83 af 68 f0 ff ff 0a", a -> a.subq(Mem.of(R15, -3992), 10)),
                g("sub rsi, qword ptr [rip + 16]", "48 2b 35 10 00 00 00", a -> a.subq(RSI, Mem.rip(16))),
                g("sub dword ptr [rsp + 2*rbp], esi", "29 34 6c", a -> a.subl(Mem.of(RSP, RBP, 2, 0), RSI)),
                g("xor qword ptr [4*rcx + 16], rdi", "48 31 3c 8d 10 00 00 00", a -> a.xorq(Mem.indexOnly(RCX, 4, 16), RDI)),
                g("xor eax, dword ptr [rbp - 4096]", "33 85 00 f0 ff ff", a -> a.xorl(RAX, Mem.of(RBP, -4096))),
                g("cmp qword ptr [r13 + 8*r13 - 1], 0", "4b 83 7c ed ff 00", a -> a.cmpq(Mem.of(R13, R13, 8, -1), 0)),
                g("cmp rcx, qword ptr [rdx]", "48 3b 0a", a -> a.cmpq(RCX, Mem.of(RDX))),
                g("cmp dword ptr [rip - 5], -129", "81 3d fb ff ff ff 7f ff ff ff", a -> a.cmpl(Mem.rip(-5), -129)),
                g("cmp byte ptr [r15 + 1*rdx], 0", "41 80 3c 17 00", a -> a.cmpb(Mem.of(R15, RDX), 0)));
    }

    @TestFactory
    Stream<DynamicTest> patchableGasSub() {
        return tests(
                g("sub qword ptr [r15 - 3992], imm32 0", "49 81 af 68 f0 ff ff 00 00 00 00",
                        a -> a.subqImm32(Mem.of(R15, -3992), 0)),
                g("sub qword ptr [rax], imm32 5", "48 81 28 05 00 00 00",
                        a -> a.subqImm32(Mem.of(RAX), 5)),
                g("sub qword ptr [r13], imm32 1000", "49 81 6d 00 e8 03 00 00",
                        a -> a.subqImm32(Mem.of(R13), 1000)));
    }

    @TestFactory
    Stream<DynamicTest> test() {
        return tests(
                g("test rax, rcx", "48 85 c8", a -> a.testq(RAX, RCX)),
                g("test r8, r8", "4d 85 c0", a -> a.testq(R8, R8)),
                g("test esp, r13d", "44 85 ec", a -> a.testl(RSP, R13)),
                g("test rax, 5", "48 a9 05 00 00 00", a -> a.testq(RAX, 5)),
                g("test rcx, 5", "48 f7 c1 05 00 00 00", a -> a.testq(RCX, 5)),
                g("test r11d, -1", "41 f7 c3 ff ff ff ff", a -> a.testl(R11, -1)),
                g("test eax, 1", "a9 01 00 00 00", a -> a.testl(RAX, 1)),
                g("test al, 1", "a8 01", a -> a.testb(RAX, 1)),
                g("test dil, 1", "40 f6 c7 01", a -> a.testb(RDI, 1)),
                g("test r12b, 128", "41 f6 c4 80", a -> a.testb(R12, 128)),
                g("test sil, sil", "40 84 f6", a -> a.testb(RSI, RSI)),
                g("test qword ptr [rsp], rax", "48 85 04 24", a -> a.testq(Mem.of(RSP), RAX)),
                g("test dword ptr [r13], 7", "41 f7 45 00 07 00 00 00", a -> a.testl(Mem.of(R13), 7)),
                g("test byte ptr [r12 + 1*rax + 3], 1", "41 f6 44 04 03 01", a -> a.testb(Mem.of(R12, RAX, 1, 3), 1)));
    }

    @TestFactory
    Stream<DynamicTest> oneOperand() {
        return tests(
                g("inc rax", "48 ff c0", a -> a.incq(RAX)),
                g("inc r13", "49 ff c5", a -> a.incq(R13)),
                g("inc esi", "ff c6", a -> a.incl(RSI)),
                g("inc qword ptr [rsp]", "48 ff 04 24", a -> a.incq(Mem.of(RSP))),
                g("dec r9d", "41 ff c9", a -> a.decl(R9)),
                g("dec rbp", "48 ff cd", a -> a.decq(RBP)),
                g("dec qword ptr [r13]", "49 ff 4d 00", a -> a.decq(Mem.of(R13))),
                g("not rdi", "48 f7 d7", a -> a.notq(RDI)),
                g("not r10d", "41 f7 d2", a -> a.notl(R10)),
                g("neg r15", "49 f7 df", a -> a.negq(R15)),
                g("neg eax", "f7 d8", a -> a.negl(RAX)),
                g("mul rcx", "48 f7 e1", a -> a.mulq(RCX)),
                g("mul r8d", "41 f7 e0", a -> a.mull(R8)),
                g("imul r12", "49 f7 ec", a -> a.imulq(R12)),
                g("imul ebx", "f7 eb", a -> a.imull(RBX)),
                g("div r11", "49 f7 f3", a -> a.divq(R11)),
                g("div esi", "f7 f6", a -> a.divl(RSI)),
                g("idiv rbp", "48 f7 fd", a -> a.idivq(RBP)),
                g("idiv r14d", "41 f7 fe", a -> a.idivl(R14)),
                g("cqo", "48 99", X64Assembler::cqo),
                g("cdq", "99", X64Assembler::cdq),
                g("cdqe", "48 98", X64Assembler::cdqe));
    }

    @TestFactory
    Stream<DynamicTest> imul() {
        return tests(
                g("imul rax, rcx", "48 0f af c1", a -> a.imulq(RAX, RCX)),
                g("imul r9, r10", "4d 0f af ca", a -> a.imulq(R9, R10)),
                g("imul esp, r13d", "41 0f af e5", a -> a.imull(RSP, R13)),
                g("imul rdx, qword ptr [r15 + 1*rdx]", "49 0f af 14 17", a -> a.imulq(RDX, Mem.of(R15, RDX))),
                g("imul r8d, dword ptr [rbp]", "44 0f af 45 00", a -> a.imull(R8, Mem.of(RBP))),
                g("imul rax, rcx, 5", "48 6b c1 05", a -> a.imulq(RAX, RCX, 5)),
                g("imul r12, r13, 1000", "4d 69 e5 e8 03 00 00", a -> a.imulq(R12, R13, 1000)),
                g("imul esi, edi, -128", "6b f7 80", a -> a.imull(RSI, RDI, -128)),
                g("imul r11d, r11d, 128", "45 69 db 80 00 00 00", a -> a.imull(R11, R11, 128)),
                g("imul rbx, qword ptr [rsp + 16], 3", "48 6b 5c 24 10 03", a -> a.imulq(RBX, Mem.of(RSP, 16), 3)),
                g("imul eax, dword ptr [rip + 1], 1000", "69 05 01 00 00 00 e8 03 00 00", a -> a.imull(RAX, Mem.rip(1), 1000)));
    }
}
