package io.jpvm.recompiler;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.Machine;
import io.jpvm.isa.Instruction;
import io.jpvm.isa.Profile;
import io.jpvm.recompiler.internal.codegen.Exits;
import io.jpvm.recompiler.internal.runtime.AddressSpace;
import io.jpvm.recompiler.internal.runtime.ContextLayout;
import io.jpvm.recompiler.internal.runtime.GuestFaults;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * One VM running a {@link RecompiledProgram} natively: registers, pc, gas and a guest address space
 * of its own, with the API and the exact semantics of {@code io.jpvm.interpreter.Interpreter}. Each
 * {@link #run()} is one downcall into the generated code; it returns at the next exit and can be
 * called again to continue (after a host call or ecall after the instruction, after a page fault at
 * the faulting instruction, after out of gas at the block's charge).
 *
 * <p>Memory: {@link #map}, {@link #unmap}, {@link #poke}, {@link #peek} — pages are 4096 bytes; the
 * access rules are {@code GuestMemory}'s. A guest memory fault is survivable only once the signal
 * handler is installed ({@link Platform#guestFaultsHandled()}); without it, a faulting access kills
 * the JVM.
 *
 * <p>Not thread-safe: one thread runs a VM at a time. {@link #close()} frees the address space (a
 * cleaner does it if the VM becomes unreachable first).
 */
public final class NativeVm implements Machine {
    private static final int MODE_NONE = 0;
    private static final int MODE_BLOCK = 1;
    private static final int MODE_FRESH = 2;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;

    private final RecompiledProgram prog;
    private final boolean javm;
    private final AddressSpace mem;
    private final MemorySegment ctx;
    private final long guestBase;
    private long gas;
    private int index;
    private long startPc;
    private int mode = MODE_FRESH;
    private ExitKind exitKind;
    private long exitPc;
    private long exitArg;
    private long heapStart = AddressSpace.LOW_ZONE;
    private long heapPointer = -1;

    /** A VM with an empty address space, about to start at pc 0. */
    public NativeVm(RecompiledProgram program) {
        GuestFaults.install();
        this.prog = program;
        this.javm = program.profile() == Profile.JAVM;
        this.mem = AddressSpace.create(program.profile() == Profile.GP072);
        this.ctx = mem.context();
        this.guestBase = mem.guestBase();
        setPc(0);
    }

    public RecompiledProgram program() {
        return prog;
    }

    // ---------------------------------------------------------------- state

    public long reg(int i) {
        return ctx.get(LONG, ContextLayout.REGS + 8L * Objects.checkIndex(i, 13));
    }

    public void setReg(int i, long value) {
        ctx.set(LONG, ContextLayout.REGS + 8L * Objects.checkIndex(i, 13), value);
    }

    /** A copy of the 13 registers. */
    public long[] registers() {
        long[] r = new long[13];
        for (int i = 0; i < 13; i++) {
            r[i] = ctx.get(LONG, ContextLayout.REGS + 8L * i);
        }
        return r;
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
        index = prog.program().indexOf(pc);
        mode = MODE_FRESH;
    }

    /**
     * Continues at {@code pc} without charging: the block containing it is already paid. Used to
     * re-execute an instruction after the embedder reports a fault at it (as a page fault does).
     */
    public void resumeAt(long pc) {
        startPc = pc;
        index = prog.program().indexOf(pc);
        mode = MODE_NONE;
    }

    /** The pc execution continues at (the faulting/exiting instruction, or the next one). */
    public long pc() {
        return index < 0 ? startPc : prog.pc(index);
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

    // ---------------------------------------------------------------- memory

    /** Maps {@code count} fresh zero pages from page {@code firstPage}. */
    public void map(long firstPage, long count, boolean writable) {
        mem.map(firstPage, count, writable);
    }

    /** Makes pages {@code [firstPage, firstPage + count)} inaccessible. */
    public void unmap(long firstPage, long count) {
        mem.unmap(firstPage, count);
    }

    /** Changes the access of a mapped page; false if it is not mapped. */
    public boolean setWritable(long page, boolean writable) {
        return mem.setWritable(page, writable);
    }

    public boolean isReadable(long address) {
        return mem.isReadable(address);
    }

    public boolean isWritable(long address) {
        return mem.isWritable(address);
    }

    /** Calls {@code action} with every mapped page number in ascending order. */
    public void forEachMappedPage(LongConsumer action) {
        mem.forEachMappedPage(action);
    }

    /** Writes {@code data} at {@code address} ignoring access rights; every byte must be mapped. */
    public void poke(long address, byte[] data) {
        mem.poke(address, data);
    }

    /** Reads {@code length} bytes at {@code address} ignoring access rights; unmapped bytes read 0. */
    public byte[] peek(long address, int length) {
        return mem.peek(address, length);
    }

    /** Frees the address space; idempotent. */
    @Override
    public void close() {
        mem.close();
    }

    // ---------------------------------------------------------------- exits

    private ExitKind exit(ExitKind kind, long g, long pc, long arg, int nextIndex, int nextMode) {
        exitKind = kind;
        exitPc = pc;
        exitArg = arg;
        gas = g;
        index = nextIndex;
        mode = nextMode;
        return kind;
    }

    private ExitKind outOfGas(int i, long g) {
        return exit(ExitKind.OUT_OF_GAS, javm ? 0 : g, prog.pc(i), 0, i, MODE_BLOCK);
    }

    private ExitKind stop(ExitKind kind, int i, long g) {
        return exit(kind, g, prog.pc(i), 0, i, MODE_NONE);
    }

    private ExitKind hostExit(ExitKind kind, int i, long g, long arg) {
        return exit(kind, g, javm ? prog.pc(i + 1) : prog.pc(i), arg, i + 1, javm ? MODE_BLOCK : MODE_NONE);
    }

    // ---------------------------------------------------------------- run

    /** Runs until the next exit. */
    public ExitKind run() {
        int i = index;
        long g = gas;
        if (i < 0) {
            // the start pc is not an instruction: one gas, then panic there
            if (g < 1) {
                return exit(ExitKind.OUT_OF_GAS, javm ? 0 : g, startPc, 0, -1, mode);
            }
            return exit(ExitKind.PANIC, g - 1, startPc, 0, -1, MODE_NONE);
        }
        long charge = mode == MODE_FRESH ? prog.schedule().entryCost(i) : mode == MODE_BLOCK ? prog.cost(i) : 0;
        if (g < charge) {
            return outOfGas(i, g);
        }
        return execute(i, g - charge);
    }

    private ExitKind execute(int start, long startGas) {
        int i = start;
        long g = startGas;
        final MemorySegment c = ctx;
        while (true) {
            // the registers live in the context page: generated code loads them on entry, stores on exit
            c.set(LONG, ContextLayout.GAS, g);
            c.set(LONG, ContextLayout.ENTRY_TARGET, prog.bodyAddress(i));
            prog.enter(guestBase);
            g = c.get(LONG, ContextLayout.GAS);
            int reason = c.get(INT, ContextLayout.EXIT_REASON);
            int at = c.get(INT, ContextLayout.NEXT_INDEX);
            switch (reason) {
                case Exits.OUT_OF_GAS -> {
                    // the block's charge is already subtracted: gp072 leaves the gas as it was
                    return exit(ExitKind.OUT_OF_GAS, javm ? 0 : g + prog.cost(at), prog.pc(at), 0, at, MODE_BLOCK);
                }
                case Exits.PANIC -> {
                    return stop(ExitKind.PANIC, at, g);
                }
                case Exits.TRAP -> {
                    return stop(ExitKind.TRAP, at, g);
                }
                case Exits.HALT -> {
                    return stop(ExitKind.HALT, at, g);
                }
                case Exits.HOST_CALL -> {
                    return hostExit(ExitKind.HOST_CALL, at, g, prog.instruction(at).imm1() & 0xFFFFFFFFL);
                }
                case Exits.ECALL -> {
                    return hostExit(ExitKind.ECALL, at, g, 0);
                }
                case Exits.SBRK -> {
                    Instruction in = prog.instruction(at);
                    setReg(in.d(), sbrk(reg(in.a())));
                    i = at + 1;
                }
                case Exits.MEMORY_FAULT -> {
                    return fault(g);
                }
                default -> throw new IllegalStateException("generated code exited with reason " + reason);
            }
        }
    }

    /** Attributes a guest memory fault exactly as GuestMemory would have reported it. */
    private ExitKind fault(long g) {
        long rip = ctx.get(LONG, ContextLayout.FAULT_RIP);
        int at = prog.trapIndex(rip);
        if (at < 0) {
            throw new IllegalStateException("guest fault at native address 0x" + Long.toHexString(rip)
                    + ", which is not a guest memory access of this program");
        }
        Instruction in = prog.instruction(at);
        GuestAccess access = GuestAccess.of(in, this::reg);
        long lowest = mem.lowestInaccessible(access.address() & 0xFFFFFFFFL, access.width(), access.write());
        if (lowest < 0) {
            throw new IllegalStateException("guest fault at pc " + in.pc() + " but the page map allows the access");
        }
        if (mem.lowZonePanics() && lowest < AddressSpace.LOW_ZONE) {
            return stop(ExitKind.PANIC, at, g);
        }
        return exit(ExitKind.PAGE_FAULT, g, prog.pc(at), lowest & ~0xFFFL, at, MODE_NONE);
    }

    /** gp072 sbrk: grows the heap by {@code size} bytes and returns the old heap pointer. */
    private long sbrk(long size) {
        if (heapPointer < 0) {
            long p = Math.max(heapStart, AddressSpace.LOW_ZONE);
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
        long last = (end - 1) >>> 12;
        for (long page = old >>> 12; page <= last; page++) {
            if (!mem.isMapped(page)) {
                long run = 1;
                while (page + run <= last && !mem.isMapped(page + run)) {
                    run++;
                }
                mem.map(page, run, true); // one mmap per run of missing pages
                page += run - 1;
            }
        }
        heapPointer = end;
        return old;
    }
}
