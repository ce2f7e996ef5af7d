package io.jpvm.recompiler;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.kernel.Execution;
import io.jpvm.recompiler.internal.codegen.Exits;
import io.jpvm.recompiler.internal.memory.BackingStore;
import io.jpvm.recompiler.internal.runtime.ContextLayout;
import io.jpvm.recompiler.internal.runtime.NativeMemory;
import io.jpvm.recompiler.internal.runtime.PageMap;
import io.jpvm.recompiler.internal.runtime.WindowLeases;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One kernel VM on the recompiler (profile {@code javm}): the {@link Execution} contract with
 * {@code NativeVm}'s run semantics, over the invocation's {@link NativeMemory}.
 *
 * <p>While the VM holds a guest window ({@link WindowLeases}) its registers live in the window's
 * context page, so re-entering after a host call rebuilds nothing: one downcall per entry. Without a
 * window (never run, or evicted by another VM) registers, gas, pc and page map are all in Java, and the
 * next run borrows a window, maps the page map into it (one mmap per run of pages) and copies the
 * registers in. An idle VM costs this object and its 13 registers, no native memory.
 */
final class NativeExecution implements Execution, WindowLeases.Owner {
    private static final byte MODE_NONE = 0;
    private static final byte MODE_BLOCK = 1;
    private static final byte MODE_FRESH = 2;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    /** The page map of a VM that never mapped anything (never written). */
    private static final PageMap NOTHING_MAPPED = new PageMap();

    private final RecompiledProgram prog;
    private final NativeMemory memory;
    /** The registers while no window is held. */
    private final long[] regs = new long[13];
    private WindowLeases.Lease lease;
    private PageMap pages;
    private long gas;
    private long exitPc;
    private long exitArg;
    private long inlineCalls;
    private int index;
    private int startPc;
    private byte mode;
    private boolean inlineGas;

    NativeExecution(RecompiledProgram prog, NativeMemory memory) {
        this.prog = prog;
        this.memory = memory;
        setPc(0);
    }

    // ---------------------------------------------------------------- state

    @Override
    public long reg(int i) {
        WindowLeases.Lease l = lease;
        return l == null ? regs[i] : l.context.get(LONG, ContextLayout.REGS + 8L * i);
    }

    @Override
    public void setReg(int i, long value) {
        WindowLeases.Lease l = lease;
        if (l == null) {
            regs[i] = value;
        } else {
            l.context.set(LONG, ContextLayout.REGS + 8L * i, value);
        }
    }

    @Override
    public long gas() {
        return gas;
    }

    @Override
    public void setGas(long gas) {
        this.gas = gas;
    }

    @Override
    public long pc() {
        return index < 0 ? Integer.toUnsignedLong(startPc) : prog.pc(index);
    }

    @Override
    public void setPc(long pc) {
        startPc = (int) pc;
        index = prog.program().indexOf(pc);
        mode = MODE_FRESH;
    }

    @Override
    public void resumeAt(long pc) {
        startPc = (int) pc;
        index = prog.program().indexOf(pc);
        mode = MODE_NONE;
    }

    @Override
    public long exitPc() {
        return exitPc;
    }

    @Override
    public long exitArg() {
        return exitArg;
    }

    @Override
    public void setInlineGas(boolean on) {
        inlineGas = on;
        if (lease != null) {
            lease.context.set(INT, ContextLayout.INLINE_GAS, on ? 1 : 0);
        }
    }

    @Override
    public long inlineGasCalls() {
        return inlineCalls;
    }

    // ---------------------------------------------------------------- memory and window

    @Override
    public void map(long pageNumber, long physicalPage, boolean writable) {
        BackingStore store = memory.storeFor(physicalPage);
        if (pages == null) {
            pages = new PageMap();
        }
        pages.put(pageNumber, physicalPage, writable);
        if (lease != null) {
            lease.window().mapPages(pageNumber, store, physicalPage, 1, writable);
            lease.markMapped();
        }
    }

    @Override
    public void unmap(long pageNumber) {
        if (pages != null && pages.remove(pageNumber) && lease != null) {
            lease.window().unmapPages(pageNumber, 1);
        }
    }

    /** The window this VM runs in: its own if it still holds one, else a borrowed one set up for it. */
    private WindowLeases.Lease bind() {
        WindowLeases.Lease l = lease;
        WindowLeases windows = memory.windows();
        if (l != null) {
            windows.touch(l);
            return l;
        }
        l = windows.acquire(this);
        MemorySegment c = l.context;
        MemorySegment.copy(regs, 0, c, LONG, ContextLayout.REGS, 13);
        c.set(INT, ContextLayout.INLINE_GAS, inlineGas ? 1 : 0);
        c.set(LONG, ContextLayout.INLINE_GAS_CALLS, 0);
        lease = l; // held from here on, so that a failed mmap below still leaves a consistent owner
        if (pages != null && pages.size() > 0) {
            l.markMapped();
            WindowLeases.Lease target = l;
            pages.forEachRun((guest, phys, n, writable) ->
                    target.window().mapPages(guest, memory.storeFor(phys + n - 1), phys, n, writable));
        }
        return l;
    }

