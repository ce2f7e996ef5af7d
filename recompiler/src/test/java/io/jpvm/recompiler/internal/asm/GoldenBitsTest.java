package io.jpvm.recompiler.internal.asm;

import static io.jpvm.recompiler.internal.asm.Golden.g;
import static io.jpvm.recompiler.internal.asm.Golden.tests;
import static io.jpvm.recompiler.internal.asm.Reg.*;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden bytes for shifts, rotates, double shifts, bswap and bit counting. */
class GoldenBitsTest {
    @TestFactory
    Stream<DynamicTest> shiftsByImmediate() {
        return tests(
                g("shl rax, 1", "48 d1 e0", a -> a.shlq(RAX, 1)),
                g("shl rax, 3", "48 c1 e0 03", a -> a.shlq(RAX, 3)),
                g("shl r9, 63", "49 c1 e1 3f", a -> a.shlq(R9, 63)),
                g("shl esp, 31", "c1 e4 1f", a -> a.shll(RSP, 31)),
                g("shr rdx, 32", "48 c1 ea 20", a -> a.shrq(RDX, 32)),
                g("shr r13d, 1", "41 d1 ed", a -> a.shrl(R13, 1)),
                g("sar rbp, 7", "48 c1 fd 07", a -> a.sarq(RBP, 7)),
                g("sar r12d, 16", "41 c1 fc 10", a -> a.sarl(R12, 16)),
                g("rol rsi, 8", "48 c1 c6 08", a -> a.rolq(RSI, 8)),
                g("rol r8d, 1", "41 d1 c0", a -> a.roll(R8, 1)),
                g("ror r15, 17", "49 c1 cf 11", a -> a.rorq(R15, 17)),
                g("ror edi, 2", "c1 cf 02", a -> a.rorl(RDI, 2)),
                g("shl eax, 0", "c1 e0 00", a -> a.shll(RAX, 0)));
    }

    @TestFactory
    Stream<DynamicTest> shiftsByCl() {
        return tests(
                g("shl rax, cl", "48 d3 e0", a -> a.shlqCl(RAX)),
                g("shl r11, cl", "49 d3 e3", a -> a.shlqCl(R11)),
                g("shl ecx, cl", "d3 e1", a -> a.shllCl(RCX)),
                g("shr rbp, cl", "48 d3 ed", a -> a.shrqCl(RBP)),
                g("shr r12d, cl", "41 d3 ec", a -> a.shrlCl(R12)),
                g("sar rsp, cl", "48 d3 fc", a -> a.sarqCl(RSP)),
                g("sar r13d, cl", "41 d3 fd", a -> a.sarlCl(R13)),
                g("rol r8, cl", "49 d3 c0", a -> a.rolqCl(R8)),
                g("rol esi, cl", "d3 c6", a -> a.rollCl(RSI)),
                g("ror rdi, cl", "48 d3 cf", a -> a.rorqCl(RDI)),
                g("ror r15d, cl", "41 d3 cf", a -> a.rorlCl(R15)));
    }

    @TestFactory
    Stream<DynamicTest> doubleShifts() {
        return tests(
                g("shld rax, rcx, 5", "48 0f a4 c8 05", a -> a.shldq(RAX, RCX, 5)),
                g("shld r9, r10, 63", "4d 0f a4 d1 3f", a -> a.shldq(R9, R10, 63)),
                g("shrd rdx, r12, 1", "4c 0f ac e2 01", a -> a.shrdq(RDX, R12, 1)),
                g("shld esp, ebp, 31", "0f a4 ec 1f", a -> a.shldl(RSP, RBP, 31)),
                g("shrd r13d, esi, 8", "41 0f ac f5 08", a -> a.shrdl(R13, RSI, 8)),
                g("shld rax, rcx, cl", "48 0f a5 c8", a -> a.shldqCl(RAX, RCX)),
                g("shrd r8, r15, cl", "4d 0f ad f8", a -> a.shrdqCl(R8, R15)),
                g("shld edi, r11d, cl", "44 0f a5 df", a -> a.shldlCl(RDI, R11)),
                g("shrd ebx, eax, cl", "0f ad c3", a -> a.shrdlCl(RBX, RAX)));
    }

    @TestFactory
    Stream<DynamicTest> byteSwapAndCounts() {
        return tests(
                g("bswap rax", "48 0f c8", a -> a.bswapq(RAX)),
                g("bswap r8", "49 0f c8", a -> a.bswapq(R8)),
                g("bswap rsp", "48 0f cc", a -> a.bswapq(RSP)),
                g("bswap eax", "0f c8", a -> a.bswapl(RAX)),
                g("bswap r13d", "41 0f cd", a -> a.bswapl(R13)),
                g("popcnt rax, rcx", "f3 48 0f b8 c1", a -> a.popcntq(RAX, RCX)),
                g("popcnt r9, rbp", "f3 4c 0f b8 cd", a -> a.popcntq(R9, RBP)),
                g("popcnt esi, r12d", "f3 41 0f b8 f4", a -> a.popcntl(RSI, R12)),
                g("popcnt rdx, qword ptr [r13]", "f3 49 0f b8 55 00", a -> a.popcntq(RDX, Mem.of(R13))),
                g("lzcnt rax, r15", "f3 49 0f bd c7", a -> a.lzcntq(RAX, R15)),
                g("lzcnt r10d, edi", "f3 44 0f bd d7", a -> a.lzcntl(R10, RDI)),
                g("lzcnt rbx, qword ptr [rsp]", "f3 48 0f bd 1c 24", a -> a.lzcntq(RBX, Mem.of(RSP))),
                g("tzcnt r14, r8", "f3 4d 0f bc f0", a -> a.tzcntq(R14, R8)),
                g("tzcnt ecx, edx", "f3 0f bc ca", a -> a.tzcntl(RCX, RDX)),
                g("tzcnt eax, dword ptr [r12 + 8]", "f3 41 0f bc 44 24 08", a -> a.tzcntl(RAX, Mem.of(R12, 8))));
    }
}
