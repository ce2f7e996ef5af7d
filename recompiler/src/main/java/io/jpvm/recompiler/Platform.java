package io.jpvm.recompiler;

import java.util.Locale;

/** Whether this host can run generated x86-64 code (Linux on x86-64). */
public final class Platform {
    private Platform() {}

    /** True on Linux x86-64, the only host the recompiler targets; elsewhere the interpreter runs. */
    public static boolean supported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
