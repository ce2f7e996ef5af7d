package io.jpvm.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Program}'s single-pass, array-based decoding against the straightforward definition: every
 * instruction start (and the landing position after each gap longer than 24 bytes) decoded one by
 * one with {@link Decoder#decode(CodeBlob, int, int, Profile)}, block starts after every valid
 * terminator, targets resolved by looking the pc up. Random code of every size (the bounds-checked
 * tail path included), bitmask densities from sparse (long gaps) to dense, random jump tables, both
 * profiles; every accessor and {@link Program#instruction(int)} must agree.
 */
class ProgramDecodeTest {

    /** The reference: the definition written out naively. */
    record Reference(List<Instruction> insns, int[] pcToIndex, boolean[] blockStart, int[] targetIndex,
                     int[] jumpTableIndex) {
        static Reference of(CodeBlob blob, Profile profile) {
            int len = blob.length();
            List<Instruction> insns = new ArrayList<>();
            int pending = -1;
            for (int pc = 0; pc < len; pc++) {
                if (blob.isStart(pc) || pc == pending) {
                    int skip = Decoder.skip(blob, pc);
                    insns.add(Decoder.decode(blob, pc, skip, profile));
                    int next = pc + 1 + skip;
                    pending = blob.isStart(pc) && next < len && !blob.isStart(next) ? next : -1;
                }
            }
            int n = insns.size();
            int[] pcToIndex = new int[len + 1];
            Arrays.fill(pcToIndex, -1);
            for (int i = 0; i < n; i++) {
                pcToIndex[insns.get(i).pc()] = i;
            }
            pcToIndex[len] = n;
            boolean[] bs = new boolean[n + 1];
            bs[0] = len == 0 || (n > 0 && insns.get(0).pc() == 0);
            for (int i = 0; i < n; i++) {
                Instruction in = insns.get(i);
                if (in.valid() && profile.isTerminator(in.opcode())) {
                    bs[i + 1] = true;
                }
            }
            int[] ti = new int[n];
            Arrays.fill(ti, -1);
            Reference r = new Reference(insns, pcToIndex, bs, ti, new int[blob.jumpTableSize()]);
            for (int i = 0; i < n; i++) {
                Instruction in = insns.get(i);
                if (in.valid() && Profile.hasStaticTarget(in.opcode())) {
                    ti[i] = r.target(in.target());
                }
            }
            for (int k = 0; k < blob.jumpTableSize(); k++) {
                r.jumpTableIndex[k] = r.target(blob.jumpTableEntry(k));
            }
            return r;
        }

        int indexOf(long pc) {
            return pc >= 0 && pc < pcToIndex.length ? pcToIndex[(int) pc] : -1;
        }

        int target(long pc) {
            int idx = indexOf(pc);
            return idx < 0 || idx >= insns.size() || !blockStart[idx] || !insns.get(idx).valid() ? -1 : idx;
        }
    }

    static CodeBlob randomBlob(SplittableRandom r, int len) {
        byte[] code = new byte[len];
        r.nextBytes(code);
        // mostly defined opcodes, with branches and terminators often enough to matter
        int[] common = {0, 1, 2, 3, 10, 20, 30, 40, 50, 51, 52, 70, 80, 81, 90, 100, 120, 150, 170, 175, 180, 190, 230};
        boolean[] mask = new boolean[len];
        int density = r.nextInt(1, 12);
        for (int i = 0; i < len; i++) {
            mask[i] = r.nextInt(density + (r.nextInt(20) == 0 ? 40 : 0)) == 0;
            if (mask[i] && r.nextInt(3) != 0) {
                code[i] = (byte) common[r.nextInt(common.length)];
            }
        }
        if (len > 0 && r.nextInt(4) != 0) {
            mask[0] = true;
        }
        int[] jt = new int[r.nextInt(0, 8)];
        for (int k = 0; k < jt.length; k++) {
            jt[k] = r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(len + 3);
        }
        // branch offsets that often land on instructions
        for (int i = 0; i + 6 < len; i++) {
            if (mask[i] && r.nextBoolean()) {
                int op = code[i] & 0xFF;
                if (op == 40) {
                    int t = r.nextInt(len + 1) - i;
                    code[i + 1] = (byte) t;
                    code[i + 2] = (byte) (t >> 8);
                    code[i + 3] = (byte) (t >> 16);
                    code[i + 4] = (byte) (t >> 24);
                }
            }
        }
        return new CodeBlob(code, mask, jt);
    }

    static void assertSame(CodeBlob blob, Profile p, String what) {
        Reference ref = Reference.of(blob, p);
        Program prog = Program.of(blob, p);
        int n = ref.insns().size();
        assertEquals(n, prog.count(), what + ": count");
        for (int i = 0; i < n; i++) {
            Instruction want = ref.insns().get(i);
            String at = what + " index " + i;
            assertEquals(want, prog.instruction(i), at);
            assertEquals(want.opcode(), prog.opcode(i), at);
            assertEquals(want.valid(), prog.isValid(i), at);
            assertEquals(want.a(), prog.a(i), at);
            assertEquals(want.b(), prog.b(i), at);
            assertEquals(want.d(), prog.d(i), at);
            assertEquals(want.skip(), prog.skip(i), at);
            assertEquals(want.imm1(), prog.imm1(i), at);
            assertEquals(want.imm2(), prog.imm2(i), at);
            assertEquals(want.target(), prog.target(i), at);
            assertEquals(blob.byteAt(want.pc() + 1L) | blob.byteAt(want.pc() + 2L) << 8, prog.operandBytes(i), at);
            assertEquals(want.pc(), prog.pcOf(i), at);
            int w = prog.packed(i);
            assertEquals(want.opcode() | want.a() << 8 | want.b() << 12 | want.d() << 16 | want.skip() << 20
                    | (want.valid() ? Program.PACKED_VALID : 0) | (ref.blockStart()[i] ? Program.PACKED_BLOCK_START : 0),
                    w, at + " packed");
            boolean ends = want.valid() && p.isTerminator(want.opcode());
            boolean branch = want.valid() && Profile.hasStaticTarget(want.opcode());
            assertEquals((w & 0xFFFFFFFFL) | (long) prog.operandBytes(i) << 32 | (ends ? Program.WORD_ENDS_BLOCK : 0)
                    | (branch ? Program.WORD_BRANCH : 0), prog.word(i), at + " word");
            assertEquals(ref.targetIndex()[i], prog.targetIndex(i), at);
            assertEquals(want.valid() && p.isTerminator(want.opcode()), prog.isTerminator(i), at);
            int end = i;
            while (end < n && !(ref.insns().get(end).valid() && p.isTerminator(ref.insns().get(end).opcode()))) {
                end++;
            }
            assertEquals(end, prog.blockEnd(i), at);
        }
        assertEquals(blob.length(), prog.pcOf(n), what);
        assertEquals(ref.blockStart()[n] ? Program.PACKED_BLOCK_START : 0, prog.packed(n), what + " packed(count)");
        for (int i = 0; i <= n; i++) {
            assertEquals(ref.blockStart()[i], prog.isBlockStart(i), what + " block start " + i);
        }
        for (long pc = -2; pc <= blob.length() + 2; pc++) {
            assertEquals(ref.indexOf(pc), prog.indexOf(pc), what + " indexOf " + pc);
            assertEquals(ref.target(pc) >= 0, prog.isJumpTarget(pc), what + " isJumpTarget " + pc);
        }
        assertEquals(ref.jumpTableIndex().length, prog.jumpTableSize(), what);
        for (int k = 0; k < ref.jumpTableIndex().length; k++) {
            assertEquals(ref.jumpTableIndex()[k], prog.jumpTableIndex(k), what + " jump table " + k);
        }
    }

    @Test
    void randomBlobsDecodeLikeTheDefinition() {
        SplittableRandom r = new SplittableRandom(20260521);
        for (int k = 0; k < 3000; k++) {
            int len = k < 200 ? k % 40 : r.nextInt(k % 10 == 0 ? 3000 : 200);
            CodeBlob blob = randomBlob(r, len);
            for (Profile p : Profile.values()) {
                assertSame(blob, p, "blob " + k + " (" + len + " bytes) " + p.id());
            }
        }
    }

    @Test
    void assembledProgramsDecodeLikeTheDefinition() {
        String src = """
                load_imm r7, 1
                load_imm_64 r8, 0x123456789abcdef0
                fallthrough
                loop:
                add_64 r2, r7, r8
                store_imm_ind_u32 r1, 100000, 7
                branch_lt_u_imm r9, 1000, loop
                load_imm_jump r0, 5, loop
                branch_eq r1, r2, loop
                jump loop
                ecalli 3
                trap
                """;
        for (Profile p : Profile.values()) {
            assertSame(Assembler.assemble(src).code(), p, p.id());
        }
    }
}
