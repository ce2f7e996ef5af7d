package io.jpvm.recompiler.internal.signal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.ToIntFunction;

/**
 * {@code s.length()}, a dereference the JIT compiles with an implicit (SIGSEGV-based) null check.
 * {@link #fresh()} defines a new hidden copy of this class, so that a stress loop keeps getting freshly
 * compiled code whose null checks still fault, instead of code HotSpot recompiled with explicit
 * checks after too many traps.
 */
final class NpeSource implements ToIntFunction<String> {
    private static final byte[] BYTES = load();

    NpeSource() {}

    @Override
    public int applyAsInt(String s) {
        return s.length();
    }

    private static byte[] load() {
        try (InputStream in = NpeSource.class.getResourceAsStream("NpeSource.class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new instance of a new hidden class with the same code (unloadable once unreachable). */
    @SuppressWarnings("unchecked")
    static ToIntFunction<String> fresh() {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClass(BYTES, true);
            return (ToIntFunction<String>) l.findConstructor(l.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable t) {
            throw new IllegalStateException("could not define a hidden NpeSource", t);
        }
    }
}
