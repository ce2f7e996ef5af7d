package io.jpvm.kernel.internal;

/**
 * The embedder's access to the active VM's memory: by DATA cap (slot + byte offset, mapped or not)
 * or by flat address (through whatever DATA caps the VM has mapped). Host access ignores the RO/RW
 * access of mappings; it never creates mappings.
 */
public final class HostMemory {
    private final Kernel k;

    HostMemory(Kernel k) {
        this.k = k;
    }

    private DataCap dataCap(int slot, long offset, long length) {
        if (slot < 0 || slot > 255 || !(k.active.caps.get(slot) instanceof DataCap d)) {
            throw new IllegalArgumentException("slot " + slot + " of the active VM holds no DATA cap");
        }
        long size = d.pageCount * PageStore.PAGE_SIZE;
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new IllegalArgumentException("bytes [" + offset + ", " + (offset + length) + ") exceed the "
                    + d.pageCount + "-page DATA cap in slot " + slot);
        }
        return d;
    }

    /** {@code length} bytes at {@code offset} of the DATA cap in {@code slot}. */
    public byte[] readDataCap(int slot, long offset, int length) {
        DataCap d = dataCap(slot, offset, length);
        byte[] out = new byte[length];
        for (int i = 0; i < length; ) {
            long at = offset + i;
            int in = (int) (at & 0xFFF);
            int n = Math.min(length - i, PageStore.PAGE_SIZE - in);
            k.store.read(d.physBase + (at >>> 12), in, out, i, n);
            i += n;
        }
        return out;
    }

    /** Writes {@code data} at {@code offset} of the DATA cap in {@code slot}. */
    public void writeDataCap(int slot, long offset, byte[] data) {
        DataCap d = dataCap(slot, offset, data.length);
        write(d.physBase, offset, data);
    }

    void write(long physBase, long offset, byte[] data) {
        for (int i = 0; i < data.length; ) {
            long at = offset + i;
            int in = (int) (at & 0xFFF);
            int n = Math.min(data.length - i, PageStore.PAGE_SIZE - in);
            k.store.write(physBase + (at >>> 12), in, data, i, n);
            i += n;
        }
    }

    /** The physical page behind flat address {@code address} of the active VM. */
    private long pageAt(long address) {
        if (address < 0 || address >= 1L << 32) {
            throw new IllegalArgumentException("address 0x" + Long.toHexString(address) + " is outside 4 GiB");
        }
        long page = address >>> 12;
        DataCap d = k.mapper.capAt(k.active, page);
        if (d == null) {
            throw new IllegalArgumentException("address 0x" + Long.toHexString(address) + " is not mapped in the active VM");
        }
        return d.physBase + page - d.base;
    }

    /** {@code length} bytes at flat address {@code address} of the active VM; every byte must be mapped. */
    public byte[] readMemory(long address, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; ) {
            long at = address + i;
            int in = (int) (at & 0xFFF);
            int n = Math.min(length - i, PageStore.PAGE_SIZE - in);
            k.store.read(pageAt(at), in, out, i, n);
            i += n;
        }
        return out;
    }

    /** Writes {@code data} at flat address {@code address} of the active VM; every byte must be mapped. */
    public void writeMemory(long address, byte[] data) {
        if (data.length > 0) {
            for (long page = address >>> 12; page <= (address + data.length - 1) >>> 12; page++) {
                pageAt(page << 12);
            }
        }
        for (int i = 0; i < data.length; ) {
            long at = address + i;
            int in = (int) (at & 0xFFF);
            int n = Math.min(data.length - i, PageStore.PAGE_SIZE - in);
            k.store.write(pageAt(at), in, data, i, n);
            i += n;
        }
    }
}
