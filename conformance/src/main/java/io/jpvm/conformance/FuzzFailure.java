package io.jpvm.conformance;

import io.jpvm.isa.Profile;
import java.nio.file.Path;
import java.util.List;

/**
 * One fuzz case on which the engines diverged.
 *
 * @param seed        the seed
 * @param kind        "javm", "gp072" (machine-level cases) or "kernel" (a multi-VM kernel program)
 * @param differences the first differing fields of the minimal case
 * @param reproducer  the reproducer text
 * @param file        where it was written, or null
 * @param minimal     the minimal machine-level case (null for kernel cases)
 * @param outcome     its lockstep outcome (null for kernel cases)
 */
public record FuzzFailure(long seed, String kind, List<Difference> differences, String reproducer, Path file,
                          FuzzInput minimal, LockstepRun.Outcome outcome) {
    public FuzzFailure {
        differences = List.copyOf(differences);
    }

    /** The profile of the case (kernel programs are javm). */
    public Profile profile() {
        return kind.equals("gp072") ? Profile.GP072 : Profile.JAVM;
    }

    /** One line: kind, seed, first differing field. */
    public String summary() {
        String first = differences.isEmpty() ? "?" : differences.get(0).describe("interpreter", "recompiler");
        return kind + " seed " + seed + ": " + first;
    }
}
