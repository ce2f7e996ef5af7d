package io.jpvm.conformance;

import io.jpvm.isa.JarProgram;
import java.nio.file.Path;

/** Program containers a file can hold. */
public enum ProgramFormat {
    /** JAR v2 capability manifest (javm). */
    JAR("jar"),
    /** Gray Paper deblob code blob. */
    DEBLOB("deblob"),
    /** Gray Paper standard program Y. */
    PROGRAM("program");

    private final String id;

    ProgramFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses a format name; null if unknown. */
    public static ProgramFormat byId(String s) {
        for (ProgramFormat f : values()) {
            if (f.id.equalsIgnoreCase(s)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Detects a file's format: JAR v2 by its magic; otherwise by extension ({@code .program},
     * {@code .pvmp} for standard programs; anything else is a deblob).
     */
    public static ProgramFormat detect(Path file, byte[] bytes) {
        if (JarProgram.hasMagic(bytes)) {
            return JAR;
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".program") || name.endsWith(".pvmp")) {
            return PROGRAM;
        }
        return DEBLOB;
    }
}
