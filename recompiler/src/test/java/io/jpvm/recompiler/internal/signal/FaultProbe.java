package io.jpvm.recompiler.internal.signal;

import static io.jpvm.recompiler.internal.asm.Reg.R12;
import static io.jpvm.recompiler.internal.asm.Reg.R13;
import static io.jpvm.recompiler.internal.asm.Reg.R14;
import static io.jpvm.recompiler.internal.asm.Reg.R15;
import static io.jpvm.recompiler.internal.asm.Reg.RAX;
import static io.jpvm.recompiler.internal.asm.Reg.RBP;
import static io.jpvm.recompiler.internal.asm.Reg.RBX;
import static io.jpvm.recompiler.internal.asm.Reg.RCX;
import static io.jpvm.recompiler.internal.asm.Reg.RDI;
import static io.jpvm.recompiler.internal.asm.Reg.RDX;
import static io.jpvm.recompiler.internal.asm.Reg.RSI;
import static io.jpvm.recompiler.internal.asm.Reg.RSP;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jpvm.recompiler.internal.asm.Label;
import io.jpvm.recompiler.internal.asm.Mem;
import io.jpvm.recompiler.internal.asm.Reg;
import io.jpvm.recompiler.internal.asm.X64Assembler;
import io.jpvm.recompiler.internal.memory.CodeMemory;
import io.jpvm.recompiler.internal.memory.GuestWindow;
import io.jpvm.recompiler.internal.runtime.ContextLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A generated function {@code long f(long guestBase, long guestAddress)} that follows the generated-code
 * contract: saves the callee-saved registers, keeps the guest base in r15, stores rsp in SAVED_RSP and
 * its exit stub's address in FAULT_STUB, clobbers rbx/rbp/r12–r14, then performs one access and
 * returns 0; the exit stub restores rsp from SAVED_RSP and the registers and returns 1.
 */
final class FaultProbe implements AutoCloseable {
    /** The access performed. */
    enum Op {
        /** {@code mov rax, [r15 + guestAddress]}: an 8-byte load. */
        LOAD64,
        /** {@code mov [r15 + guestAddress], rcx} with rcx = {@link #STORED}: an 8-byte store. */
        STORE64,
        /** {@code movzx eax, byte [r15 + guestAddress]}: a 1-byte load. */
        LOAD8,
        /** {@code mov rax, [8]}: a load outside any window (a genuine crash; forked JVMs only). */
        ABSOLUTE8,
    }

    static final long STORED = 0x1122334455667788L;

    final Op op;
    final CodeMemory code;
    /** The native address of the access instruction. */
    final long accessRip;
    final long stubAddress;
    private final MethodHandle fn;

    /**
     * @param setStub whether the function stores its stub's address in FAULT_STUB (if not, it stores 0,
     *     and a fault must not be handled)
     */
    FaultProbe(Op op, boolean setStub) {
        this.op = op;
        X64Assembler a = new X64Assembler();
        Label stub = new Label("stub");
        Reg[] saved = {RBX, RBP, R12, R13, R14, R15};
        for (Reg r : saved) {
            a.push(r);
        }
        a.movq(R15, RDI);
        a.movq(Mem.of(R15, ContextLayout.fromGuestBase(ContextLayout.SAVED_RSP)), RSP);
        if (setStub) {
            a.leaq(RAX, stub);
        } else {
            a.xorl(RAX, RAX);
        }
        a.movq(Mem.of(R15, ContextLayout.fromGuestBase(ContextLayout.FAULT_STUB)), RAX);
        a.movl(RDX, RSI); // zero-extended 32-bit guest address
        for (Reg r : new Reg[] {RBX, RBP, R12, R13, R14}) {
            a.movq(r, -1); // the stub must restore these for Java
        }
        a.movabsq(RCX, STORED);
        int access = a.position();
        switch (op) {
            case LOAD64 -> a.movq(RAX, Mem.of(R15, RDX));
            case STORE64 -> a.movq(Mem.of(R15, RDX), RCX);
            case LOAD8 -> a.movzbl(RAX, Mem.of(R15, RDX));
            case ABSOLUTE8 -> a.movq(RAX, Mem.absolute(8));
        }
        a.xorl(RAX, RAX);
        for (int i = saved.length - 1; i >= 0; i--) {
            a.pop(saved[i]);
        }
        a.ret();
        a.align(16);
        int stubAt = a.position();
        a.bind(stub);
        a.movq(RSP, Mem.of(R15, ContextLayout.fromGuestBase(ContextLayout.SAVED_RSP)));
        a.movl(RAX, 1);
        for (int i = saved.length - 1; i >= 0; i--) {
            a.pop(saved[i]);
        }
        a.ret();
        byte[] bytes = a.finish();
        code = CodeMemory.allocate(bytes.length).write(bytes).seal();
        fn = code.entry(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG));
        accessRip = code.address() + access;
        stubAddress = code.address() + stubAt;
    }

    /** Runs the access in {@code window}: 0 if it completed, 1 if it faulted and the stub returned. */
    long run(GuestWindow window, long guestAddress) {
        try {
            return (long) fn.invokeExact(window.guestBase(), guestAddress);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static long faultAddress(GuestWindow w) {
        return ctx(w).get(JAVA_LONG, ContextLayout.FAULT_ADDRESS);
    }

    static long faultRip(GuestWindow w) {
        return ctx(w).get(JAVA_LONG, ContextLayout.FAULT_RIP);
    }

    static void clearFault(GuestWindow w) {
        ctx(w).set(JAVA_LONG, ContextLayout.FAULT_ADDRESS, 0);
        ctx(w).set(JAVA_LONG, ContextLayout.FAULT_RIP, 0);
    }

    private static MemorySegment ctx(GuestWindow w) {
        return w.contextSegment();
    }

    @Override
    public void close() {
        code.close();
    }
}
