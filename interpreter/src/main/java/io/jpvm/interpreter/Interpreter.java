package io.jpvm.interpreter;

import io.jpvm.interpreter.internal.MemoryFault;
import io.jpvm.interpreter.internal.Ops;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import java.util.function.LongConsumer;

/**
 * The pure-Java reference engine: one VM's registers, pc and gas over an {@link InterpreterProgram}
 * and a {@link GuestMemory}. {@link #run()} executes until an exit and can be called again to
 * continue: after a host call or ecall it resumes after the instruction, after a page fault it
 * re-executes the faulting instruction (its block is already paid), after running out of gas it
 * retries the block's charge. Not thread-safe: one VM is run by one thread at a time.
 */
public final class Interpreter implements Machine {
    private static final int MODE_NONE = 0;
    private static final int MODE_BLOCK = 1;
    private static final int MODE_FRESH = 2;
    // Every way out of the dispatch loop travels as next = -1 - X_* through one exit edge (HotSpot
    // compiles the loop markedly better with a single exit); an invalid target index (-1) is a panic.
    private static final int X_PANIC = 0;
    private static final int X_TRAP = 1;
    private static final int X_END = 2;
    private static final int X_ECALL = 3;
    private static final int X_ECALLI = 4;
    private static final int X_HALT = 5;
    private static final int X_OOG = 6;
    private static final int NEXT_PANIC = -1 - X_PANIC;
    private static final int NEXT_HALT = -1 - X_HALT;
    private static final long HALT_ADDRESS = 0xFFFF0000L;

    private final InterpreterProgram prog;
    private final GuestMemory mem;
    private final long[] regs = new long[13];
    private long gas;
    private int index;
    private long startPc;
    private int mode = MODE_FRESH;
    private ExitKind exitKind;
    private long exitPc;
    private long exitArg;
    private long heapStart = GuestMemory.LOW_ZONE;
    private long heapPointer = -1;

    public Interpreter(InterpreterProgram program, GuestMemory memory) {
        this.prog = program;
        this.mem = memory;
        setPc(0);
    }

    public InterpreterProgram program() {
        return prog;
    }

    public GuestMemory memory() {
        return mem;
    }

    public long reg(int i) {
        return regs[i];
    }

    public void setReg(int i, long value) {
        regs[i] = value;
    }

    /** A copy of the 13 registers. */
    public long[] registers() {
        return regs.clone();
    }

    public long gas() {
        return gas;
    }

    public void setGas(long gas) {
        this.gas = gas;
    }

    /** Starts afresh at {@code pc}: the next run charges the block (or its rest) from there. */
    public void setPc(long pc) {
        startPc = pc;
        index = prog.program.indexOf(pc);
        mode = MODE_FRESH;
    }

    /**
     * Continues at {@code pc} without charging: the block containing it is already paid. Used to
     * re-execute an instruction after the embedder reports a fault at it (as a page fault does).
     */
    public void resumeAt(long pc) {
        startPc = pc;
        index = prog.program.indexOf(pc);
        mode = MODE_NONE;
    }

    /** The pc execution continues at (the faulting/exiting instruction, or the next one). */
    public long pc() {
        return index < 0 ? startPc : prog.pcs[index];
    }

    /** gp072 sbrk: the heap start h (the heap pointer starts at the first unreadable address ≥ h). */
    public void setHeapStart(long h) {
        heapStart = h;
        heapPointer = -1;
    }

    public ExitKind exitKind() {
        return exitKind;
    }

    /** The pc reported for the last exit (see {@link ExitKind}). */
    public long exitPc() {
        return exitPc;
    }

    /** Host call id, page-fault address, or 0. */
    public long exitArg() {
        return exitArg;
    }

    // ------------------------------------------------------------------ exits

    private ExitKind exit(ExitKind kind, int i, long g, long pc, long arg, int nextIndex, int nextMode) {
        exitKind = kind;
        exitPc = pc;
        exitArg = arg;
        gas = g;
        index = nextIndex;
        mode = nextMode;
        return kind;
    }

