package io.jpvm.kernel.internal;

import io.jpvm.gas.GasModel;
import io.jpvm.isa.BlobFormatException;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import io.jpvm.kernel.CompiledCode;
import io.jpvm.kernel.Engine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Compiled CODE caps kept across invocations: keyed by engine, the SHA-256 of the CODE sub-blob, the
 * profile and the gas model (whose name carries the memory tier), least recently used evicted beyond
 * {@link #CAPACITY} entries. A hit skips both decoding and compilation; the sub-blob is compared in
 * full, so a hash collision can never run the wrong code. Evicted code is freed by its engine once no
 * VM uses it. Thread-safe (compilation runs outside the lock; two threads missing at once both compile
 * and one result wins).
 */
final class CodeCache {
    static final int CAPACITY = 128;
    static final CodeCache SHARED = new CodeCache(CAPACITY);

    /** A decoded and compiled sub-blob. */
    record Entry(byte[] blob, Program program, CompiledCode compiled) {}

    private record Key(Engine engine, String sha256, Profile profile, String gasModel) {}

    private final int capacity;
    private final Map<Key, Entry> entries;
    private long hits;
    private long misses;

    CodeCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CodeCache.Entry> eldest) {
                return size() > CodeCache.this.capacity;
            }
        };
    }

    /**
     * The compilation of {@code subBlob} (a JAR CODE sub-blob) by {@code engine} under {@code gas}:
     * cached, or decoded with {@code decode} and compiled now.
     *
     * @throws BlobFormatException from {@code decode}
     */
    Entry get(Engine engine, byte[] subBlob, GasModel gas, Supplier<CodeBlob> decode) {
        Key key = new Key(engine, sha256(subBlob), Profile.JAVM, gas.name());
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null && Arrays.equals(e.blob(), subBlob)) {
                hits++;
                return e;
            }
            misses++;
        }
        Program program = Program.of(decode.get(), Profile.JAVM);
        Entry e = new Entry(subBlob.clone(), program, engine.compile(program, gas));
        synchronized (this) {
            entries.put(key, e);
        }
        return e;
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }

    synchronized int size() {
        return entries.size();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
