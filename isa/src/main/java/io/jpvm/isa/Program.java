package io.jpvm.isa;

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
 */
public final class Program {
    private final CodeBlob blob;
    private final Profile profile;
    private final Instruction[] insns;
    private final int[] pcToIndex;
    private final boolean[] blockStart;
    private final int[] targetIndex;
    private final int[] jumpTableIndex;

    private Program(CodeBlob blob, Profile profile) {
        this.blob = blob;
        this.profile = profile;
        int len = blob.length();
        boolean[] mask = blob.bitmask();
        // next start strictly after each position (positions >= len count as starts)
        int[] pcs = new int[len + 1];
        int[] skips = new int[len + 1];
        int n = 0;
        int nextSet = len;
        int[] nextStart = new int[len + 1];
        for (int i = len - 1; i >= 0; i--) {
            nextStart[i] = nextSet;
            if (mask[i]) {
                nextSet = i;
            }
        }
        int pendingSynthetic = -1;
        for (int pc = 0; pc < len; pc++) {
            if (mask[pc] || pc == pendingSynthetic) {
                int skip = Math.min(24, nextStart[pc] - pc - 1);
                pcs[n] = pc;
                skips[n] = skip;
                n++;
                int next = pc + 1 + skip;
                pendingSynthetic = mask[pc] && next < len && !mask[next] ? next : -1;
            }
        }
        insns = new Instruction[n];
        pcToIndex = new int[len + 1];
        Arrays.fill(pcToIndex, -1);
        for (int i = 0; i < n; i++) {
            insns[i] = Decoder.decode(blob, pcs[i], skips[i], profile);
            pcToIndex[pcs[i]] = i;
        }
        pcToIndex[len] = n;
        blockStart = new boolean[n + 1];
        if (len == 0 || (n > 0 && pcs[0] == 0)) {
            blockStart[0] = true;
        }
        for (int i = 0; i < n; i++) {
            Instruction in = insns[i];
            if (in.valid() && profile.isTerminator(in.opcode())) {
                blockStart[i + 1] = true;
            }
        }
        targetIndex = new int[n];
        Arrays.fill(targetIndex, -1);
        for (int i = 0; i < n; i++) {
            Instruction in = insns[i];
            if (in.valid() && Profile.hasStaticTarget(in.opcode())) {
                targetIndex[i] = jumpTargetIndex(in.target());
            }
        }
        int[] jt = blob.jumpTable();
        jumpTableIndex = new int[jt.length];
        for (int i = 0; i < jt.length; i++) {
            jumpTableIndex[i] = jumpTargetIndex(jt[i] & 0xFFFFFFFFL);
        }
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
        return insns.length;
    }

    /** Code length in bytes. */
    public int codeLength() {
        return blob.length();
    }

    public Instruction instruction(int index) {
        return insns[index];
    }

    /** The pc of dense index {@code index} ({@code len(code)} for {@code count()}). */
    public int pcOf(int index) {
        return index == insns.length ? blob.length() : insns[index].pc();
    }

    /** The dense index of {@code pc}, {@code count()} for {@code len(code)}, or -1. */
    public int indexOf(long pc) {
        return pc >= 0 && pc < pcToIndex.length ? pcToIndex[(int) pc] : -1;
    }

    /** Whether dense index {@code index} starts a block (index {@code count()} included). */
    public boolean isBlockStart(int index) {
        return blockStart[index];
    }

    /** Whether {@code pc} is a valid jump target: a block start with a valid opcode. */
    public boolean isJumpTarget(long pc) {
        return jumpTargetIndex(pc) >= 0;
    }

    private int jumpTargetIndex(long pc) {
        int idx = indexOf(pc);
        if (idx < 0 || idx >= insns.length || !blockStart[idx] || !insns[idx].valid()) {
            return -1;
        }
        return idx;
    }

    /** For a static jump/branch at {@code index}: the target's dense index, or -1 if invalid. */
    public int targetIndex(int index) {
        return targetIndex[index];
    }

    /** For jump table entry {@code i}: the target's dense index, or -1 if invalid. */
    public int jumpTableIndex(int i) {
        return jumpTableIndex[i];
    }

    public int jumpTableSize() {
        return jumpTableIndex.length;
    }

    /**
     * The dense index of the terminator that ends the block containing {@code index}, or
     * {@code count()} when the block runs off the end of the code.
     */
    public int blockEnd(int index) {
        int i = index;
        while (i < insns.length) {
            Instruction in = insns[i];
            if (in.valid() && profile.isTerminator(in.opcode())) {
                return i;
            }
            i++;
        }
        return insns.length;
    }
}
