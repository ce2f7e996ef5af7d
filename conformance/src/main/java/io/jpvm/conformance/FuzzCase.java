package io.jpvm.conformance;

import io.jpvm.isa.Assembler;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Instruction;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.List;

/**
 * A generated fuzz program before assembly: a list of chunks (a few lines of jpvm assembly each,
 * labelled {@code L0..Ln-1}, with {@code Ln} at the end), the jump table (labels or {@code @pc}), and
 * the initial state and plan of its run. The shrinker works on this form (dropping chunks, table
 * entries, pages, register values); {@link #input()} assembles it. {@code assembled} is the assembled
 * code when it is known already (null: assembled on demand).
 */
public record FuzzCase(long seed, Profile profile, int memCycles, List<String> chunks, List<String> jumpTable,
                       List<FuzzPage> pages, long[] regs, long startPc, long heapStart, long gas, FuzzPlan plan,
                       CodeBlob assembled) {
    public FuzzCase {
        chunks = List.copyOf(chunks);
        jumpTable = List.copyOf(jumpTable);
        pages = List.copyOf(pages);
        regs = regs.clone();
    }

    @Override
    public long[] regs() {
        return regs.clone();
    }

    /** The assembly source. */
    public String source() {
        StringBuilder s = new StringBuilder(".container deblob\n");
        for (int k = 0; k < chunks.size(); k++) {
            s.append('L').append(k).append(":\n");
            if (!chunks.get(k).isEmpty()) {
                s.append(chunks.get(k)).append('\n');
            }
        }
        s.append('L').append(chunks.size()).append(":\n");
        if (!jumpTable.isEmpty()) {
            s.append(".jump_table ").append(String.join(", ", jumpTable)).append('\n');
        }
        return s.toString();
    }

    /**
     * The pc of every label {@code L0..Ln}: assembled with the labels appended to the jump table, whose
     * entries the code blob gives back (the table does not move any code).
     */
    int[] labelPcs() {
        StringBuilder s = new StringBuilder(source()).append(".jump_table ");
        for (int k = 0; k <= chunks.size(); k++) {
            s.append(k == 0 ? "L" : ", L").append(k);
        }
        int[] table = Assembler.assemble(s.append('\n').toString()).code().jumpTable();
        return java.util.Arrays.copyOfRange(table, jumpTable.size(), table.length);
    }

    public CodeBlob code() {
        return assembled != null ? assembled : Assembler.assemble(source()).code();
    }

    /** The runnable form. */
    public FuzzInput input() {
        return input(code());
    }

    FuzzInput input(CodeBlob code) {
        return new FuzzInput(seed, profile, memCycles, code, pages, regs, startPc, heapStart, gas, plan);
    }

    /**
     * Whether a run could arrive at an {@code sbrk} without the size load in front of it (through a
     * raw {@code @pc} target, a jump table entry or the start pc): with an arbitrary register as its
     * size it could map gigabytes, so such programs are not run.
     */
    static boolean entersSbrkDirectly(CodeBlob code, Profile profile, long startPc, long[] restarts) {
        Program p = Program.of(code, profile);
        if (isSbrk(p, p.indexOf(startPc))) {
            return true;
        }
        for (int k = 0; k < restarts.length; k += 2) {
            if (isSbrk(p, p.indexOf(restarts[k]))) {
                return true;
            }
        }
        for (int t : code.jumpTable()) {
            if (isSbrk(p, p.indexOf(t & 0xFFFF_FFFFL))) {
                return true;
            }
        }
        for (int i = 0; i < p.count(); i++) {
            Instruction in = p.instruction(i);
            if (in.valid() && Profile.hasStaticTarget(in.opcode())
                    && isSbrk(p, p.indexOf(in.target()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSbrk(Program p, int index) {
        return index >= 0 && index < p.count() && p.instruction(index).opcode() == Opcode.SBRK;
    }

    /** Whether this case's program could reach sbrk without its size load (see {@link #entersSbrkDirectly}). */
    boolean entersSbrkDirectly(CodeBlob code) {
        return entersSbrkDirectly(code, profile, startPc, plan.restarts());
    }

    FuzzCase withChunks(List<String> c) {
        return new FuzzCase(seed, profile, memCycles, c, jumpTable, pages, regs, startPc, heapStart, gas, plan, null);
    }

    FuzzCase withJumpTable(List<String> t) {
        return new FuzzCase(seed, profile, memCycles, chunks, t, pages, regs, startPc, heapStart, gas, plan, null);
    }

    FuzzCase withPages(List<FuzzPage> p) {
        return new FuzzCase(seed, profile, memCycles, chunks, jumpTable, p, regs, startPc, heapStart, gas, plan,
                assembled);
    }

    FuzzCase withRegs(long[] r) {
        return new FuzzCase(seed, profile, memCycles, chunks, jumpTable, pages, r, startPc, heapStart, gas, plan,
                assembled);
    }

    FuzzCase withPlan(FuzzPlan p) {
        return new FuzzCase(seed, profile, memCycles, chunks, jumpTable, pages, regs, startPc, heapStart, gas, p,
                assembled);
    }

    /** Equal contents (records compare arrays by identity). */
    boolean sameAs(FuzzCase o) {
        if (pages.size() != o.pages.size()) {
            return false;
        }
        for (int k = 0; k < pages.size(); k++) {
            FuzzPage a = pages.get(k);
            FuzzPage b = o.pages.get(k);
            if (a.page() != b.page() || a.writable() != b.writable()
                    || !java.util.Arrays.equals(a.contents(), b.contents())) {
                return false;
            }
        }
        return chunks.equals(o.chunks) && jumpTable.equals(o.jumpTable) && java.util.Arrays.equals(regs, o.regs)
                && startPc == o.startPc && heapStart == o.heapStart && gas == o.gas && memCycles == o.memCycles
                && plan.sameAs(o.plan);
    }
}