    private ExitKind outOfGas(int i, long g) {
        long left = prog.profile == Profile.JAVM ? 0 : g;
        return exit(ExitKind.OUT_OF_GAS, i, left, prog.pcs[i], 0, i, MODE_BLOCK);
    }

    private ExitKind stop(ExitKind kind, int i, long g) {
        return exit(kind, i, g, prog.pcs[i], 0, i, MODE_NONE);
    }

    private ExitKind hostExit(ExitKind kind, int i, long g, long arg) {
        long pc = prog.profile == Profile.JAVM ? prog.pcs[i + 1] : prog.pcs[i];
        return exit(kind, i, g, pc, arg, i + 1, prog.profile == Profile.JAVM ? MODE_BLOCK : MODE_NONE);
    }

    // ------------------------------------------------------------------ run

    /** Runs until the next exit. */
    public ExitKind run() {
        int i = index;
        long g = gas;
        if (i < 0) {
            // the start pc is not an instruction: one gas, then panic there
            if (g < 1) {
                return exit(ExitKind.OUT_OF_GAS, 0, prog.profile == Profile.JAVM ? 0 : g, startPc, 0, -1, mode);
            }
            return exit(ExitKind.PANIC, 0, g - 1, startPc, 0, -1, MODE_NONE);
        }
        long charge = mode == MODE_FRESH ? prog.schedule.entryCost(i) : mode == MODE_BLOCK ? prog.cost[i] : 0;
        if (g < charge) {
            return outOfGas(i, g);
        }
        return loop(i, g - charge);
    }

