package io.jpvm.recompiler.internal.asm;

import static io.jpvm.recompiler.internal.asm.Golden.g;
import static io.jpvm.recompiler.internal.asm.Golden.tests;
import static io.jpvm.recompiler.internal.asm.Reg.*;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden bytes (checked against llvm-mc) for mul/imul/div/idiv with a memory operand. */
class GoldenMulDivMemoryTest {
    @TestFactory
    Stream<DynamicTest> oneOperandMemory() {
        return tests(
                g("mul qword ptr [r15 - 3904]", "49 f7 a7 c0 f0 ff ff", a -> a.mulq(Mem.of(R15, -3904))),
                g("imul qword ptr [r15 - 3904]", "49 f7 af c0 f0 ff ff", a -> a.imulq(Mem.of(R15, -3904))),
                g("div qword ptr [r15 - 3904]", "49 f7 b7 c0 f0 ff ff", a -> a.divq(Mem.of(R15, -3904))),
                g("div dword ptr [r15 - 3904]", "41 f7 b7 c0 f0 ff ff", a -> a.divl(Mem.of(R15, -3904))),
                g("idiv qword ptr [r15 - 3904]", "49 f7 bf c0 f0 ff ff", a -> a.idivq(Mem.of(R15, -3904))),
                g("idiv dword ptr [r15 - 3904]", "41 f7 bf c0 f0 ff ff", a -> a.idivl(Mem.of(R15, -3904))),
                g("mul qword ptr [rax]", "48 f7 20", a -> a.mulq(Mem.of(RAX))),
                g("div qword ptr [rsp + 8]", "48 f7 74 24 08", a -> a.divq(Mem.of(RSP, 8))),
                g("idiv dword ptr [r13]", "41 f7 7d 00", a -> a.idivl(Mem.of(R13))),
                g("mul dword ptr [r12]", "41 f7 24 24", a -> a.mull(Mem.of(R12))),
                g("imul dword ptr [rbp - 8]", "f7 6d f8", a -> a.imull(Mem.of(RBP, -8))));
    }
}
