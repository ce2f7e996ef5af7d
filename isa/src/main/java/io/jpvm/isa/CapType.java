package io.jpvm.isa;

/** The capability types a JAR v2 manifest entry can declare ({@code cap_type} byte). */
public enum CapType {
    /** 0: a code sub-blob to compile. */
    CODE,
    /** 1: a range of memory pages with optional initial contents. */
    DATA;

    /** The {@code cap_type} byte. */
    public int code() {
        return ordinal();
    }
}
