package io.jpvm.isa;

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
    /** Offset classes: the decoded target is kept in the imm2 slot (their Y is always 0). */
    private static final boolean[] HAS_TARGET = new boolean[256];
    /** Per profile ordinal: bit 0 = valid opcode, bit 1 = terminator. */
    private static final byte[][] FLAGS = new byte[Profile.values().length][256];

    static {
        for (int op = 0; op < 256; op++) {
            OperandClass c = OperandClass.of(op);
            HAS_TARGET[op] = c == OperandClass.OFFSET || c == OperandClass.REG_IMM_OFFSET
                    || c == OperandClass.REG_REG_OFFSET;
            for (Profile p : Profile.values()) {
                FLAGS[p.ordinal()][op] = (byte) ((p.isValid(op) ? 1 : 0) | (p.isTerminator(op) ? 2 : 0));
            }
        }
    }

    /** Layout of an {@code info} word (see {@link DensePass}). */
    private static final int A_SHIFT = DensePass.A_SHIFT;
    private static final int B_SHIFT = DensePass.B_SHIFT;
    private static final int D_SHIFT = DensePass.D_SHIFT;
    private static final int SKIP_SHIFT = DensePass.SKIP_SHIFT;
    private static final long VALID = DensePass.VALID;
    private static final long BLOCK_START = DensePass.BLOCK_START;
    private static final int RAW_SHIFT = DensePass.RAW_SHIFT;
    private static final int[] NO_TARGETS = new int[0];

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
    /**
     * imm1 of index i at {@code 2i}; at {@code 2i + 1} its Y, or for the offset classes the decoded
     * target (pc + offset).
     */
    private final long[] imm;
    /**
     * For static jumps/branches: the target's dense index + 1 (0: invalid target, or none); empty
     * when the program has none.
     */
    private final int[] targetIndex;
    private final int[] jumpTableIndex;

    private Program(CodeBlob blob, Profile profile) {
        this.blob = blob;
        this.profile = profile;
        DensePass pass = DensePass.run(blob, profile);
        int n = pass.count;
        this.count = n;
        this.pcs = pass.pcs;
        this.info = pass.info;
        this.imm = pass.imm;
        int[] targets = pass.branchCount == 0 ? NO_TARGETS : new int[n];
        for (int k = 0; k < pass.branchCount; k++) {
            int i = pass.branches[k];
            targets[i] = jumpTargetIndex(imm[2 * i + 1]) + 1;
        }
        this.targetIndex = targets;
        int[] jt = blob.jumpTableArray();
        jumpTableIndex = new int[jt.length];
        for (int i = 0; i < jt.length; i++) {
            jumpTableIndex[i] = jumpTargetIndex(jt[i] & 0xFFFFFFFFL);
        }
    }

    /** Whether {@code op}'s operand class is an offset class (its target kept in the imm2 slot). */
    static boolean hasTarget(int op) {
        return HAS_TARGET[op];
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
                (int) (w >>> A_SHIFT) & 15, (int) (w >>> B_SHIFT) & 15, (int) (w >>> D_SHIFT) & 15, imm[2 * index],
                t ? 0 : imm[2 * index + 1], t ? imm[2 * index + 1] : 0);
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
        return (int) info[index] & DensePass.PACKED_MASK;
    }

    /** Bit of {@link #word(int)}: the instruction is valid and ends a block ({@link #isTerminator}). */
    public static final long WORD_ENDS_BLOCK = DensePass.ENDS_BLOCK;
    /** Bit of {@link #word(int)}: the instruction is a valid static jump or branch. */
    public static final long WORD_BRANCH = DensePass.BRANCH;

    /**
     * {@code packed(index) | (long) operandBytes(index) << 32}, plus {@link #WORD_ENDS_BLOCK} and
     * {@link #WORD_BRANCH}, in one read, for the loops that look at every instruction (gas models).
     */
    public long word(int index) {
        check(index);
        return info[index];
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
        return imm[2 * index];
    }

    /** {@code instruction(index).imm2()}. */
    public long imm2(int index) {
        check(index);
        return HAS_TARGET[(int) info[index] & 0xFF] ? 0 : imm[2 * index + 1];
    }

    /** {@code instruction(index).target()}. */
    public long target(int index) {
        check(index);
        return HAS_TARGET[(int) info[index] & 0xFF] ? imm[2 * index + 1] : 0;
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
        return targetIndex.length == 0 ? -1 : targetIndex[index] - 1;
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
