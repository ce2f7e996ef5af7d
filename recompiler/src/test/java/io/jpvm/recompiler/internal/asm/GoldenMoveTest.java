package io.jpvm.recompiler.internal.asm;

import static io.jpvm.recompiler.internal.asm.Golden.g;
import static io.jpvm.recompiler.internal.asm.Golden.tests;
import static io.jpvm.recompiler.internal.asm.Reg.*;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden bytes for mov, extensions, lea, setcc, cmovcc, xchg, push and pop. */
class GoldenMoveTest {
    @TestFactory
    Stream<DynamicTest> movRegister() {
        return tests(
                g("mov rax, r9", "4c 89 c8", a -> a.movq(RAX, R9)),
                g("mov r12, rsp", "49 89 e4", a -> a.movq(R12, RSP)),
                g("mov r15, rdi", "49 89 ff", a -> a.movq(R15, RDI)),
                g("mov eax, ecx", "89 c8", a -> a.movl(RAX, RCX)),
                g("mov edx, esi", "89 f2", a -> a.movl(RDX, RSI)),
                g("mov r8d, r13d", "45 89 e8", a -> a.movl(R8, R13)),
                g("mov ebp, r11d", "44 89 dd", a -> a.movl(RBP, R11)));
    }

    @TestFactory
    Stream<DynamicTest> movImmediate() {
        return tests(
                g("mov rax, 1", "48 c7 c0 01 00 00 00", a -> a.movq(RAX, 1)),
                g("mov r8, -1", "49 c7 c0 ff ff ff ff", a -> a.movq(R8, -1)),
                g("mov eax, 5", "b8 05 00 00 00", a -> a.movl(RAX, 5)),
                g("mov edx, 4294967295", "ba ff ff ff ff", a -> a.movl(RDX, -1)),
                g("mov r13d, 305419896", "41 bd 78 56 34 12", a -> a.movl(R13, 0x12345678)),
                g("movabs rax, 4886718345", "48 b8 89 67 45 23 01 00 00 00", a -> a.movabsq(RAX, 0x123456789L)),
                g("movabs r15, -9223372036854775808", "49 bf 00 00 00 00 00 00 00 80", a -> a.movabsq(R15, Long.MIN_VALUE)),
                g("movabs rsp, 5", "48 bc 05 00 00 00 00 00 00 00", a -> a.movabsq(RSP, 5)),
                g("mov ecx, 0 (movImm64)", "b9 00 00 00 00", a -> a.movImm64(RCX, 0)),
                g("mov r9d, 4294967295 (movImm64)", "41 b9 ff ff ff ff", a -> a.movImm64(R9, 0xFFFFFFFFL)),
                g("mov r9, -1 (movImm64)", "49 c7 c1 ff ff ff ff", a -> a.movImm64(R9, -1L)),
                g("movabs rdi, 0x100000000 (movImm64)", "48 bf 00 00 00 00 01 00 00 00",
                        a -> a.movImm64(RDI, 0x100000000L)));
    }

