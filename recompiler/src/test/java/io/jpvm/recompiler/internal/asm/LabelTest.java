package io.jpvm.recompiler.internal.asm;

import static io.jpvm.recompiler.internal.asm.Golden.hex;
import static io.jpvm.recompiler.internal.asm.Reg.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Label binding, forward/backward patching in rel8 and rel32 forms, and label errors. */
class LabelTest {
    private final X64Assembler a = new X64Assembler();

    @Test
    void forwardJmpIsRel32AndPatchedOnBind() {
        Label l = new Label();
        a.jmp(l);
        assertEquals("e9 00 00 00 00", hex(a.buffer().toByteArray()));
        a.nop();
        a.bind(l);
        assertEquals("e9 01 00 00 00 90", hex(a.finish()));
        assertEquals(6, l.position());
    }

    @Test
    void forwardShortJmp() {
        Label l = new Label();
        a.jmpShort(l);
        a.nop();
        a.bind(l);
        assertEquals("eb 01 90", hex(a.finish()));
    }

    @Test
    void forwardJccShortAndNear() {
        Label l = new Label();
        a.jccShort(Cond.E, l);
        a.jcc(Cond.NE, l);
        a.jccNear(Cond.G, l);
        a.bind(l);
        assertEquals("74 0c 0f 85 06 00 00 00 0f 8f 00 00 00 00", hex(a.finish()));
    }

    @Test
    void backwardBranchesPickRel8WhenInReach() {
        Label top = new Label();
        a.bind(top);
        a.nop();
        a.jmp(top);
        a.jcc(Cond.B, top);
        a.jmpNear(top);
        a.jccNear(Cond.AE, top);
        a.call(top);
        assertEquals("90 eb fd 72 fb e9 f6 ff ff ff 0f 83 f0 ff ff ff e8 eb ff ff ff", hex(a.finish()));
    }

    @Test
    void backwardRel8BoundaryAndRel32Fallback() {
        Label top = new Label();
        a.bind(top);
        a.nop(126);
        a.jmp(top); // displacement -128: still rel8
        byte[] first = a.finish();
        assertEquals("eb 80", hex(java.util.Arrays.copyOfRange(first, 126, first.length)));
        X64Assembler b = new X64Assembler();
        Label t2 = new Label();
        b.bind(t2);
        b.nop(127);
        b.jmp(t2); // -129 does not fit: rel32, displacement -132
        b.jcc(Cond.E, t2); // -138
        byte[] code = b.finish();
        assertEquals("e9 7c ff ff ff 0f 84 76 ff ff ff", hex(java.util.Arrays.copyOfRange(code, 127, code.length)));
        assertThrows(IllegalStateException.class, () -> b.jmpShort(t2));
        assertThrows(IllegalStateException.class, () -> b.jccShort(Cond.E, t2));
    }

    @Test
    void forwardRel8OutOfRangeFailsOnBind() {
        Label far = new Label("far");
        a.jmpShort(far);
        a.nop(127); // displacement would be 127: fine
        X64Assembler b = new X64Assembler();
        Label tooFar = new Label("tooFar");
        b.jccShort(Cond.S, tooFar);
        b.nop(128);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.bind(tooFar));
        assertTrue(e.getMessage().contains("tooFar"), e.getMessage());
        a.bind(far);
        assertEquals("eb 7f", hex(a.finish()).substring(0, 5));
    }

    @Test
    void manyReferencesMixedWidthsAllPatched() {
        Label l = new Label();
        a.jmpShort(l);   // 0: eb, anchor 2
        a.jmpNear(l);    // 2: e9, anchor 7
        a.jccShort(Cond.O, l); // 7: 70, anchor 9
        a.call(l);       // 9: e8, anchor 14
        a.bind(l);       // 14
        a.jmp(l);        // 14: backward rel8, -2
        assertEquals("eb 0c e9 07 00 00 00 70 05 e8 00 00 00 00 eb fe", hex(a.finish()));
    }

    @Test
    void ripRelativeLabelAccountsForTrailingImmediate() {
        Label data = new Label();
        a.leaq(RAX, data);                       // 48 8d 05 disp32 -> end at 7
        a.movl(Mem.rip(data), 0x11223344);       // c7 05 disp32 imm32 -> end at 17
        a.cmpq(Mem.rip(data), 5);                // 48 83 3d disp32 imm8 -> end at 25
        a.bind(data);
        a.emitLong(0x0807060504030201L);
        assertEquals("48 8d 05 12 00 00 00 c7 05 08 00 00 00 44 33 22 11 48 83 3d 00 00 00 00 05"
                + " 01 02 03 04 05 06 07 08", hex(a.finish()));
    }

    @Test
    void bindingTwiceIsAnError() {
        Label l = new Label("twice");
        a.bind(l);
        a.nop();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.bind(l));
        assertTrue(e.getMessage().contains("twice"));
    }

    @Test
    void unboundLabelWithReferencesFailsFinishAndClose() {
        Label bound = new Label("bound");
        Label missing = new Label("missing");
        a.jmp(bound);
        a.jcc(Cond.E, missing);
        a.bind(bound);
        IllegalStateException e = assertThrows(IllegalStateException.class, a::finish);
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertFalse(e.getMessage().contains("bound,"), e.getMessage());
        assertThrows(IllegalStateException.class, a::close);
        a.bind(missing);
        assertEquals(11, a.finish().length);
    }

    @Test
    void unreferencedUnboundLabelIsFine() {
        Label unused = new Label();
        a.ret();
        assertEquals("c3", hex(a.close()));
        assertFalse(unused.isBound());
        assertThrows(IllegalStateException.class, unused::position);
    }

    @Test
    void labelBelongsToOneAssembler() {
        Label l = new Label();
        a.jmp(l);
        X64Assembler other = new X64Assembler();
        assertThrows(IllegalStateException.class, () -> other.bind(l));
        assertThrows(IllegalStateException.class, () -> other.jmp(l));
    }

    @Test
    void patchableGasImmediate() {
        int pos = a.subqImm32(Mem.of(R15, -3992), 0);
        Label oog = new Label();
        a.jcc(Cond.S, oog);
        a.patchInt(pos, 42);
        a.bind(oog);
        assertEquals(7, pos);
        assertEquals("49 81 af 68 f0 ff ff 2a 00 00 00 0f 88 00 00 00 00", hex(a.finish()));
    }
}
