package io.jpvm.isa;

import io.jpvm.isa.internal.OperandLayout;
import io.jpvm.isa.internal.StartBits;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@link Program}'s decoding, in two passes over the code: the pc of every dense index from the set
 * bits of the packed bitmask ({@link StartBits}), then every instruction's info word and immediates
 * (operands from {@link OperandLayout}, flags from a per-opcode table), without data-dependent
 * branches on ordinary code; finally the indices of the valid static jumps and branches.
 */
final class DensePass {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Layout of an {@code info} word. */
    static final int A_SHIFT = OperandLayout.A;
    static final int B_SHIFT = OperandLayout.B;
    static final int D_SHIFT = OperandLayout.D;
    static final int SKIP_SHIFT = 20;
    static final long VALID = 1L << 25;
    static final long BLOCK_START = 1L << 26;
    /** A valid terminator: the next index starts a block. */
    static final long ENDS_BLOCK = 1L << 27;
    /** A valid static jump or branch. */
    static final long BRANCH = 1L << 28;
    static final int RAW_SHIFT = 32;
    /** The bits of an info word that {@link Program#packed(int)} shows. */
    static final int PACKED_MASK = (int) (BLOCK_START << 1) - 1;

    private static final int BRANCH_SHIFT = 28;
    private static final int GAP = 25;

    /** Per profile (ordinal << 8) and opcode: the opcode and its flags, as in an info word. */
    private static final long[] OPCODE_WORD = new long[512];

    static {
        for (Profile p : Profile.values()) {
            for (int op = 0; op < 256; op++) {
                long flags = p.isValid(op) ? VALID | (p.isTerminator(op) ? ENDS_BLOCK : 0)
                        | (Profile.hasStaticTarget(op) ? BRANCH : 0) : 0;
                OPCODE_WORD[p.ordinal() << 8 | op] = flags | op;
            }
        }
        if (Profile.values().length > 2 || ENDS_BLOCK >>> 1 != BLOCK_START || BRANCH != 1L << BRANCH_SHIFT) {
            throw new AssertionError("info word layout");
        }
    }

    int count;
    /** pc of every dense index; {@code pcs[count] = len(code)}. */
    int[] pcs;
    /** See {@link Program}; entry {@code count} carries only the block-start bit. */
    long[] info;
    /** imm1 of index i at {@code 2i}, imm2 (or the target of an offset class) at {@code 2i + 1}. */
    long[] imm;
    /** Dense indices of the valid static jumps and branches, {@code branchCount} of them. */
    int[] branches;
    int branchCount;
    /** The indices added for gaps longer than 24 bytes (non-starts), {@code gapCount} of them. */
    private int[] gaps = new int[0];
    private int gapCount;
    /** Set bits in the bitmask (instruction starts). */
    private int startCount;
    private static final int SLACK = 16;

    private DensePass() {}

    static DensePass run(CodeBlob blob, Profile profile) {
        DensePass d = new DensePass();
        d.starts(blob);
        long startBit = d.instructions(blob, profile);
        d.info[d.count] = startBit;
        d.invalidateGaps();
        d.collectBranches();
        return d;
    }

    /**
     * First pass: the pc of every dense index (and {@code count}), from the set bits of the packed
     * bitmask; a gap longer than 24 bytes adds the position sequential execution lands on.
     */
    private void starts(CodeBlob blob) {
        final long[] bits = blob.startBitsArray();
        final int len = blob.length();
        // room for every start; gapEntry grows the arrays for the gap indices
        startCount = StartBits.count(bits, len);
        allocate(startCount + SLACK);
        int[] pcs = this.pcs;
        int n = 0;
        int k = 0;
        long cur = bits[0];
        int prev = Integer.MIN_VALUE;
        while (true) {
            while (cur == 0) {
                cur = bits[++k];
            }
            int pc = k << 6 | Long.numberOfTrailingZeros(cur);
            if (pc >= len) {
                break;
            }
            if (pc - prev > GAP && prev >= 0) {
                n = gapEntry(prev, n);
                pcs = this.pcs;
            }
            pcs[n++] = pc;
            prev = pc;
            cur &= cur - 1;
        }
        if (len - prev > GAP && prev >= 0) {
            n = gapEntry(prev, n);
        }
        this.pcs[n] = len;
        count = n;
    }

    /**
     * Adds the non-start position 25 bytes after the instruction at {@code pc} as index n, first
     * growing the arrays if the starts and gaps might no longer fit.
     */
    private int gapEntry(int pc, int n) {
        if (startCount + gapCount + 2 >= imm.length / 2) {
            grow(imm.length / 2);
        }
        pcs[n] = pc + GAP;
        if (gapCount == gaps.length) {
            gaps = Arrays.copyOf(gaps, gapCount * 2 + 4);
        }
        gaps[gapCount++] = n;
        return n + 1;
    }