    @Override
    public void evicted() {
        MemorySegment.copy(lease.context, LONG, ContextLayout.REGS, regs, 0, 13);
        lease = null;
    }

    @Override
    public void discard() {
        if (lease != null) {
            memory.windows().free(lease);
            lease = null;
        }
    }

    // ---------------------------------------------------------------- run

    private ExitKind exit(ExitKind kind, long g, long pc, long arg, int nextIndex, byte nextMode) {
        exitPc = pc;
        exitArg = arg;
        gas = g;
        index = nextIndex;
        mode = nextMode;
        return kind;
    }

    @Override
    public ExitKind run() {
        int i = index;
        long g = gas;
        if (i < 0) {
            // the start pc is not an instruction: one gas, then panic there
            long pc = Integer.toUnsignedLong(startPc);
            return g < 1 ? exit(ExitKind.OUT_OF_GAS, 0, pc, 0, -1, mode) : exit(ExitKind.PANIC, g - 1, pc, 0, -1, MODE_NONE);
        }
        long charge = mode == MODE_FRESH ? prog.schedule().entryCost(i) : mode == MODE_BLOCK ? prog.cost(i) : 0;
        if (g < charge) {
            return exit(ExitKind.OUT_OF_GAS, 0, prog.pc(i), 0, i, MODE_BLOCK);
        }
        return execute(i, g - charge);
    }

    private ExitKind execute(int i, long g) {
        WindowLeases.Lease l = bind();
        MemorySegment c = l.context;
        c.set(LONG, ContextLayout.GAS, g);
        c.set(LONG, ContextLayout.ENTRY_TARGET, prog.bodyAddress(i));
        prog.enter(l.guestBase);
        g = c.get(LONG, ContextLayout.GAS);
        int reason = c.get(INT, ContextLayout.EXIT_REASON);
        int at = c.get(INT, ContextLayout.NEXT_INDEX);
        if (inlineGas) {
            long n = c.get(LONG, ContextLayout.INLINE_GAS_CALLS);
            if (n != 0) {
                inlineCalls += n;
                c.set(LONG, ContextLayout.INLINE_GAS_CALLS, 0);
            }
        }
        return switch (reason) {
            // javm: out of gas leaves 0, whatever the block's charge did
            case Exits.OUT_OF_GAS -> exit(ExitKind.OUT_OF_GAS, 0, prog.pc(at), 0, at, MODE_BLOCK);
            case Exits.PANIC -> exit(ExitKind.PANIC, g, prog.pc(at), 0, at, MODE_NONE);
            case Exits.TRAP -> exit(ExitKind.TRAP, g, prog.pc(at), 0, at, MODE_NONE);
            case Exits.HALT -> exit(ExitKind.HALT, g, prog.pc(at), 0, at, MODE_NONE);
            case Exits.HOST_CALL -> exit(ExitKind.HOST_CALL, g, prog.pc(at + 1),
                    prog.instruction(at).imm1() & 0xFFFFFFFFL, at + 1, MODE_BLOCK);
            case Exits.ECALL -> exit(ExitKind.ECALL, g, prog.pc(at + 1), 0, at + 1, MODE_BLOCK);
            case Exits.MEMORY_FAULT -> fault(c, g);
            default -> throw new IllegalStateException("generated code exited with reason " + reason);
        };
    }

    /** Attributes a guest memory fault exactly as the interpreter's GuestMemory would report it. */
    private ExitKind fault(MemorySegment c, long g) {
        long rip = c.get(LONG, ContextLayout.FAULT_RIP);
        int at = prog.trapIndex(rip);
        if (at < 0) {
            throw new IllegalStateException("guest fault at native address 0x" + Long.toHexString(rip)
                    + ", which is not a guest memory access of this program");
        }
        GuestAccess access = GuestAccess.of(prog.instruction(at), this::reg);
        long address = access.address() & 0xFFFFFFFFL;
        long lowest = (pages != null ? pages : NOTHING_MAPPED).lowestInaccessible(address, access.width(), access.write());
        if (lowest < 0) {
            throw new IllegalStateException("guest fault at pc " + prog.pc(at) + " but the page map allows the access");
        }
        return exit(ExitKind.PAGE_FAULT, g, prog.pc(at), lowest & ~0xFFFL, at, MODE_NONE);
    }
}
