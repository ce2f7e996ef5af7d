package io.jpvm.recompiler.internal.asm;

import static io.jpvm.recompiler.internal.asm.Golden.g;
import static io.jpvm.recompiler.internal.asm.Golden.tests;
import static io.jpvm.recompiler.internal.asm.Reg.*;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden bytes for ModRM/SIB edge cases, through {@code mov r64, [mem]} and {@code mov r32, [mem]}:
 * rsp/r12 bases need a SIB byte, rbp/r13 bases with no displacement need disp8 = 0, no base means
 * SIB with base 101 and disp32, REX.X/REX.B for r8-r15 index/base, disp8/disp32 boundaries.
 */
class GoldenAddressingTest {
    @TestFactory
    Stream<DynamicTest> baseOnly() {
        return tests(
                g("mov rax, qword ptr [rax]", "48 8b 00", a -> a.movq(RAX, Mem.of(RAX))),
                g("mov rax, qword ptr [rsp]", "48 8b 04 24", a -> a.movq(RAX, Mem.of(RSP))),
                g("mov rax, qword ptr [r12]", "49 8b 04 24", a -> a.movq(RAX, Mem.of(R12))),
                g("mov rax, qword ptr [rbp]", "48 8b 45 00", a -> a.movq(RAX, Mem.of(RBP))),
                g("mov rax, qword ptr [r13]", "49 8b 45 00", a -> a.movq(RAX, Mem.of(R13))),
                g("mov r9, qword ptr [r13]", "4d 8b 4d 00", a -> a.movq(R9, Mem.of(R13))),
                g("mov eax, dword ptr [r12]", "41 8b 04 24", a -> a.movl(RAX, Mem.of(R12))),
                g("mov r8d, dword ptr [rsp]", "44 8b 04 24", a -> a.movl(R8, Mem.of(RSP))),
                g("mov ecx, dword ptr [r13]", "41 8b 4d 00", a -> a.movl(RCX, Mem.of(R13))),
                g("mov r15d, dword ptr [r8]", "45 8b 38", a -> a.movl(R15, Mem.of(R8))));
    }

    @TestFactory
    Stream<DynamicTest> displacements() {
        return tests(
                g("mov rax, qword ptr [rcx + 127]", "48 8b 41 7f", a -> a.movq(RAX, Mem.of(RCX, 127))),
                g("mov rax, qword ptr [rcx + 128]", "48 8b 81 80 00 00 00", a -> a.movq(RAX, Mem.of(RCX, 128))),
                g("mov rax, qword ptr [rcx - 128]", "48 8b 41 80", a -> a.movq(RAX, Mem.of(RCX, -128))),
                g("mov rax, qword ptr [rcx - 129]", "48 8b 81 7f ff ff ff", a -> a.movq(RAX, Mem.of(RCX, -129))),
                g("mov rdx, qword ptr [rsp + 8]", "48 8b 54 24 08", a -> a.movq(RDX, Mem.of(RSP, 8))),
                g("mov rdx, qword ptr [r12 + 4096]", "49 8b 94 24 00 10 00 00", a -> a.movq(RDX, Mem.of(R12, 4096))),
                g("mov rdx, qword ptr [rbp - 8]", "48 8b 55 f8", a -> a.movq(RDX, Mem.of(RBP, -8))),
                g("mov rdx, qword ptr [r13 + 2147483647]", "49 8b 95 ff ff ff 7f", a -> a.movq(RDX, Mem.of(R13, Integer.MAX_VALUE))),
                g("mov r10, qword ptr [r15 - 3992]", "4d 8b 97 68 f0 ff ff", a -> a.movq(R10, Mem.of(R15, -3992))),
                g("mov r10d, dword ptr [r15 - 3932]", "45 8b 97 a4 f0 ff ff", a -> a.movl(R10, Mem.of(R15, -3932))));
    }

    @TestFactory
    Stream<DynamicTest> indexed() {
        return tests(
                g("mov rax, qword ptr [r15 + 1*rdx]", "49 8b 04 17", a -> a.movq(RAX, Mem.of(R15, RDX))),
                g("mov rax, qword ptr [rax + 8*r12]", "4a 8b 04 e0", a -> a.movq(RAX, Mem.of(RAX, R12, 8, 0))),
                g("mov rax, qword ptr [rsp + 2*rbp]", "48 8b 04 6c", a -> a.movq(RAX, Mem.of(RSP, RBP, 2, 0))),
                g("mov rax, qword ptr [rbp + 1*rax]", "48 8b 44 05 00", a -> a.movq(RAX, Mem.of(RBP, RAX))),
                g("mov rax, qword ptr [r13 + 8*r13 - 1]", "4b 8b 44 ed ff", a -> a.movq(RAX, Mem.of(R13, R13, 8, -1))),
                g("mov r8, qword ptr [r12 + 2*r9 + 256]", "4f 8b 84 4c 00 01 00 00", a -> a.movq(R8, Mem.of(R12, R9, 2, 256))),
                g("mov ecx, dword ptr [rsp + 1*r15]", "42 8b 0c 3c", a -> a.movl(RCX, Mem.of(RSP, R15, 1, 0))),
                g("mov edx, dword ptr [r12 + 1*r12]", "43 8b 14 24", a -> a.movl(RDX, Mem.of(R12, R12, 1, 0))),
                g("mov r14d, dword ptr [r11 + 4*r14 - 77]", "47 8b 74 b3 b3", a -> a.movl(R14, Mem.of(R11, R14, 4, -77))));
    }

    @TestFactory
    Stream<DynamicTest> noBaseAndRipRelative() {
        return tests(
                g("mov eax, dword ptr [16]", "8b 04 25 10 00 00 00", a -> a.movl(RAX, Mem.absolute(16))),
                g("mov rax, qword ptr [-8]", "48 8b 04 25 f8 ff ff ff", a -> a.movq(RAX, Mem.absolute(-8))),
                g("mov r9, qword ptr [16]", "4c 8b 0c 25 10 00 00 00", a -> a.movq(R9, Mem.absolute(16))),
                g("mov rax, qword ptr [4*rcx + 16]", "48 8b 04 8d 10 00 00 00", a -> a.movq(RAX, Mem.indexOnly(RCX, 4, 16))),
                g("mov rax, qword ptr [8*r14 - 3992]", "4a 8b 04 f5 68 f0 ff ff", a -> a.movq(RAX, Mem.indexOnly(R14, 8, -3992))),
                g("mov rax, qword ptr [1*rbp]", "48 8b 04 2d 00 00 00 00", a -> a.movq(RAX, Mem.indexOnly(RBP, 1, 0))),
                g("mov rax, qword ptr [rip + 16]", "48 8b 05 10 00 00 00", a -> a.movq(RAX, Mem.rip(16))),
                g("mov r13d, dword ptr [rip - 5]", "44 8b 2d fb ff ff ff", a -> a.movl(R13, Mem.rip(-5))));
    }
}