    private ExitKind loop(int start, long startGas) {
        final long[] r = regs;
        final long[] words = prog.words;
        final long[] imm = prog.imm;
        final long[] cost = prog.cost;
        final GuestMemory m = mem;
        int i = start;
        long g = startGas;
        int exit;
        try {
            while (true) {
                long w = words[i];
                int a = (int) (w >>> 8) & 15;
                int b = (int) (w >>> 12) & 15;
                int next;
                switch ((int) w & 0xFF) {
                    // ------------------------------------------------ terminators
                    case Opcode.TRAP -> next = -1 - X_TRAP;
                    case Ops.PANIC -> next = -1 - X_PANIC;
                    case Ops.END -> next = -1 - X_END;
                    case Ops.FALLTHROUGH -> next = i + 1;
                    case Opcode.ECALL -> next = -1 - X_ECALL;
                    case Opcode.ECALLI -> next = -1 - X_ECALLI;
                    case Opcode.JUMP -> next = (int) (w >> 32);
                    case Opcode.LOAD_IMM_JUMP -> {
                        r[a] = imm[i];
                        next = (int) (w >> 32);
                    }
                    case Opcode.JUMP_IND -> next = djump(r[a] + imm[i], false);
                    case Ops.JUMP_IND_GP -> next = djump(r[a] + imm[i], true);
                    case Opcode.LOAD_IMM_JUMP_IND -> {
                        r[a] = imm[i];
                        next = djump(r[b] + prog.imm2[i], false);
                    }
                    case Ops.LOAD_IMM_JUMP_IND_GP -> {
                        long base = r[b];
                        r[a] = imm[i];
                        next = djump(base + prog.imm2[i], true);
                    }
                    case Opcode.BRANCH_EQ_IMM -> next = r[a] == imm[i] ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_NE_IMM -> next = r[a] != imm[i] ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_LT_U_IMM -> next = Long.compareUnsigned(r[a], imm[i]) < 0 ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_LE_U_IMM -> next = Long.compareUnsigned(r[a], imm[i]) <= 0 ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_GE_U_IMM -> next = Long.compareUnsigned(r[a], imm[i]) >= 0 ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_GT_U_IMM -> next = Long.compareUnsigned(r[a], imm[i]) > 0 ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_LT_S_IMM -> next = r[a] < imm[i] ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_LE_S_IMM -> next = r[a] <= imm[i] ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_GE_S_IMM -> next = r[a] >= imm[i] ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_GT_S_IMM -> next = r[a] > imm[i] ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_EQ -> next = r[a] == r[b] ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_NE -> next = r[a] != r[b] ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_LT_U -> next = Long.compareUnsigned(r[a], r[b]) < 0 ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_LT_S -> next = r[a] < r[b] ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_GE_U -> next = Long.compareUnsigned(r[a], r[b]) >= 0 ? (int) (w >> 32) : i + 1;
                    case Opcode.BRANCH_GE_S -> next = r[a] >= r[b] ? (int) (w >> 32) : i + 1;
                    // ------------------------------------------------ everything else falls through to i + 1
                    case Opcode.LOAD_IMM_64, Opcode.LOAD_IMM -> {
                        r[a] = imm[i];
                        i++;
                        continue;
                    }
                    case Opcode.MOVE_REG -> {
                        r[(int) (w >>> 16) & 15] = r[a];
                        i++;
                        continue;
                    }
                    case Opcode.ADD_64 -> {
                        r[(int) (w >>> 16) & 15] = r[a] + r[b];
                        i++;
                        continue;
                    }
                    case Opcode.ADD_IMM_64 -> {
                        r[a] = r[b] + imm[i];
                        i++;
                        continue;
                    }
                    case Opcode.ADD_IMM_32 -> {
                        r[a] = (int) (r[b] + imm[i]);
                        i++;
                        continue;
                    }
                    case Opcode.SUB_64 -> {
                        r[(int) (w >>> 16) & 15] = r[a] - r[b];
                        i++;
                        continue;
                    }
                    case Opcode.ADD_32 -> {
                        r[(int) (w >>> 16) & 15] = (int) (r[a] + r[b]);
                        i++;
                        continue;
                    }
                    case Opcode.SUB_32 -> {
                        r[(int) (w >>> 16) & 15] = (int) (r[a] - r[b]);
                        i++;
                        continue;
                    }
                    case Opcode.LOAD_IND_U8 -> {
                        r[a] = m.loadU8((int) (r[b] + imm[i]));
                        i++;
                        continue;
                    }
                    case Opcode.LOAD_IND_U32 -> {
                        r[a] = m.loadU32((int) (r[b] + imm[i]));
                        i++;
                        continue;
                    }
                    case Opcode.LOAD_IND_I32 -> {
                        r[a] = (int) m.loadU32((int) (r[b] + imm[i]));
                        i++;
                        continue;
                    }
                    case Opcode.LOAD_IND_U64 -> {
                        r[a] = m.load64((int) (r[b] + imm[i]));
                        i++;
                        continue;
                    }
                    case Opcode.STORE_IND_U32 -> {
                        m.store32((int) (r[b] + imm[i]), r[a]);
                        i++;
                        continue;
                    }
                    case Opcode.STORE_IND_U64 -> {
                        m.store64((int) (r[b] + imm[i]), r[a]);
                        i++;
                        continue;
                    }
                    case Opcode.AND -> {
                        r[(int) (w >>> 16) & 15] = r[a] & r[b];
                        i++;
                        continue;
                    }
                    case Opcode.OR -> {
                        r[(int) (w >>> 16) & 15] = r[a] | r[b];
                        i++;
                        continue;
                    }
                    case Opcode.XOR -> {
                        r[(int) (w >>> 16) & 15] = r[a] ^ r[b];
                        i++;
                        continue;
                    }
                    case Opcode.AND_IMM -> {
                        r[a] = r[b] & imm[i];
                        i++;
                        continue;
                    }
                    case Opcode.SHLO_L_IMM_64 -> {
                        r[a] = r[b] << imm[i];
                        i++;
                        continue;
                    }
                    case Opcode.SHLO_R_IMM_64 -> {
                        r[a] = r[b] >>> imm[i];
                        i++;
                        continue;
                    }
                    case Opcode.SET_LT_U -> {
                        r[(int) (w >>> 16) & 15] = Long.compareUnsigned(r[a], r[b]) < 0 ? 1 : 0;
                        i++;
                        continue;
                    }
                    default -> {
                        Exec.execute(this, w, i, a, b, r, imm, m);
                        i++;
                        continue;
                    }
                }
                // a terminator chose the next instruction; arriving at a block start pays for the block
                if (next < 0) {
                    exit = -1 - next;
                    break;
                }
                long c = cost[next];
                if (g < c) {
                    exit = X_OOG;
                    i = next;
                    break;
                }
                g -= c;
                i = next;
            }
            return finish(exit, i, g);
        } catch (MemoryFault f) {
            if (m.faultPanics()) {
                return stop(ExitKind.PANIC, i, g);
            }
            return exit(ExitKind.PAGE_FAULT, i, g, prog.pcs[i], m.faultAddress(), i, MODE_NONE);
        }
    }

