package io.jpvm.recompiler;

import io.jpvm.recompiler.internal.runtime.GuestFaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Whether this host can run generated x86-64 code (Linux on x86-64 with POPCNT, LZCNT and BMI1). */
public final class Platform {
    private Platform() {}

    private static final class Cpu {
        static final boolean FEATURES = detect();

        private static boolean detect() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("flags")) {
                        Set<String> flags = Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                        // LZCNT is reported as "abm" (AMD and Intel alike)
                        return flags.contains("popcnt") && flags.contains("abm") && flags.contains("bmi1");
                    }
                }
            } catch (IOException | RuntimeException e) {
                return false;
            }
            return false;
        }
    }

    /** True on Linux x86-64, the only host the recompiler targets; elsewhere the interpreter runs. */
    public static boolean supported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64")) && Cpu.FEATURES;
    }

    /**
     * Whether guest memory faults (page faults, gp072 low-zone panics) are survivable: true once the
     * signal handler is installed (this call installs it when it is available). While false, only
     * programs that never touch an inaccessible page may run natively.
     */
    public static boolean guestFaultsHandled() {
        return supported() && GuestFaults.install();
    }
}
