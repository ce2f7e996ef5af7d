package io.jpvm.conformance;

import io.jpvm.isa.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The differential fuzzer: for seeds S, S+1, … and each chosen profile, generates a case
 * ({@link FuzzGenerator}), runs it on the interpreter and the recompiler in lockstep ({@link FuzzCheck})
 * and, on a divergence, shrinks it ({@link Shrinker}) and writes a reproducer ({@link Reproducer}).
 * Runs until a case count or a deadline is reached.
 */
public final class Fuzzer {
    /** Lockstep runs the shrinker may spend on one failure. */
    public static final long SHRINK_CHECKS = 3_000;

    /**
     * What to fuzz.
     *
     * @param firstSeed the first seed
     * @param profiles  the profiles each seed runs under
     * @param maxCases  stop after this many cases (seed × profile); Long.MAX_VALUE for no limit
     * @param deadline  stop at this System.nanoTime(); Long.MAX_VALUE for no limit
     * @param outDir    where reproducers go (created on the first failure); null: not written
     * @param kernel    also a multi-VM kernel program per seed (needs {@link KernelFuzz#available()})
     */
    public record Options(long firstSeed, List<Profile> profiles, long maxCases, long deadline, Path outDir,
                          boolean kernel) {
        public Options {
            profiles = List.copyOf(profiles);
        }

        /** Machine-level cases only. */
        public Options(long firstSeed, List<Profile> profiles, long maxCases, long deadline, Path outDir) {
            this(firstSeed, profiles, maxCases, deadline, outDir, false);
        }

        /** The kinds of case each seed runs: the profiles' ids, then "kernel". */
        List<String> kinds() {
            List<String> k = new ArrayList<>(profiles.stream().map(Profile::id).toList());
            if (kernel) {
                k.add("kernel");
            }
            return k;
        }
    }

    /** Progress and failures as they happen. */
    public interface Listener {
        /** Called about every {@code progressNanos}. */
        default void progress(Report soFar) { }

        /** Called for every failure after it was shrunk and written. */
        default void failure(FuzzFailure f) { }
    }

    /**
     * Counts so far.
     *
     * @param passed      cases on which the engines agreed
     * @param failed      cases on which they diverged
     * @param exits       exits compared
     * @param blocks      block boundaries compared (block-stepped cases)
     * @param lastSeed    the last seed a case ran with (first seed − 1 before any)
     * @param elapsedNanos time since the start
     * @param failures    the failures
     */
    public record Report(long passed, long failed, long exits, long blocks, long lastSeed, long elapsedNanos,
                         List<FuzzFailure> failures) {
        public double casesPerSecond() {
            return elapsedNanos == 0 ? 0 : (passed + failed) / (elapsedNanos / 1e9);
        }
    }

    private Fuzzer() {}

    /** Fuzzes as {@code options} say, reporting progress every {@code progressNanos}. */
    public static Report run(Options options, Listener listener, long progressNanos) {
        return run(options, listener, progressNanos, FuzzCheck::run);
    }

    /** As above, with {@code check} judging each case (the fuzzer's own tests plant bugs this way). */
    static Report run(Options options, Listener listener, long progressNanos,
                      Function<FuzzInput, LockstepRun.Outcome> check) {
        return run(options, listener, progressNanos, check, KernelCheck::run);
    }

