package io.jpvm.kernel.internal;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.kernel.Engine;
import io.jpvm.kernel.Execution;
import io.jpvm.kernel.KernelCodes;
import io.jpvm.kernel.KernelResult;
import io.jpvm.kernel.PhysicalMemory;
import java.util.ArrayList;

/**
 * The state of one invocation (page store, VM arena, call stack, active VM) and its run loop: run the
 * active VM until it exits, let the kernel handle the exit, repeat until a result for the embedder.
 * Confined to one thread.
 */
public final class Kernel {
    /** The GAS protocol cap's id (and slot in VM 0). */
    static final int GAS_PROTOCOL = KernelCodes.GAS_PROTOCOL;

    final Engine engine;
    final PageStore store;
    final VmArena arena = new VmArena();
    final ArrayList<Frame> stack = new ArrayList<>();
    final Mapper mapper;
    final CapRefs refs;
    final Faults faults;
    final Calls calls;
    final Creation creation;
    final Removal removal;
    final Ecalls ecalls;
    /** VM 0. */
    Vm root;
    Vm active;
    private boolean finished;
    private boolean closed;
    /** Protocol calls that reached the kernel (the engine's inline GAS answers are counted by the engine). */
    private long protocolCalls;

    Kernel(Engine engine, PhysicalMemory memory) {
        this.engine = engine;
        this.store = new PageStore(memory);
        this.mapper = new Mapper(store);
        this.refs = new CapRefs(arena);
        this.faults = new Faults(this);
        this.calls = new Calls(this);
        this.creation = new Creation(this);
        this.removal = new Removal(this);
        this.ecalls = new Ecalls(this);
    }

    /** Runs until a result for the embedder. */
    public KernelResult run() {
        if (finished || closed) {
            throw new IllegalStateException(closed ? "the invocation is closed" : "the invocation has ended");
        }
        while (true) {
            Vm vm = active;
            Execution ex = vm.exec();
            ExitKind kind = ex.run();
            KernelResult r = switch (kind) {
                case HOST_CALL -> calls.ecalli(vm, ex.exitArg());
                case ECALL -> ecalls.dispatch(vm);
                case TRAP -> faults.fault(vm, KernelCodes.STATUS_TRAP, ex.reg(7));
                case OUT_OF_GAS -> faults.fault(vm, KernelCodes.STATUS_OUT_OF_GAS, KernelCodes.LOW);
                case PAGE_FAULT -> faults.fault(vm, KernelCodes.STATUS_PAGE_FAULT, ex.exitArg());
                case PANIC, HALT -> faults.fault(vm, KernelCodes.STATUS_PANIC, KernelCodes.HUH);
            };
            if (r != null) {
                if (r.isFinal()) {
                    finish();
                } else {
                    protocolCalls++;
                }
                return r;
            }
        }
    }

    /** The active VM fails at its current protocol call (host decision); null if a caller continues. */
    public KernelResult failProtocolCall(boolean outOfGas) {
        KernelResult r = outOfGas ? faults.outOfGasAtCall(active)
                : faults.faultAtCall(active, KernelCodes.STATUS_PANIC, KernelCodes.HUH);
        if (r != null) {
            finish();
        }
        return r;
    }

    private void finish() {
        finished = true;
        store.memory().endRuns();
    }

    public boolean finished() {
        return finished;
    }

    /** Frees the engine's native resources (guest windows, memfd); idempotent. Nothing runs afterwards. */
    public void close() {
        if (!closed) {
            closed = true;
            store.memory().close();
        }
    }

    /**
     * Lets the engine answer VM 0's {@code ecalli 1} itself while slot 1 holds the original GAS
     * protocol cap (the embedder answers protocol 1 with {@code HostFunction.GAS}).
     */
    public void enableInlineGas() {
        if (root.caps.get(GAS_PROTOCOL) instanceof ProtocolCap p && p.id == GAS_PROTOCOL && p.original) {
            root.exec().setInlineGas(true);
        }
    }

    /** Protocol calls made so far: those answered inside the engine, by host functions or by the embedder. */
    public long protocolCalls() {
        return protocolCalls + root.exec().inlineGasCalls();
    }

    /** The active VM's execution (registers, gas). */
    public Execution activeExecution() {
        return active.exec();
    }

    /** Call depth: 0 while VM 0 runs. */
    public int depth() {
        return stack.size();
    }

    public int liveVms() {
        return arena.live();
    }

    public long vmsCreated() {
        return arena.created();
    }

    /** Physical pages created so far. */
    public long pagesInUse() {
        return store.materializedPages();
    }

    /** Host access to the active VM's DATA caps and flat memory. */
    public HostMemory hostMemory() {
        return new HostMemory(this);
    }

    // ------------------------------------------------------------------ helpers for the components

    /** Takes {@code amount} gas from {@code vm}; false (and nothing taken) if it has less. */
    boolean charge(Vm vm, long amount) {
        Execution ex = vm.exec();
        long g = ex.gas();
        if (Long.compareUnsigned(g, amount) < 0) {
            return false;
        }
        ex.setGas(g - amount);
        return true;
    }

    /** φ7 := WHAT; the VM continues. */
    KernelResult what(Vm vm) {
        vm.exec().setReg(7, KernelCodes.WHAT);
        return null;
    }

    /** Moves {@code cap} to the empty {@code slot} of {@code dst}; a DATA cap leaving its VM is unmapped. */
    void relocate(Cap cap, CapTable dst, int slot) {
        Vm from = cap.holder;
        if (cap instanceof DataCap d && from != dst.owner()) {
            mapper.unmapAll(d);
        }
        from.caps.take(cap.slot);
        dst.put(slot, cap);
    }

    /** A COPY of {@code cap}; a copy of a derived cap is derived from the same source (revocable with it). */
    Cap copyOf(Cap cap) {
        Cap c = cap.duplicate();
        if (cap.parent != null) {
            cap.parent.adopt(c);
        }
        return c;
    }
}
