package io.jpvm.kernel;

import io.jpvm.kernel.internal.HostMemory;
import io.jpvm.kernel.internal.Kernel;
import io.jpvm.kernel.internal.Loader;
import java.util.Objects;

/**
 * One run of a JAR v2 program under the capability kernel (profile {@code javm}): VM 0 runs the
 * manifest's invoke CODE cap and may create, call and manage further VMs.
 *
 * <pre>{@code
 * Invocation inv = Invocation.builder(blob).args(input).gas(10_000_000)
 *         .host(1, HostFunction.GAS)            // answer GAS inside run()
 *         .build();
 * inv.setActiveReg(7, 0);                        // φ7 = operation
 * KernelResult r = inv.run();
 * while (r instanceof KernelResult.ProtocolCall call) {
 *     long[] out = myHost(call.slot(), inv);     // read registers/memory of the calling VM
 *     inv.resumeProtocolCall(out[0], out[1]);    // φ7, φ8
 *     r = inv.run();
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> an invocation is confined to one thread at a time (it is not thread-safe and
 * takes no locks). Any number of invocations may run concurrently on different threads; they share
 * nothing mutable (an {@link Engine} is shared safely).
 *
 * <p>The "active VM" is the VM that made the exit {@code run()} returned for (VM 0 before the first
 * run and after every final result).
 *
 * <p><b>Resources:</b> an engine may hold native resources for an invocation (the recompiler: a memfd
 * for its physical pages, guest windows while VMs run). Guest windows go back to a shared pool when
 * the invocation ends; {@link #close()} frees the rest at once (a cleaner does it eventually if an
 * invocation is dropped without it). Memory stays readable after the end until {@code close()}.
 */
public final class Invocation implements AutoCloseable {
    private final Kernel kernel;
    private final HostMemory memory;
    private final HostFunction[] hosts;

    private Invocation(Kernel kernel, HostFunction[] hosts) {
        this.kernel = kernel;
        this.memory = kernel.hostMemory();
        this.hosts = hosts;
    }

    /** A builder for {@code blob} (a JAR v2 manifest). */
    public static Builder builder(byte[] blob) {
        return new Builder(blob);
    }

    /** An invocation of {@code blob} on {@link Engine#auto()} with {@code args} and {@code gas}. */
    public static Invocation create(byte[] blob, byte[] args, long gas) {
        return builder(blob).args(args).gas(gas).build();
    }

    /**
     * Runs until a result: {@link KernelResult.Halt}, {@link KernelResult.Panic},
     * {@link KernelResult.OutOfGas}, {@link KernelResult.PageFault} (all final) or a
     * {@link KernelResult.ProtocolCall} that no registered {@link HostFunction} answered.
     *
     * @throws IllegalStateException after a final result
     */
    public KernelResult run() {
        while (true) {
            KernelResult r = kernel.run();
            if (!(r instanceof KernelResult.ProtocolCall call) || hosts[call.slot()] == null) {
                return r;
            }
            HostAction action = hosts[call.slot()].call(call.slot(), this);
            switch (action) {
                case RESUME -> { }
                case YIELD -> {
                    return r;
                }
                case PANIC, OUT_OF_GAS -> {
                    KernelResult end = kernel.failProtocolCall(action == HostAction.OUT_OF_GAS);
                    if (end != null) {
                        return end;
                    }
                }
            }
        }
    }

    /**
     * Frees the engine's native resources; idempotent. The invocation cannot run or access memory
     * afterwards.
     */
    @Override
    public void close() {
        kernel.close();
    }

    /**
     * Protocol calls the VMs have made so far: answered inside the engine (GAS, see
     * {@link HostFunction#GAS}), by host functions, or returned to the embedder.
     */
    public long protocolCalls() {
        return kernel.protocolCalls();
    }

    /** Whether a final result has been returned. */
    public boolean finished() {
        return kernel.finished();
    }

    /** Answers the pending protocol call: φ7 := r7, φ8 := r8 of the active VM. Call {@link #run()} next. */
    public void resumeProtocolCall(long r7, long r8) {
        Execution ex = kernel.activeExecution();
        ex.setReg(7, r7);
        ex.setReg(8, r8);
    }

    /** Register φi (0..12) of the active VM. */
    public long activeReg(int i) {
        return kernel.activeExecution().reg(Objects.checkIndex(i, 13));
    }

    public void setActiveReg(int i, long value) {
        kernel.activeExecution().setReg(Objects.checkIndex(i, 13), value);
    }

