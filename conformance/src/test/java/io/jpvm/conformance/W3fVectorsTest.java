package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** All 307 w3f PVM vectors on the interpreter; a missing directory fails the build. */
class W3fVectorsTest {
    static List<Vector> vectors() {
        return VectorLoader.loadAll(VectorLoader.defaultDirectory());
    }

    @Test
    void vectorDirectoryIsPresentAndComplete() {
        Path dir = VectorLoader.defaultDirectory();
        assertTrue(Files.isDirectory(dir), "vector directory missing: " + dir.toAbsolutePath());
        assertEquals(307, vectors().size(), "w3f v0.4 has 307 vectors");
    }

    static Stream<Named<Vector>> interpreterCases() {
        return vectors().stream().map(v -> Named.of(v.name(), v));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreterCases")
    void interpreter(Vector v) {
        Outcome o = new InterpreterVectorEngine().execute(v);
        List<String> diffs = VectorCheck.differences(v, o);
        assertTrue(diffs.isEmpty(), v.name() + ": " + String.join("; ", diffs));
    }
}
