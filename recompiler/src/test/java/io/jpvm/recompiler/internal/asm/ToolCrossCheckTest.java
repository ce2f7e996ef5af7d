package io.jpvm.recompiler.internal.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpvm.recompiler.internal.asm.InstructionTable.Case;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks the assembler against the system's tools, at test time only.
 *
 * <p>With {@code llvm-mc}: every instruction of {@link InstructionTable} is encoded by llvm-mc from
 * its Intel text and the bytes must equal ours. With {@code objdump}: all our bytes are
 * disassembled in one stream and every instruction must decode at exactly our boundaries with the
 * expected mnemonic; a program with forward and backward label references must disassemble to the
 * expected branch targets. When neither tool exists the test is skipped (the golden byte tests
 * still run).
 */
class ToolCrossCheckTest {
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path tmp;

    static Path onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void crossCheckAgainstLlvmMcAndObjdump() throws Exception {
        Path llvmMc = onPath("llvm-mc");
        Path objdump = onPath("objdump");
        assumeTrue(llvmMc != null || objdump != null,
                "neither llvm-mc nor objdump is on the PATH: tool cross-check skipped (golden byte tests still run)");
        List<Case> cases = InstructionTable.build();
        List<byte[]> ours = new ArrayList<>();
        for (Case c : cases) {
            ours.add(c.encode());
        }
        List<String> failures = new ArrayList<>();
        int llvmChecked = 0;
        int objdumpChecked = 0;
        if (llvmMc != null) {
            llvmChecked = compareWithLlvmMc(llvmMc, cases, ours, failures);
        }
        if (objdump != null) {
            objdumpChecked = compareWithObjdump(objdump, cases, ours, failures);
            objdumpChecked += checkBranchProgram(objdump, failures);
        }
        System.out.printf("asm cross-check: %d instructions vs llvm-mc, %d vs objdump, %d failures%n",
                llvmChecked, objdumpChecked, failures.size());
        assertTrue(failures.isEmpty(), failures.size() + " mismatches:\n"
                + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
        assertTrue(llvmMc == null || llvmChecked > 3000, "too few llvm-mc checks: " + llvmChecked);
    }

    private String run(Path input, String... command) throws IOException, InterruptedException {
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        if (input != null) {
            pb.redirectInput(input.toFile());
        }
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        int rc = p.waitFor();
        String stderr = Files.readString(err);
        assertEquals(0, rc, String.join(" ", command) + " failed: " + stderr);
        assertTrue(stderr.isBlank(), String.join(" ", command) + " reported: " + stderr.lines().limit(20).toList());
        return out.toString(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- llvm-mc: byte-for-byte

    private static final Pattern ENCODING = Pattern.compile("# encoding: \\[([^\\]]*)\\]");

    private int compareWithLlvmMc(Path llvmMc, List<Case> cases, List<byte[]> ours, List<String> failures)
            throws Exception {
        StringBuilder src = new StringBuilder();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).llvm()) {
                src.append(cases.get(i).text()).append('\n');
                index.add(i);
            }
        }
        Path in = tmp.resolve("table.s");
        Files.writeString(in, src);
        String out = run(in, llvmMc.toString(), "-x86-asm-syntax=intel", "-show-encoding", "-triple=x86_64");
        List<byte[]> theirs = new ArrayList<>();
        Matcher m = ENCODING.matcher(out);
        while (m.find()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (String hex : m.group(1).split(",")) {
                b.write(Integer.decode(hex.trim()));
            }
            theirs.add(b.toByteArray());
        }
        assertEquals(index.size(), theirs.size(), "llvm-mc produced a different number of instructions");
        for (int k = 0; k < index.size(); k++) {
            Case c = cases.get(index.get(k));
            byte[] mine = ours.get(index.get(k));
            if (!java.util.Arrays.equals(mine, theirs.get(k))) {
                failures.add("llvm-mc: " + c.text() + ": expected " + HEX.formatHex(theirs.get(k))
                        + " got " + HEX.formatHex(mine));
            }
        }
        return index.size();
    }

    // ---------------------------------------------------------------- objdump: boundaries and mnemonics

    private static final Pattern OBJDUMP_LINE =
            Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(\\S+)\\s*(.*)$");

    record Decoded(int length, String mnemonic, String operands) {}

    private Map<Integer, Decoded> disassemble(Path objdump, byte[] code) throws Exception {
        Path bin = tmp.resolve("code.bin");
        Files.write(bin, code);
        String out = run(null, objdump.toString(), "-D", "-b", "binary", "-mi386:x86-64", "-M", "intel",
                "--insn-width=16", bin.toString());
        Map<Integer, Decoded> map = new HashMap<>();
        for (String line : out.split("\n")) {
            Matcher m = OBJDUMP_LINE.matcher(line);
            if (m.matches()) {
                int len = m.group(2).trim().split(" +").length;
                map.put(Integer.parseInt(m.group(1), 16), new Decoded(len, m.group(3), m.group(4)));
            }
        }
        return map;
    }