    /**
     * Second pass: every index's info word and immediates, as if every index were an instruction
     * start (see {@link #invalidateGaps}). An index's skip is the distance to the next index's pc, at
     * most 24. Returns the block-start bit of index {@code count}.
     */
    private long instructions(CodeBlob blob, Profile profile) {
        final byte[] code = blob.codeArray();
        final int n = count;
        // the fast loop reads the code at index i + 1's pc too, so it stops where that is near the end
        int fast = n;
        while (fast > 0 && pcs[fast] > code.length - OperandLayout.READ_SPAN) {
            fast--;
        }
        long startBit = pcs[0] == 0 ? BLOCK_START : 0; // pcs[0] is len(code) when n = 0
        startBit = decodeFast(code, profile.ordinal() << 8, fast, startBit);
        for (int i = fast; i < n; i++) {
            int pc = pcs[i];
            int skip = Math.min(24, pcs[i + 1] - pc - 1);
            long w = decodeTail(blob, pc, skip, profile, imm, i) | (long) skip << SKIP_SHIFT | startBit;
            info[i] = w;
            startBit = w >>> 1 & BLOCK_START;
            branchCount += (int) (w >>> BRANCH_SHIFT) & 1;
        }
        return startBit;
    }

    /**
     * Indices 0 to {@code fast - 1}, whose code bytes (and index {@code fast}'s) can be read without
     * running past the end;
     * returns the block-start bit of index {@code fast}. Adds 1 to {@code branchCount} when there is
     * a static branch among them (the exact count is left to {@link #collectBranches}). Each
     * index's first code bytes are loaded an iteration ahead, off the critical path; the next
     * block-start bit and a sticky branch bit share one carried word (registers are scarce).
     */
    private long decodeFast(byte[] code, int table, int fast, long startBit) {
        final int[] pcs = this.pcs;
        final long[] info = this.info;
        final long[] imm = this.imm;
        long carry = startBit;
        int pc = pcs[0];
        long head = fast == 0 ? 0 : (long) LONG_LE.get(code, pc);
        for (int i = 0; i < fast; i++) {
            int next = pcs[i + 1];
            long nextHead = (long) LONG_LE.get(code, next);
            int skip = Math.min(24, next - pc - 1);
            int op = (int) head & 0xFF;
            int src = (int) (head >>> 8) & 0xFFFF;
            int regs = OperandLayout.decode(code, pc, op, src, skip, imm, i);
            long w = OPCODE_WORD[(table | op) & 511] | regs | (long) src << RAW_SHIFT | (long) skip << SKIP_SHIFT;
            info[i] = w | carry & BLOCK_START;
            carry = w >>> 1 & BLOCK_START | (w | carry) & BRANCH;
            pc = next;
            head = nextHead;
        }
        branchCount += (int) (carry >>> BRANCH_SHIFT) & 1;
        return carry & BLOCK_START;
    }

    /**
     * The gap indices are not instruction starts: not valid, so neither a terminator nor a branch
     * ({@code branchCount} only tells whether there may be any), and the index after one does not start a block.
     */
    private void invalidateGaps() {
        for (int k = 0; k < gapCount; k++) {
            int g = gaps[k];
            if ((info[g] & ENDS_BLOCK) != 0) {
                info[g + 1] &= ~BLOCK_START;
            }
            info[g] &= ~(VALID | ENDS_BLOCK | BRANCH);
        }
    }

    /**
     * Lists the indices whose info word has {@link #BRANCH} (none when {@code branchCount}, counted
     * or flagged by the passes, is 0).
     */
    private void collectBranches() {
        int c = 0;
        if (branchCount > 0) {
            for (int i = 0; i < count; i++) {
                c += (int) (info[i] >>> BRANCH_SHIFT) & 1;
            }
        }
        int[] list = new int[c + 1];
        if (c > 0) {
            int k = 0;
            for (int i = 0; i < count; i++) {
                list[k] = i;
                k += (int) (info[i] >>> BRANCH_SHIFT) & 1;
            }
        }
        branches = list;
        branchCount = c;
    }

    private void allocate(int cap) {
        pcs = new int[cap + 1];
        info = new long[cap + 1];
        imm = new long[2 * cap];
    }

    private void grow(int cap) {
        int c = cap + (cap >> 1) + SLACK;
        pcs = Arrays.copyOf(pcs, c + 1);
        info = Arrays.copyOf(info, c + 1);
        imm = Arrays.copyOf(imm, 2 * c);
    }

    /**
     * The last few instructions (fewer than {@link OperandLayout#READ_SPAN} bytes from the end),
     * through the bounds-checked reference decoder: their immediates at {@code n}, the rest of their
     * info word with its opcode flags but without skip and block start.
     */
    private static long decodeTail(CodeBlob blob, int pc, int skip, Profile profile, long[] imm, int n) {
        Instruction in = Decoder.decode(blob, pc, skip, profile);
        imm[2 * n] = in.imm1();
        imm[2 * n + 1] = Program.hasTarget(in.opcode()) ? in.target() : in.imm2();
        int raw = blob.byteAt(pc + 1L) | blob.byteAt(pc + 2L) << 8;
        return OPCODE_WORD[profile.ordinal() << 8 | in.opcode()] | in.a() << A_SHIFT | in.b() << B_SHIFT
                | in.d() << D_SHIFT | (long) raw << RAW_SHIFT;
    }
}