    @TestFactory
    Stream<DynamicTest> loadsAndStores() {
        return tests(
                g("mov rax, qword ptr [r15 + 1*rdx]", "49 8b 04 17", a -> a.movq(RAX, Mem.of(R15, RDX))),
                g("mov r11, qword ptr [rsp + 8]", "4c 8b 5c 24 08", a -> a.movq(R11, Mem.of(RSP, 8))),
                g("mov esi, dword ptr [r15 + 1*rdx]", "41 8b 34 17", a -> a.movl(RSI, Mem.of(R15, RDX))),
                g("mov r12d, dword ptr [rbp]", "44 8b 65 00", a -> a.movl(R12, Mem.of(RBP))),
                g("mov qword ptr [r15 + 1*rdx], rbx", "49 89 1c 17", a -> a.movq(Mem.of(R15, RDX), RBX)),
                g("mov qword ptr [r15 - 3992], r9", "4d 89 8f 68 f0 ff ff", a -> a.movq(Mem.of(R15, -3992), R9)),
                g("mov dword ptr [r15 + 1*rdx], r13d", "45 89 2c 17", a -> a.movl(Mem.of(R15, RDX), R13)),
                g("mov word ptr [r15 + 1*rdx], ax", "66 41 89 04 17", a -> a.movw(Mem.of(R15, RDX), RAX)),
                g("mov word ptr [rax], r10w", "66 44 89 10", a -> a.movw(Mem.of(RAX), R10)),
                g("mov byte ptr [r15 + 1*rdx], sil", "41 88 34 17", a -> a.movb(Mem.of(R15, RDX), RSI)),
                g("mov byte ptr [rax], sil", "40 88 30", a -> a.movb(Mem.of(RAX), RSI)),
                g("mov byte ptr [rax], dil", "40 88 38", a -> a.movb(Mem.of(RAX), RDI)),
                g("mov byte ptr [rcx], spl", "40 88 21", a -> a.movb(Mem.of(RCX), RSP)),
                g("mov byte ptr [rcx], bpl", "40 88 29", a -> a.movb(Mem.of(RCX), RBP)),
                g("mov byte ptr [rax], bl", "88 18", a -> a.movb(Mem.of(RAX), RBX)),
                g("mov byte ptr [r12], r8b", "45 88 04 24", a -> a.movb(Mem.of(R12), R8)),
                g("mov qword ptr [rsp], -1", "48 c7 04 24 ff ff ff ff", a -> a.movq(Mem.of(RSP), -1)),
                g("mov dword ptr [r15 - 3992], 0", "41 c7 87 68 f0 ff ff 00 00 00 00", a -> a.movl(Mem.of(R15, -3992), 0)),
                g("mov word ptr [r15 + 1*rdx], 65535", "66 41 c7 04 17 ff ff", a -> a.movw(Mem.of(R15, RDX), 0xFFFF)),
                g("mov byte ptr [r13], 7", "41 c6 45 00 07", a -> a.movb(Mem.of(R13), 7)),
                g("mov byte ptr [rip - 5], -1", "c6 05 fb ff ff ff ff", a -> a.movb(Mem.rip(-5), -1)));
    }

    @TestFactory
    Stream<DynamicTest> extensions() {
        return tests(
                g("movzx eax, byte ptr [r15 + 1*rdx]", "41 0f b6 04 17", a -> a.movzbl(RAX, Mem.of(R15, RDX))),
                g("movzx r9d, byte ptr [rsp]", "44 0f b6 0c 24", a -> a.movzbl(R9, Mem.of(RSP))),
                g("movzx rax, byte ptr [rcx]", "48 0f b6 01", a -> a.movzbq(RAX, Mem.of(RCX))),
                g("movzx eax, sil", "40 0f b6 c6", a -> a.movzbl(RAX, RSI)),
                g("movzx ecx, cl", "0f b6 c9", a -> a.movzbl(RCX, RCX)),
                g("movzx r12d, r13b", "45 0f b6 e5", a -> a.movzbl(R12, R13)),
                g("movzx rdi, spl", "48 0f b6 fc", a -> a.movzbq(RDI, RSP)),
                g("movzx esi, word ptr [r15 + 1*rdx]", "41 0f b7 34 17", a -> a.movzwl(RSI, Mem.of(R15, RDX))),
                g("movzx eax, r8w", "41 0f b7 c0", a -> a.movzwl(RAX, R8)),
                g("movzx rax, cx", "48 0f b7 c1", a -> a.movzwq(RAX, RCX)),
                g("movzx r10, word ptr [rbp + 2]", "4c 0f b7 55 02", a -> a.movzwq(R10, Mem.of(RBP, 2))),
                g("movsx rax, cl", "48 0f be c1", a -> a.movsbq(RAX, RCX)),
                g("movsx r11, dil", "4c 0f be df", a -> a.movsbq(R11, RDI)),
                g("movsx rsi, byte ptr [r15 + 1*rdx]", "49 0f be 34 17", a -> a.movsbq(RSI, Mem.of(R15, RDX))),
                g("movsx eax, byte ptr [rax]", "0f be 00", a -> a.movsbl(RAX, Mem.of(RAX))),
                g("movsx r8, word ptr [r15 + 1*rdx]", "4d 0f bf 04 17", a -> a.movswq(R8, Mem.of(R15, RDX))),
                g("movsx rbx, r14w", "49 0f bf de", a -> a.movswq(RBX, R14)),
                g("movsx edx, bp", "0f bf d5", a -> a.movswl(RDX, RBP)),
                g("movsxd rax, ecx", "48 63 c1", a -> a.movslq(RAX, RCX)),
                g("movsxd r12, r12d", "4d 63 e4", a -> a.movslq(R12, R12)),
                g("movsxd rbp, dword ptr [r15 + 1*rdx]", "49 63 2c 17", a -> a.movslq(RBP, Mem.of(R15, RDX))));
    }

