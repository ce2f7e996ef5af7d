package io.jpvm.isa;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A code blob decoded once under a profile: the dense list of instructions, the block starts (GP
 * basic-block starts ϖ for {@code gp072}, gas-block starts for {@code javm}), and every static and
 * jump-table target pre-resolved to a dense instruction index.
 *
 * <p>The dense list holds every instruction start (bitmask bit set) and, where a gap in the bitmask
 * is longer than 24 bytes, the position sequential execution lands on (an invalid instruction that
 * panics). So the instruction after index {@code i} in sequence is always {@code i + 1}; index
 * {@link #count()} stands for the position {@code len(code)}: running off the end.
 *
 * <p>Block starts are pc 0 and every instruction that follows a terminator. Valid jump targets
 * (static and dynamic) are the block starts whose opcode is valid in the profile.
 *
 * <p>The instructions are kept in flat arrays, decoded in a single pass over the code; the per-index
 * accessors ({@link #opcode}, {@link #a}, {@link #imm1}, ...) read them without allocating, and
 * {@link #instruction(int)} builds the equivalent {@link Instruction} record on request.
 */
public final class Program {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Operand classes as small ints (the order of {@link OperandClass}). */
    private static final int C_NONE = 0;
    private static final int C_IMM = 1;
    private static final int C_REG_IMM64 = 2;
    private static final int C_IMM_IMM = 3;
    private static final int C_OFFSET = 4;
    private static final int C_REG_IMM = 5;
    private static final int C_REG_IMM_IMM = 6;
    private static final int C_REG_IMM_OFFSET = 7;
    private static final int C_REG_REG = 8;
    private static final int C_REG_REG_IMM = 9;
    private static final int C_REG_REG_OFFSET = 10;
    private static final int C_REG_REG_IMM_IMM = 11;
    private static final int C_REG_REG_REG = 12;

    private static final byte[] CLASS = new byte[256];
    /** Offset classes: the decoded target is kept in the imm2 slot (their Y is always 0). */
    private static final boolean[] HAS_TARGET = new boolean[256];
    private static final boolean[] STATIC_TARGET = new boolean[256];
    /** Per profile ordinal: bit 0 = valid opcode, bit 1 = terminator. */
    private static final byte[][] FLAGS = new byte[Profile.values().length][256];

    static {
        for (int op = 0; op < 256; op++) {
            OperandClass c = OperandClass.of(op);
            CLASS[op] = (byte) c.ordinal();
            HAS_TARGET[op] = c == OperandClass.OFFSET || c == OperandClass.REG_IMM_OFFSET
                    || c == OperandClass.REG_REG_OFFSET;
            STATIC_TARGET[op] = Profile.hasStaticTarget(op);
            for (Profile p : Profile.values()) {
                FLAGS[p.ordinal()][op] = (byte) ((p.isValid(op) ? 1 : 0) | (p.isTerminator(op) ? 2 : 0));
            }
        }
    }

    /** Layout of an {@code info} word. */
    private static final int A_SHIFT = 8;
    private static final int B_SHIFT = 12;
    private static final int D_SHIFT = 16;
    private static final int SKIP_SHIFT = 20;
    private static final long VALID = 1L << 25;
    private static final long BLOCK_START = 1L << 26;
    private static final int RAW_SHIFT = 32;

    private final CodeBlob blob;
    private final Profile profile;
    private final int count;
    /** pc of every dense index; {@code pcs[count] = len(code)}. */
    private final int[] pcs;
    /**
     * Per dense index: opcode (8 bits) | a << 8 | b << 12 | d << 16 | skip << 20 | valid << 25 |
     * block start << 26 | (code bytes at pc + 1 and pc + 2, 0 past the end) << 32. Entry
     * {@code count} carries only the block-start bit.
     */
    private final long[] info;
    private final long[] imm1;
    /** Y, or for the offset classes the decoded target (pc + offset). */
    private final long[] imm2;
    /** For static jumps/branches: the target's dense index + 1 (0: invalid target, or none). */
    private final int[] targetIndex;
    private final int[] jumpTableIndex;

    private Program(CodeBlob blob, Profile profile) {
        this.blob = blob;
        this.profile = profile;
        final byte[] code = blob.codeArray();
        final boolean[] mask = blob.bitmaskArray();
        final byte[] flags = FLAGS[profile.ordinal()];
        final int len = code.length;
        int cap = Math.max(16, len / 4 + 16);
        int[] pcs = new int[cap + 1];
        long[] info = new long[cap + 1];
        long[] imm1 = new long[cap];
        long[] imm2 = new long[cap];
        int[] branches = new int[64];
        int branchCount = 0;
        int n = 0;
        int pc = 0;
        while (pc < len && !mask[pc]) {
            pc++;
        }
        boolean real = true;
        boolean nextIsStart = len == 0 || pc == 0;
        while (pc < len) {
            // skip: distance to the next start (positions past the end count as starts), at most 24
            int lim = Math.min(len, pc + 25);
            int j = pc + 1;
            while (j < lim && !mask[j]) {
                j++;
            }
            int skip = j < lim || j == len ? j - pc - 1 : 24;
            if (n == cap) {
                cap = cap + (cap >> 1) + 16;
                pcs = Arrays.copyOf(pcs, cap + 1);
                info = Arrays.copyOf(info, cap + 1);
                imm1 = Arrays.copyOf(imm1, cap);
                imm2 = Arrays.copyOf(imm2, cap);
            }
            int op = code[pc] & 0xFF;
            int f = real ? flags[op] : 0;
            boolean valid = (f & 1) != 0;
            long w;
            if (pc + 12 <= len) {
                w = decodeFast(code, pc, op, skip, imm1, imm2, n);
            } else {
                w = decodeSlow(pc, skip, imm1, imm2, n);
            }
            w |= (long) skip << SKIP_SHIFT;
            if (valid) {
                w |= VALID;
                if (STATIC_TARGET[op]) {
                    if (branchCount == branches.length) {
                        branches = Arrays.copyOf(branches, branchCount * 2);
                    }
                    branches[branchCount++] = n;
                }
            }
            if (nextIsStart) {
                w |= BLOCK_START;
            }
            nextIsStart = (f & 3) == 3;
            info[n] = w;
            pcs[n] = pc;
            n++;
            int next = pc + 1 + skip;
            if (real) {
                if (next >= len) {
                    break;
                }
                if (!mask[next]) {
                    // a gap longer than 24 bytes: sequential execution lands on a non-start
                    pc = next;
                    real = false;
                    continue;
                }
                pc = next;
            } else {
                pc++;
                while (pc < len && !mask[pc]) {
                    pc++;
                }
                real = true;
            }
        }
        pcs[n] = len;
        info[n] = nextIsStart ? BLOCK_START : 0;
        this.count = n;
        this.pcs = pcs;
        this.info = info;
        this.imm1 = imm1;
        this.imm2 = imm2;
        int[] targets = new int[n];
        for (int k = 0; k < branchCount; k++) {
            int i = branches[k];
            targets[i] = jumpTargetIndex(imm2[i]) + 1;
        }
        this.targetIndex = targets;
        int[] jt = blob.jumpTableArray();
        jumpTableIndex = new int[jt.length];
        for (int i = 0; i < jt.length; i++) {
            jumpTableIndex[i] = jumpTargetIndex(jt[i] & 0xFFFFFFFFL);
        }
    }

    private static int reg(int nibble) {
        return Math.min(12, nibble);
    }

    /** Sign-extends the low {@code n} (0..4) bytes of the little-endian int at {@code at}. */
    private static long sx(byte[] code, int at, int n) {
        if (n == 0) {
            return 0;
        }
        int sh = 32 - 8 * n;
        return ((int) INT_LE.get(code, at) << sh) >> sh;
    }

    /**
     * Decodes the operands of the instruction at {@code pc} (at least 12 code bytes from pc, so no
     * read reaches past the end), writes its immediates at {@code n} and returns its info word
     * without skip and flags. Exactly {@link Decoder#decode(CodeBlob, int, int, Profile)}.
     */
    private static long decodeFast(byte[] code, int pc, int op, int skip, long[] imm1, long[] imm2, int n) {
        int b1 = code[pc + 1] & 0xFF;
        int b2 = code[pc + 2] & 0xFF;
        int lo = b1 & 15;
        int hi = b1 >> 4;
        int a = 0;
        int b = 0;
        int d = 0;
        long x = 0;
        long y = 0;
        switch (CLASS[op]) {
            case C_IMM -> x = sx(code, pc + 1, Math.min(4, skip));
            case C_REG_IMM64 -> {
                a = reg(lo);
                x = (long) LONG_LE.get(code, pc + 2);
            }
            case C_IMM_IMM -> {
                int lx = Math.min(4, b1 & 7);
                int ly = Math.min(4, Math.max(0, skip - lx - 1));
                x = sx(code, pc + 2, lx);
                y = sx(code, pc + 2 + lx, ly);
            }
            case C_OFFSET -> y = pc + sx(code, pc + 1, Math.min(4, skip));
            case C_REG_IMM -> {
                a = reg(lo);
                x = sx(code, pc + 2, Math.min(4, Math.max(0, skip - 1)));
            }
            case C_REG_IMM_IMM -> {
                a = reg(lo);
                int lx = Math.min(4, hi & 7);
                int ly = Math.min(4, Math.max(0, skip - lx - 1));
                x = sx(code, pc + 2, lx);
                y = sx(code, pc + 2 + lx, ly);
            }
            case C_REG_IMM_OFFSET -> {
                a = reg(lo);
                int lx = Math.min(4, hi & 7);
                int ly = Math.min(4, Math.max(0, skip - lx - 1));
                x = sx(code, pc + 2, lx);
                y = pc + sx(code, pc + 2 + lx, ly);
            }
            case C_REG_REG -> {
                d = reg(lo);
                a = reg(hi);
            }
            case C_REG_REG_IMM -> {
                a = reg(lo);
                b = reg(hi);
                x = sx(code, pc + 2, Math.min(4, Math.max(0, skip - 1)));
            }
            case C_REG_REG_OFFSET -> {
                a = reg(lo);
                b = reg(hi);
                y = pc + sx(code, pc + 2, Math.min(4, Math.max(0, skip - 1)));
            }
            case C_REG_REG_IMM_IMM -> {
                a = reg(lo);
                b = reg(hi);
                int lx = Math.min(4, b2 & 7);
                int ly = Math.min(4, Math.max(0, skip - lx - 2));
                x = sx(code, pc + 3, lx);
                y = sx(code, pc + 3 + lx, ly);
            }
            case C_REG_REG_REG -> {
                a = reg(lo);
                b = reg(hi);
                d = reg(b2);
            }
            default -> { }
        }
        imm1[n] = x;
        imm2[n] = y;
        return op | a << A_SHIFT | b << B_SHIFT | d << D_SHIFT | (long) (b1 | b2 << 8) << RAW_SHIFT;
    }

    /** {@link #decodeFast} for the last few instructions, through the bounds-checked reference decoder. */
    private long decodeSlow(int pc, int skip, long[] imm1, long[] imm2, int n) {
        Instruction in = Decoder.decode(blob, pc, skip, profile);
        imm1[n] = in.imm1();
        imm2[n] = HAS_TARGET[in.opcode()] ? in.target() : in.imm2();
        int raw = blob.byteAt(pc + 1L) | blob.byteAt(pc + 2L) << 8;
        return in.opcode() | in.a() << A_SHIFT | in.b() << B_SHIFT | in.d() << D_SHIFT | (long) raw << RAW_SHIFT;
    }

    /** Decodes {@code blob} under {@code profile}. */
    public static Program of(CodeBlob blob, Profile profile) {
        return new Program(blob, profile);
    }

    public CodeBlob blob() {
        return blob;
    }

    public Profile profile() {
        return profile;
    }

    /** Number of dense instructions; index {@code count()} is the end of the code. */
    public int count() {
        return count;
    }

    /** Code length in bytes. */
    public int codeLength() {
        return blob.length();
    }

    private void check(int index) {
        if (index < 0 || index >= count) {
            throw new ArrayIndexOutOfBoundsException("Index " + index + " out of bounds for length " + count);
        }
    }

    /** The instruction at dense index {@code index} (a new record on each call). */
    public Instruction instruction(int index) {
        check(index);
        long w = info[index];
        int op = (int) w & 0xFF;
        boolean t = HAS_TARGET[op];
        return new Instruction(pcs[index], op, (int) (w >>> SKIP_SHIFT) & 31, (w & VALID) != 0,
                (int) (w >>> A_SHIFT) & 15, (int) (w >>> B_SHIFT) & 15, (int) (w >>> D_SHIFT) & 15, imm1[index],
                t ? 0 : imm2[index], t ? imm2[index] : 0);
    }

    /** Bit of {@link #packed(int)}: the instruction is valid in the profile. */
    public static final int PACKED_VALID = 1 << 25;
    /** Bit of {@link #packed(int)}: the index starts a block. */
    public static final int PACKED_BLOCK_START = 1 << 26;

    /**
     * The instruction at {@code index} (0..{@code count()}) in one int, for compilers that read every
     * field: opcode (bits 0–7), a (8–11), b (12–15), d (16–19), skip (20–24), {@link #PACKED_VALID},
     * {@link #PACKED_BLOCK_START}. For index {@code count()} only the block-start bit can be set.
     */
    public int packed(int index) {
        if (index < 0 || index > count) {
            throw new ArrayIndexOutOfBoundsException("Index " + index + " out of bounds for length " + (count + 1));
        }
        return (int) info[index];
    }

    /** {@code instruction(index).opcode()}: the opcode byte (possibly undefined in the profile). */
    public int opcode(int index) {
        check(index);
        return (int) info[index] & 0xFF;
    }

    /** {@code instruction(index).valid()}. */
    public boolean isValid(int index) {
        check(index);
        return (info[index] & VALID) != 0;
    }

    /** {@code instruction(index).a()}. */
    public int a(int index) {
        check(index);
        return (int) (info[index] >>> A_SHIFT) & 15;
    }

    /** {@code instruction(index).b()}. */
    public int b(int index) {
        check(index);
        return (int) (info[index] >>> B_SHIFT) & 15;
    }

    /** {@code instruction(index).d()}. */
    public int d(int index) {
        check(index);
        return (int) (info[index] >>> D_SHIFT) & 15;
    }

    /** {@code instruction(index).skip()}. */
    public int skip(int index) {
        check(index);
        return (int) (info[index] >>> SKIP_SHIFT) & 31;
    }

    /** {@code instruction(index).imm1()}. */
    public long imm1(int index) {
        check(index);
        return imm1[index];
    }

    /** {@code instruction(index).imm2()}. */
    public long imm2(int index) {
        check(index);
        return HAS_TARGET[(int) info[index] & 0xFF] ? 0 : imm2[index];
    }

    /** {@code instruction(index).target()}. */
    public long target(int index) {
        check(index);
        return HAS_TARGET[(int) info[index] & 0xFF] ? imm2[index] : 0;
    }

    /**
     * The two code bytes after the opcode of the instruction at {@code index}, as
     * {@code byte(pc + 1) | byte(pc + 2) << 8} (0 for bytes past the end of the code): the raw
     * operand nibbles some gas models read.
     */
    public int operandBytes(int index) {
        check(index);
        return (int) (info[index] >>> RAW_SHIFT) & 0xFFFF;
    }

    /** The pc of dense index {@code index} ({@code len(code)} for {@code count()}). */
    public int pcOf(int index) {
        if (index < 0 || index > count) {
            throw new ArrayIndexOutOfBoundsException("Index " + index + " out of bounds for length " + count);
        }
        return pcs[index];
    }

    /**
     * The dense index of {@code pc}, {@code count()} for {@code len(code)}, or -1 (a binary search over
     * the ascending pcs: no per-byte table to build at decode time).
     */
    public int indexOf(long pc) {
        if (pc < 0 || pc > pcs[count]) {
            return -1;
        }
        int lo = 0;
        int hi = count;
        int key = (int) pc;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = pcs[mid];
            if (v < key) {
                lo = mid + 1;
            } else if (v > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Whether dense index {@code index} starts a block (index {@code count()} included). */
    public boolean isBlockStart(int index) {
        if (index < 0 || index > count) {
            throw new ArrayIndexOutOfBoundsException("Index " + index + " out of bounds for length " + (count + 1));
        }
        return (info[index] & BLOCK_START) != 0;
    }

    /** Whether {@code pc} is a valid jump target: a block start with a valid opcode. */
    public boolean isJumpTarget(long pc) {
        return jumpTargetIndex(pc) >= 0;
    }

    private int jumpTargetIndex(long pc) {
        int idx = indexOf(pc);
        if (idx < 0 || idx >= count || (info[idx] & (BLOCK_START | VALID)) != (BLOCK_START | VALID)) {
            return -1;
        }
        return idx;
    }

    /** For a static jump/branch at {@code index}: the target's dense index, or -1 if invalid. */
    public int targetIndex(int index) {
        check(index);
        return targetIndex[index] - 1;
    }

    /** For jump table entry {@code i}: the target's dense index, or -1 if invalid. */
    public int jumpTableIndex(int i) {
        return jumpTableIndex[i];
    }

    public int jumpTableSize() {
        return jumpTableIndex.length;
    }

    /** Whether the instruction at {@code index} is valid and ends a block in this profile. */
    public boolean isTerminator(int index) {
        check(index);
        long w = info[index];
        return (w & VALID) != 0 && (FLAGS[profile.ordinal()][(int) w & 0xFF] & 2) != 0;
    }

    /**
     * The dense index of the terminator that ends the block containing {@code index}, or
     * {@code count()} when the block runs off the end of the code.
     */
    public int blockEnd(int index) {
        byte[] flags = FLAGS[profile.ordinal()];
        int i = index;
        while (i < count) {
            long w = info[i];
            if ((w & VALID) != 0 && (flags[(int) w & 0xFF] & 2) != 0) {
                return i;
            }
            i++;
        }
        return count;
    }
}
