package io.jpvm.conformance;

import io.jpvm.interpreter.Interpreter;
import io.jpvm.interpreter.Machine;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.recompiler.NativeVm;
import io.jpvm.recompiler.RecompiledProgram;
import java.util.function.UnaryOperator;

/**
 * A program prepared once for one engine (decoded for the interpreter, translated to x86-64 for the
 * recompiler), from which any number of {@link Machine}s are made. {@link #close()} frees the
 * recompiler's code; machines made from it cannot run afterwards.
 */
public abstract sealed class MachineCode implements AutoCloseable {
    private final InterpreterProgram program;

    private MachineCode(InterpreterProgram program) {
        this.program = program;
    }

    /** The decoded program and its gas schedule. */
    public InterpreterProgram program() {
        return program;
    }

    public abstract MachineEngine engine();

    /** A machine at pc 0 with all registers 0, no gas and nothing mapped. */
    public abstract Machine newVm();

    /** A machine at pc 0 with all registers 0, no gas and the pages of {@code memory} (taken over or copied). */
    abstract Machine newVm(GuestMemory memory);

    /** A machine with {@code p}'s initial memory, registers and heap start (p must be this code's program). */
    public Machine newVm(LoadedProgram p) {
        Machine vm = newVm(p.newMemory());
        try {
            long[] regs = p.initialRegisters();
            for (int i = 0; i < 13; i++) {
                vm.setReg(i, regs[i]);
            }
            vm.setHeapStart(p.heapStart());
            return vm;
        } catch (RuntimeException | Error e) {
            vm.close();
            throw e;
        }
    }

    @Override
    public abstract void close();

    /** Maps every page of {@code from} into {@code vm} with the same access and contents. */
    static void copyMemory(GuestMemory from, Machine vm) {
        from.forEachMappedPage(page -> {
            vm.map(page, 1, from.isWritable(page << 12));
            byte[] bytes = from.page(page);
            for (byte b : bytes) {
                if (b != 0) {
                    vm.poke(page << 12, bytes);
                    break;
                }
            }
        });
    }

    static MachineCode interpreter(InterpreterProgram program) {
        return new Interpreted(program);
    }

    static MachineCode recompiled(InterpreterProgram program, RecompiledProgram code, boolean owned) {
        return new Recompiled(program, code, owned);
    }

    /** {@code base} with every machine it makes passed through {@code wrap} (for testing the harness itself). */
    static MachineCode wrapped(MachineCode base, UnaryOperator<Machine> wrap) {
        return new Wrapped(base, wrap);
    }

    /** Another code's machines, each wrapped. */
    private static final class Wrapped extends MachineCode {
        private final MachineCode base;
        private final UnaryOperator<Machine> wrap;

        Wrapped(MachineCode base, UnaryOperator<Machine> wrap) {
            super(base.program());
            this.base = base;
            this.wrap = wrap;
        }

        @Override
        public MachineEngine engine() {
            return base.engine();
        }

        @Override
        public Machine newVm() {
            return wrap.apply(base.newVm());
        }

        @Override
        Machine newVm(GuestMemory memory) {
            return wrap.apply(base.newVm(memory));
        }

        @Override
        public void close() {
            base.close();
        }
    }

    /** The interpreter's code: the decoded program itself. */
    private static final class Interpreted extends MachineCode {
        Interpreted(InterpreterProgram program) {
            super(program);
        }

        @Override
        public MachineEngine engine() {
            return MachineEngine.INTERPRETER;
        }

        @Override
        public Machine newVm() {
            return newVm(GuestMemory.forProfile(program().profile()));
        }

        @Override
        Machine newVm(GuestMemory memory) {
            return new Interpreter(program(), memory);
        }

        @Override
        public void close() {
            // nothing native
        }
    }

    /** Generated x86-64 code; freed on close when this object owns it. */
    private static final class Recompiled extends MachineCode {
        private final RecompiledProgram code;
        private final boolean owned;

        Recompiled(InterpreterProgram program, RecompiledProgram code, boolean owned) {
            super(program);
            this.code = code;
            this.owned = owned;
        }

        @Override
        public MachineEngine engine() {
            return MachineEngine.RECOMPILER;
        }

        @Override
        public Machine newVm() {
            return new NativeVm(code);
        }

        @Override
        Machine newVm(GuestMemory memory) {
            Machine vm = newVm();
            try {
                copyMemory(memory, vm);
                return vm;
            } catch (RuntimeException | Error e) {
                vm.close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (owned) {
                code.close();
            }
        }
    }
}
