package io.jpvm.conformance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads w3f PVM vectors from JSON files; u64 values above 2^63 keep their exact bits. */
public final class VectorLoader {
    /** Where the vectors are when no directory is given: system property {@code jpvm.vectors.dir}. */
    public static final String DIR_PROPERTY = "jpvm.vectors.dir";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private VectorLoader() {}

    /** The vector directory from {@code jpvm.vectors.dir}, else the shared checkout beside the repository. */
    public static Path defaultDirectory() {
        String prop = System.getProperty(DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return Path.of("..", "shared", "vectors", "pvm", "w3f-v0.4", "programs");
    }

    /** Every {@code *.json} vector in {@code dir}, sorted by name. */
    public static List<Vector> loadAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new VectorFormatException(dir + ": vector directory not found");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new VectorFormatException(dir + ": no .json vectors in directory");
        }
        List<Vector> out = new ArrayList<>();
        for (Path f : files) {
            out.add(load(f));
        }
        return out;
    }

    /** Reads one vector file. */
    public static Vector load(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new VectorFormatException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new VectorFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            return parse(root, file.getFileName().toString().replaceFirst("\\.json$", ""));
        } catch (RuntimeException e) {
            throw new VectorFormatException(file + ": " + e.getMessage());
        }
    }

    static Vector parse(JsonNode n, String fallbackName) {
        String name = n.has("name") ? n.get("name").asText() : fallbackName;
        List<Vector.PageRange> pages = new ArrayList<>();
        for (JsonNode p : req(n, "initial-page-map")) {
            pages.add(new Vector.PageRange(u64(req(p, "address")), u64(req(p, "length")),
                    req(p, "is-writable").asBoolean()));
        }
        JsonNode fault = n.get("expected-page-fault-address");
        return new Vector(name,
                regs(req(n, "initial-regs")),
                u64(req(n, "initial-pc")),
                pages,
                chunks(req(n, "initial-memory")),
                u64(req(n, "initial-gas")),
                bytes(req(n, "program")),
                req(n, "expected-status").asText(),
                regs(req(n, "expected-regs")),
                u64(req(n, "expected-pc")),
                chunks(req(n, "expected-memory")),
                u64(req(n, "expected-gas")),
                fault == null || fault.isNull() ? null : u64(fault));
    }

    private static JsonNode req(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return v;
    }

    private static long u64(JsonNode v) {
        if (!v.isIntegralNumber()) {
            throw new IllegalArgumentException("expected an integer, got " + v);
        }
        return v.bigIntegerValue().longValue();
    }

    private static long[] regs(JsonNode arr) {
        if (arr.size() != 13) {
            throw new IllegalArgumentException("expected 13 registers, got " + arr.size());
        }
        long[] out = new long[13];
        for (int i = 0; i < 13; i++) {
            out[i] = u64(arr.get(i));
        }
        return out;
    }

    private static byte[] bytes(JsonNode arr) {
        byte[] out = new byte[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) arr.get(i).asInt();
        }
        return out;
    }

    private static List<Vector.MemoryChunk> chunks(JsonNode arr) {
        List<Vector.MemoryChunk> out = new ArrayList<>();
        for (JsonNode c : arr) {
            out.add(new Vector.MemoryChunk(u64(req(c, "address")), bytes(req(c, "contents"))));
        }
        return out;
    }
}