    /** The 13 registers of the active VM (a copy). */
    public long[] activeRegisters() {
        long[] r = new long[13];
        Execution ex = kernel.activeExecution();
        for (int i = 0; i < 13; i++) {
            r[i] = ex.reg(i);
        }
        return r;
    }

    /** Gas left in the active VM (gas lent to VMs it is waiting for is not included). */
    public long activeGas() {
        return kernel.activeExecution().gas();
    }

    /** Sets the active VM's gas (hosts charging for a protocol call). */
    public void setActiveGas(long gas) {
        if (gas < 0) {
            throw new IllegalArgumentException("gas " + gas + " < 0");
        }
        kernel.activeExecution().setGas(gas);
    }

    /** The pc the active VM continues at. */
    public long activePc() {
        return kernel.activeExecution().pc();
    }

    /** Call depth of the active VM (0 = VM 0). */
    public int callDepth() {
        return kernel.depth();
    }

    /**
     * {@code length} bytes at byte {@code offset} of the DATA cap in the active VM's {@code slot}
     * (mapped or not).
     *
     * @throws IllegalArgumentException when the slot holds no DATA cap or the range exceeds it
     */
    public byte[] readDataCap(int slot, long offset, int length) {
        return memory.readDataCap(slot, offset, length);
    }

    /** Writes into the DATA cap in the active VM's {@code slot} (access rights are not checked). */
    public void writeDataCap(int slot, long offset, byte[] data) {
        memory.writeDataCap(slot, offset, data);
    }

    /**
     * {@code length} bytes at flat address {@code address} of the active VM.
     *
     * @throws IllegalArgumentException when some byte is not mapped
     */
    public byte[] readMemory(long address, int length) {
        return memory.readMemory(address, length);
    }

    /** Writes at a flat address of the active VM (every byte must be mapped; access is not checked). */
    public void writeMemory(long address, byte[] data) {
        memory.writeMemory(address, data);
    }

    /** Live VMs, VM 0 included. */
    public int liveVms() {
        return kernel.liveVms();
    }

    /** VMs created since the start, VM 0 included. */
    public long vmsCreated() {
        return kernel.vmsCreated();
    }

    /** Physical 4 KiB pages allocated so far. */
    public long pagesInUse() {
        return kernel.pagesInUse();
    }

    /** Sets up an {@link Invocation}. */
    public static final class Builder {
        private final byte[] blob;
        private byte[] args = new byte[0];
        private long gas;
        private Engine engine;
        private final HostFunction[] hosts = new HostFunction[KernelCodes.LAST_PROTOCOL + 1];
        private Long operation;

        private Builder(byte[] blob) {
            this.blob = Objects.requireNonNull(blob, "blob").clone();
        }

        /** Program arguments, written to the slot-0 DATA cap (φ8 = its address, φ9 = the length). */
        public Builder args(byte[] args) {
            this.args = Objects.requireNonNull(args, "args").clone();
            return this;
        }

        /** Gas for the whole invocation, including 1500 per manifest DATA page. */
        public Builder gas(long gas) {
            if (gas < 0) {
                throw new IllegalArgumentException("gas " + gas + " < 0");
            }
            this.gas = gas;
            return this;
        }

        /** The engine (default: {@link Engine#auto()}, the recompiler where it can run, else the interpreter). */
        public Builder engine(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** φ7 of VM 0 (the operation: 0 refine / is-authorized, 1 accumulate). */
        public Builder operation(long op) {
            this.operation = op;
            return this;
        }

        /** Answers protocol {@code id} (1..28) inside {@link Invocation#run()} with {@code function}. */
        public Builder host(int id, HostFunction function) {
            if (id < 1 || id > KernelCodes.LAST_PROTOCOL) {
                throw new IllegalArgumentException("protocol id " + id + " not in 1.." + KernelCodes.LAST_PROTOCOL);
            }
            hosts[id] = Objects.requireNonNull(function, "function");
            return this;
        }

        /**
         * Parses, validates and initialises.
         *
         * @throws InvalidProgramException when the blob or the arguments are unusable
         */
        public Invocation build() {
            Invocation inv = new Invocation(Loader.load(blob, args, gas, engine != null ? engine : Engine.auto()),
                    hosts.clone());
            if (hosts[KernelCodes.GAS_PROTOCOL] == HostFunction.GAS) {
                inv.kernel.enableInlineGas();
            }
            if (operation != null) {
                inv.setActiveReg(7, operation);
            }
            return inv;
        }
    }
}