    @TestFactory
    Stream<DynamicTest> lea() {
        return tests(
                g("lea rax, [rcx + 2*rdx + 8]", "48 8d 44 51 08", a -> a.leaq(RAX, Mem.of(RCX, RDX, 2, 8))),
                g("lea r9, [rsp + 16]", "4c 8d 4c 24 10", a -> a.leaq(R9, Mem.of(RSP, 16))),
                g("lea rdx, [r13 + 4*r12]", "4b 8d 54 a5 00", a -> a.leaq(RDX, Mem.of(R13, R12, 4, 0))),
                g("lea edx, [rsi + 16]", "8d 56 10", a -> a.leal(RDX, Mem.of(RSI, 16))),
                g("lea edx, [r8 - 1]", "41 8d 50 ff", a -> a.leal(RDX, Mem.of(R8, -1))),
                g("lea r14d, [rbp + 8*rbp]", "44 8d 74 ed 00", a -> a.leal(R14, Mem.of(RBP, RBP, 8, 0))),
                g("lea rax, [rip + 16]", "48 8d 05 10 00 00 00", a -> a.leaq(RAX, Mem.rip(16))),
                g("lea rcx, [8*rax]", "48 8d 0c c5 00 00 00 00", a -> a.leaq(RCX, Mem.indexOnly(RAX, 8, 0))));
    }

    @TestFactory
    Stream<DynamicTest> setccAndCmov() {
        return tests(
                g("sete al", "0f 94 c0", a -> a.setcc(Cond.E, RAX)),
                g("setne sil", "40 0f 95 c6", a -> a.setcc(Cond.NE, RSI)),
                g("setb dil", "40 0f 92 c7", a -> a.setcc(Cond.B, RDI)),
                g("setl r8b", "41 0f 9c c0", a -> a.setcc(Cond.L, R8)),
                g("setg bl", "0f 9f c3", a -> a.setcc(Cond.G, RBX)),
                g("seta spl", "40 0f 97 c4", a -> a.setcc(Cond.A, RSP)),
                g("setae byte ptr [r13]", "41 0f 93 45 00", a -> a.setcc(Cond.AE, Mem.of(R13))),
                g("cmove rax, rcx", "48 0f 44 c1", a -> a.cmovq(Cond.E, RAX, RCX)),
                g("cmovl r9, rdx", "4c 0f 4c ca", a -> a.cmovq(Cond.L, R9, RDX)),
                g("cmovnp r12d, r15d", "45 0f 4b e7", a -> a.cmovl(Cond.NP, R12, R15)),
                g("cmovbe rsi, qword ptr [rsp]", "48 0f 46 34 24", a -> a.cmovq(Cond.BE, RSI, Mem.of(RSP))),
                g("sete cl; movzx ecx, cl", "0f 94 c1 0f b6 c9", a -> a.setccZx(Cond.E, RCX)),
                g("setb sil; movzx esi, sil", "40 0f 92 c6 40 0f b6 f6", a -> a.setccZx(Cond.B, RSI)),
                g("setg r10b; movzx r10d, r10b", "41 0f 9f c2 45 0f b6 d2", a -> a.setccZx(Cond.G, R10)));
    }

    @TestFactory
    Stream<DynamicTest> xchgPushPop() {
        return tests(
                g("xchg rax, rcx", "48 91", a -> a.xchgq(RAX, RCX)),
                g("xchg r8, rax", "49 90", a -> a.xchgq(R8, RAX)),
                g("xchg rcx, rdx", "48 87 ca", a -> a.xchgq(RCX, RDX)),
                g("xchg r12, r13", "4d 87 e5", a -> a.xchgq(R12, R13)),
                g("xchg eax, eax", "87 c0", a -> a.xchgl(RAX, RAX)),
                g("xchg ecx, eax", "91", a -> a.xchgl(RCX, RAX)),
                g("xchg rsi, qword ptr [rsp]", "48 87 34 24", a -> a.xchgq(RSI, Mem.of(RSP))),
                g("push rax", "50", a -> a.push(RAX)),
                g("push rbp", "55", a -> a.push(RBP)),
                g("push r12", "41 54", a -> a.push(R12)),
                g("push r15", "41 57", a -> a.push(R15)),
                g("pop rbx", "5b", a -> a.pop(RBX)),
                g("pop r13", "41 5d", a -> a.pop(R13)),
                g("push qword ptr [rax]", "ff 30", a -> a.push(Mem.of(RAX))),
                g("pop qword ptr [r12]", "41 8f 04 24", a -> a.pop(Mem.of(R12))),
                g("push -1", "6a ff", a -> a.push(-1)),
                g("push 1000", "68 e8 03 00 00", a -> a.push(1000)));
    }
}
