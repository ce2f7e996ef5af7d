package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.isa.Profile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Division and remainder edge cases, identical in both profiles (gp-conformance.md §7 "Division/shift
 * edge rules" and §8 ops 193–196, 203–206; javm-reference.md §1.3/§1.4; README table): x/0 → 2^64−1,
 * x rem 0 → x (32-bit: sign-extended low 32 bits), signed MIN/−1 → MIN, rem 0; truncating division,
 * remainder with the dividend's sign; 32-bit forms use only the low 32 bits of both operands (a
 * divisor with zero low bits and non-zero upper bits divides by zero) and sign-extend the result.
 */
class DivisionTest {
    private static final int DIV_U_32 = 193;
    private static final int DIV_S_32 = 194;
    private static final int REM_U_32 = 195;
    private static final int REM_S_32 = 196;
    private static final int DIV_U_64 = 203;
    private static final int DIV_S_64 = 204;
    private static final int REM_U_64 = 205;
    private static final int REM_S_64 = 206;
    private static final long MIN = Long.MIN_VALUE;
    private static final long ALL = -1L; // 2^64 − 1

    private static Arguments c(String name, int op, long a, long b, long expected) {
        return Arguments.of(name, op, a, b, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("div_u_64 x/0", DIV_U_64, 7, 0, ALL),
                c("div_u_64 0/0", DIV_U_64, 0, 0, ALL),
                c("div_u_64 max/1", DIV_U_64, ALL, 1, ALL),
                c("div_u_64 100/7", DIV_U_64, 100, 7, 14),
                c("div_u_64 max/2 unsigned", DIV_U_64, ALL, 2, Long.MAX_VALUE),
                c("div_u_64 2^63/max unsigned", DIV_U_64, MIN, ALL, 0),
                c("div_s_64 x/0", DIV_S_64, 7, 0, ALL),
                c("div_s_64 -x/0", DIV_S_64, -7, 0, ALL),
                c("div_s_64 MIN/-1", DIV_S_64, MIN, -1, MIN),
                c("div_s_64 MIN/1", DIV_S_64, MIN, 1, MIN),
                c("div_s_64 -7/2 truncates", DIV_S_64, -7, 2, -3),
                c("div_s_64 7/-2 truncates", DIV_S_64, 7, -2, -3),
                c("div_s_64 -7/-2", DIV_S_64, -7, -2, 3),
                c("rem_u_64 x rem 0", REM_U_64, 7, 0, 7),
                c("rem_u_64 max rem 0", REM_U_64, ALL, 0, ALL),
                c("rem_u_64 100 rem 7", REM_U_64, 100, 7, 2),
                c("rem_u_64 max rem 10 unsigned", REM_U_64, ALL, 10, 5),
                c("rem_s_64 x rem 0", REM_S_64, 7, 0, 7),
                c("rem_s_64 -x rem 0", REM_S_64, -7, 0, -7),
                c("rem_s_64 MIN rem 0", REM_S_64, MIN, 0, MIN),
                c("rem_s_64 MIN rem -1", REM_S_64, MIN, -1, 0),
                c("rem_s_64 -7 rem 2", REM_S_64, -7, 2, -1),
                c("rem_s_64 7 rem -2", REM_S_64, 7, -2, 1),
                c("rem_s_64 -7 rem -2", REM_S_64, -7, -2, -1),
                c("div_u_32 x/0", DIV_U_32, 5, 0, ALL),
                c("div_u_32 divisor with only upper bits", DIV_U_32, 5, 0x1_0000_0000L, ALL),
                c("div_u_32 upper bits ignored", DIV_U_32, 0x1234_5678_0000_000AL, 0xFFFF_FFFF_0000_0003L, 3),
                c("div_u_32 result sign-extended", DIV_U_32, 0xFFFF_FFFFL, 1, ALL),
                c("div_u_32 2^31/1 sign-extended", DIV_U_32, 0x8000_0000L, 1, 0xFFFF_FFFF_8000_0000L),
                c("div_u_32 2^31/2", DIV_U_32, 0x8000_0000L, 2, 0x4000_0000L),
                c("div_s_32 x/0", DIV_S_32, 5, 0, ALL),
                c("div_s_32 divisor with only upper bits", DIV_S_32, 5, 0xABCD_0000_0000_0000L, ALL),
                c("div_s_32 MIN/-1", DIV_S_32, 0x8000_0000L, 0xFFFF_FFFFL, 0xFFFF_FFFF_8000_0000L),
                c("div_s_32 MIN/-1 upper bits ignored", DIV_S_32, 0x7777_7777_8000_0000L, 0x1234_5678_FFFF_FFFFL,
                        0xFFFF_FFFF_8000_0000L),
                c("div_s_32 -7/2 truncates", DIV_S_32, -7, 2, -3),
                c("div_s_32 7/-2 (low 32 bits)", DIV_S_32, 7, 0xFFFF_FFFEL, -3),
                c("div_s_32 -7/-2 (low 32 bits)", DIV_S_32, 0xFFFF_FFF9L, 0xFFFF_FFFEL, 3),
                c("rem_u_32 x rem 0 sign-extends low 32 bits", REM_U_32, 0x1_8000_0005L, 0, 0xFFFF_FFFF_8000_0005L),
                c("rem_u_32 divisor with only upper bits", REM_U_32, 0x1_8000_0005L, 0x5_0000_0000L,
                        0xFFFF_FFFF_8000_0005L),
                c("rem_u_32 7 rem 0", REM_U_32, 7, 0, 7),
                c("rem_u_32 max32 rem 10", REM_U_32, 0xFFFF_FFFFL, 10, 5),
                c("rem_u_32 upper bits ignored", REM_U_32, 0x1_0000_0007L, 0x1_0000_0003L, 1),
                c("rem_u_32 result sign-extended", REM_U_32, 0xFFFF_FFFFL, 0x8000_0000L, 0x7FFF_FFFFL),
                c("rem_u_32 unsigned", REM_U_32, 0x8000_0005L, 0x8000_0000L, 5),
                c("rem_s_32 x rem 0 sign-extends low 32 bits", REM_S_32, 0x1_8000_0005L, 0, 0xFFFF_FFFF_8000_0005L),
                c("rem_s_32 divisor with only upper bits", REM_S_32, 0x1_8000_0005L, 0xF_0000_0000L,
                        0xFFFF_FFFF_8000_0005L),
                c("rem_s_32 MIN rem -1", REM_S_32, 0x8000_0000L, 0xFFFF_FFFFL, 0),
                c("rem_s_32 -7 rem 2", REM_S_32, -7, 2, -1),
                c("rem_s_32 7 rem -2", REM_S_32, 7, 0xFFFF_FFFEL, 1),
                c("rem_s_32 -7 rem -2", REM_S_32, 0xFFFF_FFF9L, 0xFFFF_FFFEL, -1),
                c("rem_s_32 upper bits ignored", REM_S_32, 0x1_0000_0007L, 3, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void divisionEdgeCase(String name, int op, long a, long b, long expected) {
        for (Profile p : Profile.values()) {
            // op r1, r2 → r3, then the end of the code
            Interpreter vm = Vms.vm(new TestCode().threeReg(op, 1, 2, 3), p, 100);
            vm.setReg(1, a);
            vm.setReg(2, b);
            vm.setReg(3, 0x5A5A5A5A5A5A5A5AL);
            ExitKind kind = vm.run();
            assertEquals(p == Profile.GP072 ? ExitKind.PANIC : ExitKind.TRAP, kind, p.id() + ": never traps mid-way");
            assertEquals(3, vm.exitPc(), p.id());
            assertEquals(expected, vm.reg(3),
                    () -> p.id() + " " + name + ": got 0x" + Long.toHexString(vm.reg(3)));
            assertEquals(a, vm.reg(1));
            assertEquals(b, vm.reg(2));
        }
    }
}
