package io.jpvm.recompiler.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads /proc/self/maps and /proc/self/status: the only safe way to inspect protections in tests. */
final class ProcMaps {
    private ProcMaps() {}

    /** One line of /proc/self/maps. */
    record Mapping(long start, long end, String perms, long offset, String path) {
        boolean writable() {
            return perms.charAt(1) == 'w';
        }

        boolean executable() {
            return perms.charAt(2) == 'x';
        }

        boolean overlaps(long from, long to) {
            return start < to && from < end;
        }

        @Override
        public String toString() {
            return Long.toHexString(start) + "-" + Long.toHexString(end) + " " + perms + " " + path;
        }
    }

    static List<Mapping> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Mapping> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            String[] f = line.trim().split("\\s+", 6);
            String[] range = f[0].split("-");
            out.add(new Mapping(Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16), f[1],
                    Long.parseUnsignedLong(f[2], 16), f.length > 5 ? f[5] : ""));
        }
        return out;
    }

    static int count() {
        return read().size();
    }

    /** The mappings overlapping [from, to), in address order. */
    static List<Mapping> overlapping(long from, long to) {
        return read().stream().filter(m -> m.overlaps(from, to)).toList();
    }

    /** The mapping containing {@code address}, or null. */
    static Mapping at(long address) {
        for (Mapping m : read()) {
            if (m.start() <= address && address < m.end()) {
                return m;
            }
        }
        return null;
    }

    /** Asserts that [from, to) is mapped without holes and that every mapping over it has {@code perms}. */
    static void assertRange(long from, long to, String perms) {
        List<Mapping> ms = overlapping(from, to);
        assertTrue(!ms.isEmpty(), () -> "nothing mapped at " + Long.toHexString(from));
        long next = from;
        for (Mapping m : ms) {
            assertTrue(m.start() <= next, "hole before " + m);
            assertEquals(perms, m.perms(), () -> "mapping over [" + Long.toHexString(from) + ", "
                    + Long.toHexString(to) + "): " + m);
            next = m.end();
        }
        assertTrue(next >= to, "hole at the end of [" + Long.toHexString(from) + ", " + Long.toHexString(to) + ")");
    }

    /** A field of /proc/self/status in KiB, e.g. "VmRSS". */
    static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no " + field + " in /proc/self/status");
    }
}
