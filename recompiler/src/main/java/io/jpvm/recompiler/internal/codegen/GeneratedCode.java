package io.jpvm.recompiler.internal.codegen;

/**
 * The output of {@link CodeGenerator}: position-independent x86-64 code (entry point at offset 0)
 * and the tables the Java side needs to enter it and to attribute its exits.
 *
 * @param buffer      the machine code, followed by the djump dispatch table (int32 offsets), in its
 *                    first {@code size} bytes (the generator's buffer, not trimmed; empty once the code
 *                    has been copied into code memory, see {@link #withoutBuffer()})
 * @param size        the length of the code
 * @param bodyOffsets for every dense index 0..count (count = the end of the code): where a run may
 *                    enter at that instruction without being charged: its code just after its block's
 *                    gas check, or (inside a self-loop, whose code keeps the gas in rdx) an entry
 *                    stub that loads the gas into rdx and jumps to it
 * @param trapOffsets the offset of every guest memory access instruction, ascending
 * @param trapIndices the dense instruction index of each entry of {@code trapOffsets}
 * @param tableOffset offset of the dispatch table
 */
public record GeneratedCode(byte[] buffer, int size, int[] bodyOffsets, int[] trapOffsets, int[] trapIndices,
        int tableOffset) {
    private static final byte[] NONE = new byte[0];

    /** A copy of the code (exactly {@link #size()} bytes). */
    public byte[] code() {
        if (buffer.length < size) {
            throw new IllegalStateException("the code was handed on: only its tables are kept");
        }
        return java.util.Arrays.copyOf(buffer, size);
    }

    /** The same tables without the code bytes (for a holder that keeps the code in code memory). */
    public GeneratedCode withoutBuffer() {
        return new GeneratedCode(NONE, size, bodyOffsets, trapOffsets, trapIndices, tableOffset);
    }

    /**
     * The dense index of the instruction whose memory access starts at code offset {@code offset},
     * or -1 when {@code offset} is not a guest memory access.
     */
    public int trapIndex(long offset) {
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            return -1;
        }
        int k = java.util.Arrays.binarySearch(trapOffsets, (int) offset);
        return k >= 0 ? trapIndices[k] : -1;
    }
}
