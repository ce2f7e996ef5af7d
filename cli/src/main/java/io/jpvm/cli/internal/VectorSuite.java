package io.jpvm.cli.internal;

import io.jpvm.conformance.Outcome;
import io.jpvm.conformance.Vector;
import io.jpvm.conformance.VectorCheck;
import io.jpvm.conformance.VectorEngine;
import io.jpvm.conformance.VectorLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Runs the w3f vectors of a directory on one engine and reports per category. */
final class VectorSuite {
    /** One vector that did not match, with every differing field. */
    record Failure(String name, List<String> differences) {}

    /** Passed and failed counts of one category. */
    static final class Tally {
        int passed;
        int failed;
    }

    /** The outcome of a suite run. */
    record Result(String engine, Path directory, Map<String, Tally> categories, List<Failure> failures,
                  long elapsedNanos) {
        int passed() {
            return categories.values().stream().mapToInt(t -> t.passed).sum();
        }

        int failed() {
            return failures.size();
        }

        /** The table, every failure, then the last line {@code N passed, M failed}. */
        void print(PrintWriter out) {
            print(out, "");
        }

        /** As {@link #print(PrintWriter)}, the last line prefixed with {@code prefix}. */
        void print(PrintWriter out, String prefix) {
            out.printf(Locale.ROOT, "w3f PVM vectors in %s on engine %s (%.0f ms)%n", directory, engine,
                    elapsedNanos / 1e6);
            TextTable t = new TextTable("category", "passed", "failed");
            for (Map.Entry<String, Tally> e : categories.entrySet()) {
                t.row(e.getKey(), e.getValue().passed, e.getValue().failed);
            }
            t.row("total", passed(), failed());
            t.print(out);
            for (Failure f : failures) {
                out.println("FAIL " + f.name());
                for (String d : f.differences()) {
                    out.println("  " + d);
                }
            }
            out.println(prefix + passed() + " passed, " + failed() + " failed");
        }
    }

    private VectorSuite() {}

    static Result run(Path dir, VectorEngine engine) {
        List<Vector> vectors = VectorLoader.loadAll(dir);
        Map<String, Tally> categories = new TreeMap<>();
        List<Failure> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Vector v : vectors) {
            List<String> diffs;
            try {
                Outcome o = engine.execute(v);
                diffs = VectorCheck.differences(v, o);
            } catch (RuntimeException | StackOverflowError e) {
                diffs = List.of("engine threw " + e);
            }
            Tally t = categories.computeIfAbsent(v.category(), k -> new Tally());
            if (diffs.isEmpty()) {
                t.passed++;
            } else {
                t.failed++;
                failures.add(new Failure(v.name(), diffs));
            }
        }
        return new Result(engine.name(), dir, categories, failures, System.nanoTime() - t0);
    }
}
