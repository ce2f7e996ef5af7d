package io.jpvm.isa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads the {@code program} arrays of the w3f PVM vectors (a deliberately tiny JSON extraction). */
final class Vectors {
    private Vectors() {}

    record Vector(String name, byte[] program) {}

    /** The vector directory: system property {@code jpvm.vectors.dir}, else relative to the module. */
    static Path dir() {
        String prop = System.getProperty("jpvm.vectors.dir");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../../shared/vectors/pvm/w3f-v0.4/programs");
        assertTrue(Files.isDirectory(dir), "PVM vector directory missing: " + dir.toAbsolutePath());
        return dir;
    }

    static List<Vector> all() {
        try (Stream<Path> files = Files.list(dir())) {
            List<Vector> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".json", "");
                out.add(new Vector(name, program(Files.readString(f))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The numbers of the top-level {@code "program": [ ... ]} array as bytes. */
    static byte[] program(String json) {
        int key = json.indexOf("\"program\"");
        if (key < 0) {
            throw new IllegalArgumentException("no \"program\" field");
        }
        int open = json.indexOf('[', key);
        int close = json.indexOf(']', open);
        String body = json.substring(open + 1, close).strip();
        if (body.isEmpty()) {
            return new byte[0];
        }
        String[] parts = body.split(",");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            int v = Integer.parseInt(parts[i].strip());
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("byte out of range: " + v);
            }
            out[i] = (byte) v;
        }
        return out;
    }
}
