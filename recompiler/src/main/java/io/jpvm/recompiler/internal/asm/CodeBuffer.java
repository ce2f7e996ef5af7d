package io.jpvm.recompiler.internal.asm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/** A growable little-endian byte buffer for machine code, with in-place patch helpers. */
public final class CodeBuffer {
    private byte[] data;
    private int size;

    /** A buffer with a default initial capacity. */
    public CodeBuffer() {
        this(256);
    }

    /** A buffer with the given initial capacity in bytes. */
    public CodeBuffer(int initialCapacity) {
        data = new byte[Math.max(16, initialCapacity)];
    }

    /** The number of bytes emitted so far, i.e. the offset of the next byte. */
    public int position() {
        return size;
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed > data.length) {
            if (needed < 0) {
                throw new IllegalStateException("code buffer too large");
            }
            data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
        }
    }

    /** Appends one byte (the low 8 bits of {@code b}). */
    public void emit8(int b) {
        ensure(1);
        data[size++] = (byte) b;
    }

    /** Appends a 16-bit little-endian value. */
    public void emit16(int v) {
        ensure(2);
        data[size] = (byte) v;
        data[size + 1] = (byte) (v >>> 8);
        size += 2;
    }

    /** Appends a 32-bit little-endian value. */
    public void emit32(int v) {
        ensure(4);
        put32(size, v);
        size += 4;
    }

    /** Appends a 64-bit little-endian value. */
    public void emit64(long v) {
        emit32((int) v);
        emit32((int) (v >>> 32));
    }

    /** Appends {@code bytes}. */
    public void emitBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, data, size, bytes.length);
        size += bytes.length;
    }

    private void checkRange(int pos, int width) {
        if (pos < 0 || pos + width > size) {
            throw new IndexOutOfBoundsException("patch at " + pos + " width " + width + " size " + size);
        }
    }

    private void put32(int pos, int v) {
        data[pos] = (byte) v;
        data[pos + 1] = (byte) (v >>> 8);
        data[pos + 2] = (byte) (v >>> 16);
        data[pos + 3] = (byte) (v >>> 24);
    }

    /** Overwrites the byte at {@code pos}. */
    public void patch8(int pos, int v) {
        checkRange(pos, 1);
        data[pos] = (byte) v;
    }

    /** Overwrites the 16-bit value at {@code pos}. */
    public void patch16(int pos, int v) {
        checkRange(pos, 2);
        data[pos] = (byte) v;
        data[pos + 1] = (byte) (v >>> 8);
    }

    /** Overwrites the 32-bit value at {@code pos}. */
    public void patch32(int pos, int v) {
        checkRange(pos, 4);
        put32(pos, v);
    }

    /** Overwrites the 64-bit value at {@code pos}. */
    public void patch64(int pos, long v) {
        checkRange(pos, 8);
        put32(pos, (int) v);
        put32(pos + 4, (int) (v >>> 32));
    }

    /** The unsigned byte at {@code pos}. */
    public int get8(int pos) {
        checkRange(pos, 1);
        return data[pos] & 0xFF;
    }

    /** The 32-bit value at {@code pos}. */
    public int get32(int pos) {
        checkRange(pos, 4);
        return (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16
                | (data[pos + 3] & 0xFF) << 24;
    }

    /** A copy of the emitted bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(data, size);
    }

    /** Copies the emitted bytes into {@code dst} at byte offset {@code offset}. */
    public void copyTo(MemorySegment dst, long offset) {
        MemorySegment.copy(data, 0, dst, ValueLayout.JAVA_BYTE, offset, size);
    }

    /** Discards everything emitted. */
    public void clear() {
        size = 0;
    }
}