    /** Leaves the loop: records the exit chosen by the dispatch loop. */
    private ExitKind finish(int exit, int i, long g) {
        return switch (exit) {
            case X_TRAP -> stop(ExitKind.TRAP, i, g);
            case X_END -> end(i, g);
            case X_ECALL -> hostExit(ExitKind.ECALL, i, g, 0);
            case X_ECALLI -> hostExit(ExitKind.HOST_CALL, i, g, prog.imm[i] & 0xFFFFFFFFL);
            case X_HALT -> stop(ExitKind.HALT, i, g);
            case X_OOG -> outOfGas(i, g);
            default -> stop(ExitKind.PANIC, i, g);
        };
    }

    private ExitKind end(int i, long g) {
        long c = prog.endCharge;
        if (g < c) {
            return outOfGas(i, g);
        }
        return stop(prog.profile == Profile.JAVM ? ExitKind.TRAP : ExitKind.PANIC, i, g - c);
    }

    /** Resolves a dynamic jump to address {@code target} (mod 2^32). */
    private int djump(long target, boolean haltAddress) {
        long addr = target & 0xFFFFFFFFL;
        if (haltAddress && addr == HALT_ADDRESS) {
            return NEXT_HALT;
        }
        int[] table = prog.jumpTable;
        if (addr == 0 || (addr & 1) != 0 || addr > 2L * table.length) {
            return NEXT_PANIC;
        }
        return table[(int) (addr / 2 - 1)];
    }

    long imm2(int i) {
        return prog.imm2[i];
    }

    // ---------------------------------------------------------------- memory (Machine)

    @Override
    public void map(long firstPage, long count, boolean writable) {
        mem.mapZero(firstPage, count, writable);
    }

    @Override
    public boolean setWritable(long page, boolean writable) {
        return mem.setWritable(page, writable);
    }

    @Override
    public boolean isReadable(long address) {
        return mem.isReadable(address);
    }

    @Override
    public boolean isWritable(long address) {
        return mem.isWritable(address);
    }

    @Override
    public void forEachMappedPage(LongConsumer action) {
        mem.forEachMappedPage(action);
    }

    @Override
    public void poke(long address, byte[] data) {
        mem.poke(address, data);
    }

    @Override
    public byte[] peek(long address, int length) {
        return mem.peek(address, length);
    }

    /** Nothing to free: the interpreter holds no native resources. */
    @Override
    public void close() {
    }

    /** gp072 sbrk: grows the heap by {@code size} bytes and returns the old heap pointer. */
    long sbrk(long size) {
        if (heapPointer < 0) {
            long p = Math.max(heapStart, GuestMemory.LOW_ZONE);
            while (p < (1L << 32) && mem.isReadable(p)) {
                p = (p | 0xFFF) + 1;
            }
            heapPointer = p;
        }
        if (size == 0) {
            return heapPointer;
        }
        long old = heapPointer;
        long end = old + size;
        if (size < 0 || end > (1L << 32)) {
            return 0;
        }
        for (long page = old >>> 12; page <= (end - 1) >>> 12; page++) {
            if (mem.page(page) == null) {
                mem.map(page, new byte[GuestMemory.PAGE_SIZE], true);
            }
        }
        heapPointer = end;
        return old;
    }
}