    /** Mnemonics objdump spells differently from the Intel text we feed llvm-mc. */
    private static final Map<String, Set<String>> ALIASES = Map.of(
            "movabs", Set.of("movabs", "mov"),
            "xchg", Set.of("xchg", "nop"));

    private int compareWithObjdump(Path objdump, List<Case> cases, List<byte[]> ours, List<String> failures)
            throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int[] starts = new int[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            starts[i] = all.size();
            all.writeBytes(ours.get(i));
        }
        Map<Integer, Decoded> dis = disassemble(objdump, all.toByteArray());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String expected = c.text().split(" ")[0];
            Decoded d = dis.get(starts[i]);
            if (d == null) {
                failures.add("objdump: " + c.text() + ": no instruction starts at our offset " + starts[i]);
            } else if (d.length() != ours.get(i).length) {
                failures.add("objdump: " + c.text() + ": decoded length " + d.length() + " (" + d.mnemonic()
                        + " " + d.operands() + ") but we emitted " + HEX.formatHex(ours.get(i)));
            } else if (!ALIASES.getOrDefault(expected, Set.of(expected)).contains(d.mnemonic())) {
                failures.add("objdump: " + c.text() + ": decoded as " + d.mnemonic() + " " + d.operands()
                        + " from " + HEX.formatHex(ours.get(i)));
            }
        }
        return cases.size();
    }

    /** Forward and backward, rel8 and rel32 label references, checked against objdump's targets. */
    private int checkBranchProgram(Path objdump, List<String> failures) throws Exception {
        X64Assembler a = new X64Assembler();
        Label top = new Label("top");
        Label mid = new Label("mid");
        Label data = new Label("data");
        Map<Integer, Label> targets = new HashMap<>();
        Map<Integer, Integer> lengths = new HashMap<>();
        a.bind(top);
        record Emit(Runnable r, Label target, int length) {}
        List<Emit> emits = List.of(
                new Emit(() -> a.jmp(mid), mid, 5),
                new Emit(() -> a.jmpShort(mid), mid, 2),
                new Emit(() -> a.jcc(Cond.E, mid), mid, 6),
                new Emit(() -> a.jccShort(Cond.NE, mid), mid, 2),
                new Emit(() -> a.jccNear(Cond.L, mid), mid, 6),
                new Emit(() -> a.call(mid), mid, 5),
                new Emit(() -> a.jmp(top), top, 2),
                new Emit(() -> a.jcc(Cond.A, top), top, 2),
                new Emit(() -> a.jmpNear(top), top, 5));
        for (Emit e : emits) {
            targets.put(a.position(), e.target());
            lengths.put(a.position(), e.length());
            e.r().run();
        }
        a.nop(7);
        a.bind(mid);
        for (Cond cc : Cond.values()) {
            targets.put(a.position(), cc.ordinal() % 2 == 0 ? mid : top);
            lengths.put(a.position(), 2);
            a.jcc(cc, cc.ordinal() % 2 == 0 ? mid : top);
        }
        a.nop(150);
        for (Cond cc : Cond.values()) {
            targets.put(a.position(), top);
            lengths.put(a.position(), 6);
            a.jcc(cc, top);
        }
        targets.put(a.position(), top);
        lengths.put(a.position(), 5);
        a.jmp(top);
        targets.put(a.position(), data);
        lengths.put(a.position(), 7);
        a.leaq(Reg.R9, data);
        a.ret();
        a.bind(data);
        a.int3();
        byte[] code = a.finish();
        Map<Integer, Decoded> dis = disassemble(objdump, code);
        Pattern target = Pattern.compile("(?:^|# )0x([0-9a-f]+)");
        for (Map.Entry<Integer, Label> e : targets.entrySet()) {
            int pos = e.getKey();
            Decoded d = dis.get(pos);
            String where = "branch program @" + pos;
            if (d == null || d.length() != lengths.get(pos)) {
                failures.add(where + ": expected a " + lengths.get(pos) + "-byte instruction, got " + d);
                continue;
            }
            Matcher m = target.matcher(d.operands());
            int found = -1;
            while (m.find()) {
                found = Integer.parseInt(m.group(1), 16);
            }
            if (found != e.getValue().position()) {
                failures.add(where + ": " + d.mnemonic() + " " + d.operands() + " should target "
                        + e.getValue() + " @" + e.getValue().position());
            }
        }
        return targets.size();
    }
}
