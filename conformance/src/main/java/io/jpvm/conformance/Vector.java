package io.jpvm.conformance;

import java.util.List;

/**
 * One w3f PVM test vector (schema: {@code pvm/schema.asn}). Registers are raw 64-bit patterns
 * (values above 2^63 are stored as their two's-complement bits).
 */
public record Vector(
        String name,
        long[] initialRegs,
        long initialPc,
        List<PageRange> initialPageMap,
        List<MemoryChunk> initialMemory,
        long initialGas,
        byte[] program,
        String expectedStatus,
        long[] expectedRegs,
        long expectedPc,
        List<MemoryChunk> expectedMemory,
        long expectedGas,
        Long expectedPageFaultAddress) {

    /** A mapped range of the initial page map. */
    public record PageRange(long address, long length, boolean writable) {}

    /** Bytes at an address. */
    public record MemoryChunk(long address, byte[] contents) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MemoryChunk c && c.address == address && java.util.Arrays.equals(c.contents, contents);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(address) * 31 + java.util.Arrays.hashCode(contents);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("0x").append(Long.toHexString(address)).append(":[");
            for (int i = 0; i < contents.length; i++) {
                sb.append(i == 0 ? "" : ",").append(contents[i] & 0xFF);
            }
            return sb.append(']').toString();
        }
    }

    /** The vector's category: the file-name prefix before the first feature word (inst, riscv_rv64ui, gas...). */
    public String category() {
        if (name.startsWith("riscv_")) {
            int second = name.indexOf('_', "riscv_".length());
            return second < 0 ? name : name.substring(0, second);
        }
        int us = name.indexOf('_');
        return us < 0 ? name : name.substring(0, us);
    }
}