    /** As above, with {@code kernelCheck} judging kernel cases. */
    static Report run(Options options, Listener listener, long progressNanos,
                      Function<FuzzInput, LockstepRun.Outcome> check,
                      Function<KernelCase, KernelCheck.Outcome> kernelCheck) {
        if (options.kernel() && !KernelFuzz.available()) {
            throw new IllegalStateException("kernel fuzzing needs the recompiler's kernel engine");
        }
        List<String> kinds = options.kinds();
        long t0 = System.nanoTime();
        long nextProgress = t0 + progressNanos;
        long passed = 0;
        long exits = 0;
        long blocks = 0;
        List<FuzzFailure> failures = new ArrayList<>();
        long seed = options.firstSeed();
        long cases = 0;
        boolean seedUnused = false;
        outer:
        while (true) {
            seedUnused = false;
            for (int k = 0; k < kinds.size(); k++) {
                if (cases >= options.maxCases() || System.nanoTime() - options.deadline() >= 0) {
                    seedUnused = k == 0;
                    break outer;
                }
                cases++;
                FuzzFailure f;
                if (kinds.get(k).equals("kernel")) {
                    KernelCase c = KernelGenerator.generate(seed);
                    KernelCheck.Outcome o = kernelCheck(c, kernelCheck);
                    exits += o.pauses();
                    f = o.identical() ? null : failKernel(c, o, options.outDir(), kernelCheck);
                } else {
                    FuzzCase c = FuzzGenerator.generate(seed, Profile.byId(kinds.get(k)));
                    LockstepRun.Outcome o = check(c, check);
                    exits += o.exits();
                    blocks += o.blocks();
                    f = o.identical() ? null : fail(c, o, options.outDir(), check);
                }
                if (f == null) {
                    passed++;
                } else {
                    failures.add(f);
                    listener.failure(f);
                }
                long now = System.nanoTime();
                if (now - nextProgress >= 0) {
                    listener.progress(new Report(passed, failures.size(), exits, blocks, seed, now - t0,
                            List.copyOf(failures)));
                    nextProgress = now + progressNanos;
                }
            }
            seed++;
        }
        long last = cases == 0 ? options.firstSeed() - 1 : seed - (seedUnused ? 1 : 0);
        return new Report(passed, failures.size(), exits, blocks, last, System.nanoTime() - t0, List.copyOf(failures));
    }

    /** Runs one case; a harness exception counts as a divergence so that it is reported, never lost. */
    static LockstepRun.Outcome check(FuzzCase c, Function<FuzzInput, LockstepRun.Outcome> check) {
        try {
            return check.apply(c.input());
        } catch (RuntimeException e) {
            LockstepRun.Divergence d = new LockstepRun.Divergence(0, 0, 0, false, null,
                    List.of(new Difference("exception", "harness: " + e, "")));
            return new LockstepRun.Outcome(d, "exception", c.gas(), c.gas(), 0, 0, 0);
        }
    }

    static KernelCheck.Outcome kernelCheck(KernelCase c, Function<KernelCase, KernelCheck.Outcome> check) {
        try {
            return check.apply(c);
        } catch (RuntimeException e) {
            return new KernelCheck.Outcome(List.of(new Difference("exception", "harness: " + e, "")), 0, "exception");
        }
    }

    static FuzzFailure failKernel(KernelCase c, KernelCheck.Outcome o, Path outDir,
                                  Function<KernelCase, KernelCheck.Outcome> check) {
        KernelCase minimal = c;
        KernelCheck.Outcome mo = o;
        try {
            minimal = KernelShrinker.shrink(c, o, SHRINK_CHECKS, check);
            mo = check.apply(minimal);
            if (mo.identical()) {
                minimal = c;
                mo = o;
            }
        } catch (RuntimeException e) {
            minimal = c;
            mo = o;
        }
        String text = KernelReproducer.write(minimal, mo);
        return new FuzzFailure(c.seed(), "kernel", mo.differences(), text, save(outDir, "kernel-seed-" + c.seed(), text),
                null, null);
    }

    private static Path save(Path outDir, String name, String text) {
        if (outDir == null) {
            return null;
        }
        Path file = outDir.resolve(name + ".jpvmasm");
        try {
            Files.createDirectories(outDir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Shrinks a failing case, writes its reproducer (when {@code outDir} is set) and describes it. */
    public static FuzzFailure fail(FuzzCase c, LockstepRun.Outcome o, Path outDir) {
        return fail(c, o, outDir, FuzzCheck::run);
    }

    static FuzzFailure fail(FuzzCase c, LockstepRun.Outcome o, Path outDir,
                            Function<FuzzInput, LockstepRun.Outcome> check) {
        FuzzCase minimal = c;
        LockstepRun.Outcome mo = o;
        try {
            minimal = Shrinker.shrink(c, o, SHRINK_CHECKS, check);
            mo = check.apply(minimal.input());
            if (mo.identical()) {
                minimal = c;
                mo = o;
            }
        } catch (RuntimeException e) {
            minimal = c;
            mo = o;
        }
        FuzzInput in = minimal.input();
        String text = Reproducer.write(in, mo);
        List<Difference> diffs = mo.divergence() == null ? List.of() : mo.divergence().differences();
        return new FuzzFailure(c.seed(), c.profile().id(), diffs, text,
                save(outDir, c.profile().id() + "-seed-" + c.seed(), text), in, mo);
    }
}
