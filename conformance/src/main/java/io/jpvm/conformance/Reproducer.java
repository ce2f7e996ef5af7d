package io.jpvm.conformance;

import io.jpvm.isa.Assembler;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Disassembler;
import io.jpvm.isa.Profile;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The reproducer file of a fuzz failure: jpvm assembly (the disassembly of the minimal program)
 * under a header of comment lines that give everything else the run needs (profile, seed, gas model,
 * gas, start pc, heap start, registers, page map and contents, exit plan) and the differing fields.
 * The assembler ignores the header, so the file assembles as it is; {@link #parse} reads it back for
 * {@code jpvm diff}.
 */
public final class Reproducer {
    /** The first line of every reproducer. */
    public static final String MAGIC = "; jpvm fuzz reproducer";
    private static final HexFormat HEX = HexFormat.of();
    private static final int ROW = 32;

    private Reproducer() {}

    /** Whether {@code text} is a reproducer. */
    public static boolean isReproducer(String text) {
        return text.startsWith(MAGIC);
    }

    /** The reproducer text of {@code in}, which diverged as {@code outcome} says. */
    public static String write(FuzzInput in, LockstepRun.Outcome outcome) {
        StringBuilder s = new StringBuilder(MAGIC).append(outcome != null && outcome.divergence() != null
                ? ": interpreter and recompiler diverge\n" : ": a fuzz case\n");
        s.append("; replay: jpvm diff FILE   (block by block; assemble with jpvm asm FILE -o X.bin)\n");
        s.append("; profile: ").append(in.profile().id()).append('\n');
        s.append("; seed: ").append(in.seed()).append('\n');
        s.append("; gas-model: ").append(in.gasModelName()).append('\n');
        s.append("; gas: ").append(in.gas()).append('\n');
        s.append("; start-pc: ").append(in.startPc()).append('\n');
        s.append("; heap-start: 0x").append(Long.toHexString(in.heapStart())).append('\n');
        s.append("; regs:");
        for (long r : in.regs()) {
            s.append(" 0x").append(Long.toHexString(r));
        }
        s.append('\n');
        for (FuzzPage p : in.pages()) {
            s.append("; page: 0x").append(Long.toHexString(p.page() << 12)).append(p.writable() ? " rw" : " ro").append('\n');
            if (p.contents() != null) {
                for (int at = 0; at < 4096; at += ROW) {
                    if (!zero(p.contents(), at)) {
                        s.append("; bytes: 0x").append(Long.toHexString((p.page() << 12) + at)).append(' ')
                                .append(HEX.formatHex(p.contents(), at, at + ROW)).append('\n');
                    }
                }
            }
        }
        FuzzPlan plan = in.plan();
        s.append("; refills:").append(list(plan.refills(), false)).append('\n');
        s.append("; answers:").append(list(plan.answers(), true)).append('\n');
        s.append("; fault-bits: 0x").append(Long.toHexString(plan.faultBits())).append('\n');
        s.append("; restarts:").append(list(plan.restarts(), false)).append('\n');
        s.append("; max-exits: ").append(plan.maxExits()).append('\n');
        s.append("; step-blocks: ").append(plan.stepBlocks()).append('\n');
        if (outcome != null && outcome.divergence() != null) {
            LockstepRun.Divergence d = outcome.divergence();
            s.append(String.format(Locale.ROOT, "; divergence: %s %d, run started at pc %d, gas used before it %d%n",
                    d.atExit() ? "at exit of run" : "after block", d.step(), d.blockPc(), d.gasUsed()));
            for (Difference f : d.differences()) {
                s.append(";   ").append(f.describe("interpreter", "recompiler")).append('\n');
            }
        }
        return s.append(Disassembler.disassemble(in.code(), in.profile())).toString();
    }

    private static boolean zero(byte[] b, int from) {
        for (int i = from; i < from + ROW; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String list(long[] values, boolean hex) {
        StringBuilder s = new StringBuilder();
        for (long v : values) {
            s.append(' ').append(hex ? "0x" + Long.toHexString(v) : Long.toString(v));
        }
        return s.toString();
    }

    /** Reads a reproducer back; {@link IllegalArgumentException} with the line number if it is malformed. */
    public static FuzzInput parse(String text) {
        Profile profile = null;
        long seed = 0;
        int memCycles = 25;
        long gas = 0;
        long startPc = 0;
        long heapStart = 0x10000;
        long[] regs = new long[13];
        TreeMap<Long, FuzzPage> pages = new TreeMap<>();
        long[] refills = new long[0];
        long[] answers = new long[0];
        long faultBits = 0;
        long[] restarts = new long[0];
        int maxExits = 64;
        boolean step = false;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (!line.isEmpty() && !line.startsWith(";")) {
                break; // the header ends where the code begins
            }
            // header lines are "; key: value"; indented comment lines (the differing fields) are not
            if (!line.startsWith("; ") || line.length() < 3 || line.charAt(2) == ' ' || line.indexOf(':') < 0) {
                continue;
            }
            String key = line.substring(2, line.indexOf(':')).strip();
            String value = line.substring(line.indexOf(':') + 1).strip();
            try {
                switch (key) {
                    case "profile" -> profile = Profile.byId(value);
                    case "seed" -> seed = Long.parseLong(value);
                    case "gas-model" -> memCycles = memCycles(value);
                    case "gas" -> gas = Long.parseLong(value);
                    case "start-pc" -> startPc = Long.parseLong(value);
                    case "heap-start" -> heapStart = number(value);
                    case "regs" -> regs = numbers(value, 13);
                    case "page" -> {
                        String[] f = value.split("\\s+");
                        long page = number(f[0]) >>> 12;
                        pages.put(page, new FuzzPage(page, f[1].equals("rw"), null));
                    }
                    case "bytes" -> bytes(pages, value);
                    case "refills" -> refills = numbers(value, -1);
                    case "answers" -> answers = numbers(value, -1);
                    case "fault-bits" -> faultBits = number(value);
                    case "restarts" -> restarts = numbers(value, -1);
                    case "max-exits" -> maxExits = Integer.parseInt(value);
                    case "step-blocks" -> step = Boolean.parseBoolean(value);
                    default -> { }
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (n + 1) + ": bad '" + key + "' header: " + value);
            }
        }
        if (profile == null) {
            throw new IllegalArgumentException("no '; profile: javm|gp072' header line");
        }
        CodeBlob code = Assembler.assemble(text).code();
        return new FuzzInput(seed, profile, memCycles, code, new ArrayList<>(pages.values()), regs, startPc, heapStart,
                gas, new FuzzPlan(refills, answers, faultBits, restarts, maxExits, step));
    }

    private static int memCycles(String model) {
        int eq = model.indexOf("mem=");
        return eq < 0 ? 25 : Integer.parseInt(model.substring(eq + 4, model.indexOf(')', eq)));
    }

    private static void bytes(TreeMap<Long, FuzzPage> pages, String value) {
        String[] f = value.split("\\s+");
        long address = number(f[0]);
        byte[] data = HEX.parseHex(f[1]);
        FuzzPage p = pages.get(address >>> 12);
        if (p == null) {
            throw new IllegalArgumentException("bytes outside a page");
        }
        byte[] contents = p.contents() != null ? p.contents() : new byte[4096];
        System.arraycopy(data, 0, contents, (int) (address & 0xFFF), data.length);
        pages.put(p.page(), new FuzzPage(p.page(), p.writable(), contents));
    }

    private static long number(String s) {
        return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }

    private static long[] numbers(String s, int count) {
        if (s.isEmpty()) {
            if (count > 0) {
                throw new IllegalArgumentException("empty");
            }
            return new long[0];
        }
        String[] f = s.split("\\s+");
        if (count >= 0 && f.length != count) {
            throw new IllegalArgumentException("expected " + count + " values");
        }
        long[] out = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = number(f[i]);
        }
        return out;
    }
}
