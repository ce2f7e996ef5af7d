package io.jpvm.cli.internal;

import io.jpvm.conformance.FuzzFailure;
import io.jpvm.conformance.Fuzzer;
import io.jpvm.conformance.KernelFuzz;
import io.jpvm.conformance.MachineEngine;
import io.jpvm.isa.Profile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jpvm fuzz}: differential fuzzing of the interpreter against the recompiler. */
@Command(name = "fuzz", sortOptions = false,
        description = {"Differential fuzzing: random valid programs run on the interpreter and the recompiler, "
                + "compared after every exit (status, pc, registers, gas, every byte of memory).",
                "Each seed gives one program and run plan per profile, and with javm one multi-VM kernel program "
                        + "(CREATE/CALL/REPLY, MAP, GRANT, …) compared on both kernel engines. A divergence is shrunk "
                        + "to a minimal reproducer (assembly with a header; replay it with 'jpvm diff FILE').",
                "Prints progress, then 'N passed, M failed' last. Exit code 0 only if none failed."})
final class FuzzCommand implements Callable<Integer> {
    /** Seconds between progress lines. */
    static final double PROGRESS_SECONDS = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "10",
            description = "Run for N seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--seed", paramLabel = "S",
            description = "First seed; seeds S, S+1, … follow (default: from the clock, printed).")
    Long seed;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "both",
            description = "javm, gp072 or both (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "fuzz-failures",
            description = "Directory for reproducer files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--cases", paramLabel = "N",
            description = "Stop after N cases (seed × profile) even if time is left.")
    Long cases;

    @Override
    public Integer call() {
        List<Profile> profiles = profiles(profile);
        if (seconds < 0 || Double.isNaN(seconds)) {
            throw new UsageException("--seconds must be 0 or more, got " + seconds);
        }
        if (cases != null && cases < 0) {
            throw new UsageException("--cases must be 0 or more, got " + cases);
        }
        if (!MachineEngine.RECOMPILER.available()) {
            throw new UsageException("fuzz: " + MachineEngine.RECOMPILER.unavailableReason());
        }
        long first = seed != null ? seed : System.currentTimeMillis() % 1_000_000_000L;
        boolean kernel = profiles.contains(Profile.JAVM) && KernelFuzz.available();
        List<String> kinds = new java.util.ArrayList<>(profiles.stream().map(Profile::id).toList());
        if (kernel) {
            kinds.add("kernel");
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "fuzzing interpreter against recompiler: cases %s per seed, seeds from %d, %s s, "
                + "reproducers in %s%n", String.join(", ", kinds), first, trim(seconds), out);
        if (profiles.contains(Profile.JAVM) && !kernel) {
            w.println("(no kernel programs: this build has no recompiler kernel engine)");
        }
        w.flush();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        Fuzzer.Options options = new Fuzzer.Options(first, profiles, cases != null ? cases : Long.MAX_VALUE, deadline,
                out, kernel);
        Fuzzer.Report r = Fuzzer.run(options, new Fuzzer.Listener() {
            @Override
            public void progress(Fuzzer.Report soFar) {
                w.printf(Locale.ROOT, "%5.1f s: %,d cases (seeds %d..%d), %d failed, %,.0f cases/s%n",
                        soFar.elapsedNanos() / 1e9, soFar.passed() + soFar.failed(), first, soFar.lastSeed(),
                        soFar.failed(), soFar.casesPerSecond());
                w.flush();
            }

            @Override
            public void failure(FuzzFailure f) {
                w.println("FAIL " + f.summary());
                w.println("  reproducer: " + f.file());
                w.flush();
            }
        }, (long) (PROGRESS_SECONDS * 1e9));
        w.printf(Locale.ROOT, "done in %.1f s: %,d cases (seeds %d..%d), %,d exits/pauses and %,d block boundaries compared, "
                + "%,.0f cases/s%n", r.elapsedNanos() / 1e9, r.passed() + r.failed(), first,
                r.lastSeed(), r.exits(), r.blocks(), r.casesPerSecond());
        w.println(r.passed() + " passed, " + r.failed() + " failed");
        w.flush();
        return r.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    static List<Profile> profiles(String text) {
        if (text.equalsIgnoreCase("both")) {
            return List.of(Profile.JAVM, Profile.GP072);
        }
        Profile p = Profile.byId(text);
        if (p == null) {
            throw new UsageException("unknown profile '" + text + "' (expected javm, gp072 or both)");
        }
        return List.of(p);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
