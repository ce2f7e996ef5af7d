package io.jpvm.isa;

import io.jpvm.isa.internal.StartBits;
import java.util.Arrays;

/**
 * The code part every container carries: code bytes, the opcode bitmask (one entry per code byte,
 * true where an instruction starts) and the jump table (unsigned 32-bit code offsets).
 * Arrays are defensively copied on the way in and out. The bitmask is also kept packed
 * ({@link StartBits}) for the decoder.
 */
public final class CodeBlob {
    private final byte[] code;
    private final boolean[] bitmask;
    private final int[] jumpTable;
    private final long[] startBits;

    public CodeBlob(byte[] code, boolean[] bitmask, int[] jumpTable) {
        this(code, bitmask, jumpTable, null);
    }

    /**
     * A blob whose bitmask is also at hand packed ({@code packedBitmask}: ⌈len/8⌉ bytes, LSB first,
     * the container encoding; null to pack {@code bitmask}), which saves packing it again.
     */
    CodeBlob(byte[] code, boolean[] bitmask, int[] jumpTable, byte[] packedBitmask) {
        if (bitmask.length != code.length) {
            throw new IllegalArgumentException("bitmask length " + bitmask.length + " != code length " + code.length);
        }
        this.code = code.clone();
        this.bitmask = bitmask.clone();
        this.jumpTable = jumpTable.clone();
        this.startBits = packedBitmask == null ? StartBits.pack(this.bitmask)
                : StartBits.pack(packedBitmask, code.length);
    }

    public int length() {
        return code.length;
    }

    public byte[] code() {
        return code.clone();
    }

    public boolean[] bitmask() {
        return bitmask.clone();
    }

    public int[] jumpTable() {
        return jumpTable.clone();
    }

    /** The code bytes themselves, not a copy: for decoding inside this package only (never modified). */
    byte[] codeArray() {
        return code;
    }

    /** The bitmask itself, not a copy: for decoding inside this package only (never modified). */
    boolean[] bitmaskArray() {
        return bitmask;
    }

    /** The bitmask packed as {@link StartBits}, not a copy: for decoding inside this package only. */
    long[] startBitsArray() {
        return startBits;
    }

    /** The jump table itself, not a copy: for decoding inside this package only (never modified). */
    int[] jumpTableArray() {
        return jumpTable;
    }

    /** ζ: the code byte at {@code i} (unsigned), 0 past the end. */
    public int byteAt(long i) {
        return i >= 0 && i < code.length ? code[(int) i] & 0xFF : 0;
    }

    /** The bitmask at {@code i}; positions past the end read as 1 (true). */
    public boolean isStart(long i) {
        return i >= code.length || (i >= 0 && bitmask[(int) i]);
    }

    /** The number of jump table entries. */
    public int jumpTableSize() {
        return jumpTable.length;
    }

    /** Jump table entry {@code i} as an unsigned value. */
    public long jumpTableEntry(int i) {
        return jumpTable[i] & 0xFFFFFFFFL;
    }

    /** The bitmask packed LSB-first, ⌈len/8⌉ bytes, padding bits 0. */
    public byte[] packedBitmask() {
        byte[] out = new byte[(code.length + 7) / 8];
        for (int i = 0; i < code.length; i++) {
            if (bitmask[i]) {
                out[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeBlob b && Arrays.equals(code, b.code) && Arrays.equals(bitmask, b.bitmask)
                && Arrays.equals(jumpTable, b.jumpTable);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(code) * 31 + Arrays.hashCode(jumpTable);
    }

    @Override
    public String toString() {
        return "CodeBlob[code=" + code.length + " bytes, jumpTable=" + jumpTable.length + " entries]";
    }
}
