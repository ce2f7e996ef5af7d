package io.jpvm.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated blobs through every parser and asserts that nothing but
 * {@link BlobFormatException} ever comes out. Whatever parses must also write back to the same bytes,
 * decode under both profiles, lay out (standard programs) and, for a sample, survive
 * disassemble → assemble unchanged.
 */
class ParserRobustnessTest {
    private static final int ITERATIONS = 100_000;
    private static final long SEED = 0x5EED_0A5EL;

    private final Random rnd = new Random(SEED);
    private final int[] accepted = new int[4];
    private int textRoundTrips;

    @Test
    void onlyBlobFormatExceptionEscapes() {
        List<byte[]> seeds = seeds();
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = i % 10 == 0 ? randomBlob() : mutate(seeds.get(rnd.nextInt(seeds.size())), seeds);
            check(input, i % 16 == 0);
        }
        for (byte[] s : seeds) {
            check(s, true);
        }
        // the mutations must reach past the first checks, not just be rejected at byte 0
        assertTrue(accepted[0] > 1000, "deblobs accepted: " + accepted[0]);
        assertTrue(accepted[1] > 1000, "standard programs accepted: " + accepted[1]);
        assertTrue(accepted[2] > 1000, "JARs accepted: " + accepted[2]);
        assertTrue(accepted[3] > 1000, "JAR code caps accepted: " + accepted[3]);
        assertTrue(textRoundTrips > 500, "text round trips: " + textRoundTrips);
    }

    private void check(byte[] input, boolean viaText) {
        Deblob d = attempt("Deblob.parse", input, () -> Deblob.parse(input));
        if (d != null) {
            accepted[0]++;
            assertArrayEquals(input, d.write(), "deblob write(parse(b))");
            decode("deblob", input, d.code());
            if (viaText) {
                text(input, () -> Assembler.assemble(Disassembler.disassemble(d)).toDeblob().write());
            }
        }
        StandardProgram y = attempt("StandardProgram.parse", input, () -> StandardProgram.parse(input));
        if (y != null) {
            accepted[1]++;
            assertArrayEquals(input, y.write(), "standard program write(parse(b))");
            decode("standard program", input, y.code().code());
            attempt("StandardProgram.layout", input, () -> y.layout(new byte[rnd.nextInt(64)]));
            attempt("StandardProgram.layout", input, () -> y.layout(rnd.nextLong(-5, (1L << 24) + 5)));
            if (viaText) {
                text(input, () -> Assembler.assemble(Disassembler.disassemble(y)).toContainerBytes());
            }
        }
        JarProgram jar = attempt("JarProgram.parse", input, () -> JarProgram.parse(input));
        if (jar != null) {
            accepted[2]++;
            assertArrayEquals(input, jar.write(), "JAR write(parse(b))");
            for (CapEntry c : jar.caps()) {
                attempt("JarProgram.capData", input, () -> jar.capData(c));
                if (c.type() == CapType.CODE) {
                    CodeBlob code = attempt("JarProgram.codeOf", input, () -> jar.codeOf(c));
                    if (code != null) {
                        accepted[3]++;
                        decode("JAR code cap " + c.slot(), input, code);
                    }
                }
            }
            if (viaText) {
                text(input, () -> Assembler.assemble(Disassembler.disassemble(jar)).toContainerBytes());
            }
        }
        CodeBlob sub = attempt("JarCode.parse", input, () -> JarCode.parse(input));
        if (sub != null) {
            decode("JAR code sub-blob", input, sub);
        }
    }

    private void decode(String what, byte[] input, CodeBlob code) {
        for (Profile p : Profile.values()) {
            attempt("Program.of(" + what + ", " + p.id() + ")", input, () -> Program.of(code, p));
        }
    }

    private void text(byte[] input, Supplier<byte[]> roundTrip) {
        byte[] back;
        try {
            back = roundTrip.get();
        } catch (RuntimeException | Error e) {
            throw new AssertionError("disassemble/assemble failed for " + hex(input), e);
        }
        assertArrayEquals(input, back, () -> "text round trip of " + hex(input));
        textRoundTrips++;
    }

    /** Runs a parser: its value, or null on BlobFormatException; anything else fails the test. */
    private static <T> T attempt(String parser, byte[] input, Supplier<T> call) {
        try {
            return call.get();
        } catch (BlobFormatException e) {
            if (e.offset() < 0 || e.offset() > input.length) {
                throw new AssertionError("offset outside the input: " + e);
            }
            return null;
        } catch (Throwable t) {
            throw new AssertionError(parser + " threw " + t + " for " + hex(input), t);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b, 0, Math.min(b.length, 400)) + (b.length > 400 ? "..." : "");
    }

    // ---- inputs -------------------------------------------------------------------------------

    private List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        List<Vectors.Vector> vectors = Vectors.all();
        for (Vectors.Vector v : vectors) {
            seeds.add(v.program());
        }
        for (int i = 0; i < 60; i++) {
            CodeBlob code = Deblob.parse(vectors.get(rnd.nextInt(vectors.size())).program()).code();
            seeds.add(standard(code).write());
            seeds.add(jar(code).write());
            seeds.add(JarCode.write(code));
        }
        seeds.add(Deblob.of(new CodeBlob(new byte[0], new boolean[0], new int[0])).write());
        seeds.add(Assembler.assemble(".container jar\n.memory_pages 4\n.data_cap 0 base_page=20 pages=1 rw\ntrap")
                .toContainerBytes());
        return seeds;
    }

    private StandardProgram standard(CodeBlob code) {
        return new StandardProgram(bytes(rnd.nextInt(40)), bytes(rnd.nextInt(40)), rnd.nextInt(4),
                rnd.nextInt(1 << 16), rnd.nextBoolean() ? Deblob.of(code) : new Deblob(code, 4));
    }

    private JarProgram jar(CodeBlob code) {
        byte[] sub = JarCode.write(code, rnd.nextInt(JarCode.minimalEntrySize(code), 5));
        byte[] init = bytes(rnd.nextInt(50));
        byte[] data = new byte[sub.length + init.length + rnd.nextInt(3)];
        System.arraycopy(sub, 0, data, 0, sub.length);
        System.arraycopy(init, 0, data, sub.length, init.length);
        List<CapEntry> caps = new ArrayList<>();
        caps.add(CapEntry.code(64, 0, sub.length));
        caps.add(new CapEntry(65, CapType.DATA, 0, 4, true, 0, 0));
        caps.add(new CapEntry(66, CapType.DATA, 4, 1, false, sub.length, init.length));
        if (rnd.nextBoolean()) {
            caps.add(CapEntry.code(67, 0, sub.length));
        }
        return new JarProgram(rnd.nextInt(100), 64, caps, data);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private byte[] randomBlob() {
        byte[] b = bytes(rnd.nextInt(80));
        if (rnd.nextBoolean() && b.length >= 4) {
            b[0] = 0x4A;
            b[1] = 0x41;
            b[2] = 0x52;
            b[3] = 0x02;
        }
        return b;
    }

    private byte[] mutate(byte[] seed, List<byte[]> seeds) {
        byte[] b = seed.clone();
        int rounds = 1 + rnd.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            b = mutateOnce(b, seeds);
        }
        return b;
    }

    private int position(byte[] b) {
        if (b.length == 0) {
            return 0;
        }
        // half the time near the front, where the headers and lengths are
        return rnd.nextBoolean() ? rnd.nextInt(Math.min(b.length, 40)) : rnd.nextInt(b.length);
    }

    private byte[] mutateOnce(byte[] b, List<byte[]> seeds) {
        int p = position(b);
        switch (rnd.nextInt(11)) {
            case 0 -> {
                if (b.length > 0) {
                    b[p] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> {
                if (b.length > 0) {
                    b[p] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> {
                if (b.length > 0) {
                    b[p] = (byte) (rnd.nextBoolean() ? 0xFF : 0x00);
                }
            }
            case 3 -> {
                byte[] ins = bytes(1 + rnd.nextInt(8));
                b = splice(b, p, 0, ins);
            }
            case 4 -> b = splice(b, p, Math.min(b.length - p, 1 + rnd.nextInt(8)), new byte[0]);
            case 5 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            case 6 -> b = Arrays.copyOf(b, b.length + 1 + rnd.nextInt(8));
            case 7 -> b = splice(b, p, Math.min(b.length - p, 9), huge());
            case 8 -> {
                byte[] u32 = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) rnd.nextInt(256)};
                b = splice(b, p, Math.min(b.length - p, 4), u32);
            }
            case 9 -> {
                byte[] other = seeds.get(rnd.nextInt(seeds.size()));
                int q = other.length == 0 ? 0 : rnd.nextInt(other.length);
                b = splice(Arrays.copyOf(b, p), p, 0, Arrays.copyOfRange(other, q, other.length));
            }
            default -> {
                // a small length field: shift one byte by ±1..3 so lengths stay plausible
                if (b.length > 0) {
                    b[p] = (byte) (b[p] + rnd.nextInt(7) - 3);
                }
            }
        }
        return b;
    }

    private byte[] huge() {
        return switch (rnd.nextInt(3)) {
            case 0 -> new byte[] {(byte) 0xFF, -1, -1, -1, -1, -1, -1, -1, 0x7F};
            case 1 -> new byte[] {(byte) 0xF0, -1, -1, -1};
            default -> new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 0};
        };
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
