package io.jpvm.recompiler.internal.signal;

import static io.jpvm.recompiler.internal.asm.Reg.R10;
import static io.jpvm.recompiler.internal.asm.Reg.R11;
import static io.jpvm.recompiler.internal.asm.Reg.R8;
import static io.jpvm.recompiler.internal.asm.Reg.R9;
import static io.jpvm.recompiler.internal.asm.Reg.RAX;
import static io.jpvm.recompiler.internal.asm.Reg.RCX;
import static io.jpvm.recompiler.internal.asm.Reg.RDI;
import static io.jpvm.recompiler.internal.asm.Reg.RDX;
import static io.jpvm.recompiler.internal.asm.Reg.RSI;
import static io.jpvm.recompiler.internal.asm.Reg.RSP;

import io.jpvm.recompiler.internal.asm.Cond;
import io.jpvm.recompiler.internal.asm.Label;
import io.jpvm.recompiler.internal.asm.Mem;
import io.jpvm.recompiler.internal.asm.X64Assembler;
import io.jpvm.recompiler.internal.memory.GuestWindow;
import io.jpvm.recompiler.internal.runtime.ContextLayout;

/**
 * Emits the signal handler: one {@code sa_sigaction}-style entry per signal, {@code void
 * handler(int sig, siginfo_t *info, ucontext_t *uc)}, entered by the kernel with rdi, rsi, rdx set and
 * the return address (glibc's {@code __restore_rt}) at [rsp].
 *
 * <pre>
 *   if info-&gt;si_code &gt; 0                                 // raised by the kernel for a fault
 *      and gregs[RIP] in a registered code range
 *      and (si_addr − gregs[R15]) &lt;u 4 GiB + 4 KiB          // in the guest window or its guard
 *      and (stub = ctx[FAULT_STUB]) in a registered range   // ctx = gregs[R15] − 4096
 *   then ctx[FAULT_ADDRESS] = si_addr; ctx[FAULT_RIP] = gregs[RIP]; gregs[RIP] = stub; return
 *   else chain:
 *      previous action a function: (SA_RESETHAND: reset to SIG_DFL first), jmp to it with
 *                                  the original rdi, rsi, rdx and rsp
 *      previous action SIG_DFL/IGN: rt_sigaction(sig, {that action}) and return, so the fault
 *                                  re-executes under it and kills the process; a signal sent by a
 *                                  process (si_code &lt;= 0) is re-raised with tgkill instead
 * </pre>
 *
 * Only rax, rcx and r8–r11 are used as scratch (the interrupted registers are in the ucontext and
 * restored by sigreturn); the chain path keeps rdi, rsi, rdx and rsp as the kernel set them. The
 * handler never touches memory it did not check first, except the context page: if gregs[R15] were
 * not a live window's base, reading ctx[FAULT_STUB] faults again, and (SA_NODEFER) that nested fault,
 * whose RIP is in the handler rather than in a registered range, chains to HotSpot, which writes a
 * crash report.
 */
final class HandlerCode {
    private HandlerCode() {}

    /** The guest window plus its trailing guard page: where a guest access can fault. */
    static final long FAULT_SPAN = GuestWindow.GUEST_SIZE + GuestWindow.GUARD_SIZE;

    /** The assembled handler and the offsets of its entry points. */
    record Code(byte[] bytes, int segvEntry, int busEntry) {}

    /**
     * Assembles both entries.
     *
     * @param table the native address of the {@link CodeRanges} table
     * @param counters the native address of two u64 counters: guest faults handled, signals chained
     * @param oldSegv the native address of the previous SIGSEGV {@code struct sigaction}
     * @param oldBus the native address of the previous SIGBUS {@code struct sigaction}
     */
    static Code assemble(long table, long counters, long oldSegv, long oldBus) {
        X64Assembler a = new X64Assembler(1024);
        int segv = a.position();
        emitEntry(a, table, counters, oldSegv);
        a.align(16);
        int bus = a.position();
        emitEntry(a, table, counters, oldBus);
        return new Code(a.finish(), segv, bus);
    }

    /** Offset of the "guest faults handled" counter. */
    static final int HANDLED_COUNTER = 0;
    /** Offset of the "signals chained to the previous action" counter. */
    static final int CHAINED_COUNTER = 8;

    private static void emitEntry(X64Assembler a, long table, long counters, long oldAction) {
        Label chain = new Label("chain");
        Label ripInCode = new Label("ripInCode");
        Label stubInCode = new Label("stubInCode");

        // a fault the kernel raised (si_code > 0), not a signal another process sent
        a.cmpl(Mem.of(RSI, Posix.SI_CODE), 0);
        a.jcc(Cond.LE, chain);

        a.movq(RAX, Mem.of(RDX, Posix.REG_RIP));
        emitRangeScan(a, table, ripInCode);
        a.jmp(chain);
        a.bind(ripInCode);

        // si_addr − guest base below 4 GiB + 4 KiB, unsigned
        a.movq(R10, Mem.of(RDX, Posix.REG_R15));
        a.movq(R11, Mem.of(RSI, Posix.SI_ADDR));
        a.subq(R11, R10);
        a.movabsq(R8, FAULT_SPAN);
        a.cmpq(R11, R8);
        a.jcc(Cond.AE, chain);

        // the exit stub named by the context page must be generated code too
        a.movq(RAX, Mem.of(R10, ContextLayout.fromGuestBase(ContextLayout.FAULT_STUB)));
        emitRangeScan(a, table, stubInCode);
        a.jmp(chain);
        a.bind(stubInCode);

        a.movq(R10, Mem.of(RDX, Posix.REG_R15));
        a.movq(R11, Mem.of(RSI, Posix.SI_ADDR));
        a.movq(Mem.of(R10, ContextLayout.fromGuestBase(ContextLayout.FAULT_ADDRESS)), R11);
        a.movq(R11, Mem.of(RDX, Posix.REG_RIP));
        a.movq(Mem.of(R10, ContextLayout.fromGuestBase(ContextLayout.FAULT_RIP)), R11);
        a.movq(Mem.of(RDX, Posix.REG_RIP), RAX);
        emitCount(a, counters + HANDLED_COUNTER);
        a.ret();

        a.bind(chain);
        emitCount(a, counters + CHAINED_COUNTER);
        emitChain(a, oldAction);
    }

    /**
     * Falls through if the address in rax is in no registered range, jumps to {@code found} if it is.
     * Clobbers rcx, r8–r11.
     */
    private static void emitRangeScan(X64Assembler a, long table, Label found) {
        Label loop = new Label("scan");
        Label notFound = new Label("notFound");
        a.movabsq(R8, table);
        a.movq(RCX, Mem.of(R8, CodeRanges.USED_OFFSET));
        a.movq(R9, RAX);
        a.shrq(R9, CodeRanges.PAGE_SHIFT); // the page of the address
        a.bind(loop);
        a.testq(RCX, RCX);
        a.jcc(Cond.E, notFound);
        a.addq(R8, 8); // slot i at SLOTS_OFFSET + 8 * i
        a.movq(R10, Mem.of(R8, CodeRanges.SLOTS_OFFSET - 8));
        a.movq(R11, R10);
        a.shrq(R11, CodeRanges.START_BITS); // length in pages
        a.shlq(R10, CodeRanges.LENGTH_BITS);
        a.shrq(R10, CodeRanges.LENGTH_BITS); // start page
        a.negq(R10);
        a.addq(R10, R9); // page − start
        a.cmpq(R10, R11);
        a.jcc(Cond.B, found);
        a.decq(RCX);
        a.jmp(loop);
        a.bind(notFound);
    }

    /** Hands the signal to the previous action, read at fault time from {@code oldAction}. */
    private static void emitChain(X64Assembler a, long oldAction) {
        Label toDefault = new Label("toDefault");
        Label jump = new Label("jump");
        Label back = new Label("back");
        Label failed = new Label("failed");

        a.movabsq(R8, oldAction);
        a.movq(RAX, Mem.of(R8, (int) Posix.SA_HANDLER));
        a.cmpq(RAX, (int) Posix.SIG_IGN);
        a.jcc(Cond.BE, toDefault);

        // a function: sa_sigaction(sig, info, uc) or sa_handler(sig) — the same tail jump, since the
        // extra arguments of the latter are ignored. SA_RESETHAND is honoured as the kernel would.
        a.testl(Mem.of(R8, (int) Posix.SA_FLAGS), Posix.SA_RESETHAND);
        a.jcc(Cond.E, jump);
        a.push(RDI);
        a.push(RSI);
        a.push(RDX);
        emitRtSigaction(a, null); // SIG_DFL; rdi still holds the signal number
        a.pop(RDX);
        a.pop(RSI);
        a.pop(RDI);
        a.movq(RAX, Mem.of(R8, (int) Posix.SA_HANDLER)); // r8 survives the syscall
        a.bind(jump);
        a.jmp(RAX);

        // SIG_DFL or SIG_IGN (in rax): restore it in the kernel and let the fault happen again
        a.bind(toDefault);
        a.movq(R9, RSI); // keep info
        emitRtSigaction(a, RAX);
        a.testq(RAX, RAX);
        a.jcc(Cond.NE, failed);
        a.cmpl(Mem.of(R9, Posix.SI_CODE), 0);
        a.jcc(Cond.G, back);
        // sent by a process (kill/tgkill/sigqueue): returning would drop it, so raise it again here;
        // the signal is not blocked (SA_NODEFER), so it is delivered as the syscall returns
        a.movl(R8, RDI);
        a.movl(RAX, Posix.SYS_GETPID);
        syscall(a);
        a.movq(R9, RAX);
        a.movl(RAX, Posix.SYS_GETTID);
        syscall(a);
        a.movq(RSI, RAX);
        a.movq(RDI, R9);
        a.movl(RDX, R8);
        a.movl(RAX, Posix.SYS_TGKILL);
        syscall(a);
        a.bind(back);
        a.ret();
        // rt_sigaction failed: returning would loop on the fault forever; die on an invalid opcode
        a.bind(failed);
        a.ud2();
    }

    /**
     * {@code rt_sigaction(edi, &{handler, 0, 0, 0}, NULL, 8)} with a kernel {@code struct sigaction}
     * (handler, flags, restorer, mask: 4 × 8 bytes) built on the stack; handler is {@code handler}'s
     * value, or SIG_DFL if null. Result in rax; clobbers rsi, rdx, r10, rcx, r11.
     */
    private static void emitRtSigaction(X64Assembler a, io.jpvm.recompiler.internal.asm.Reg handler) {
        a.push(0); // mask
        a.push(0); // restorer
        a.push(0); // flags
        if (handler == null) {
            a.push(0);
        } else {
            a.push(handler);
        }
        a.movq(RSI, RSP);
        a.xorl(RDX, RDX);
        a.movl(R10, Posix.KERNEL_SIGSET_SIZE);
        a.movl(RAX, Posix.SYS_RT_SIGACTION);
        syscall(a);
        a.leaq(RSP, Mem.of(RSP, 32)); // drop the struct without touching the flags
    }

    /** {@code lock inc qword [counter]}; clobbers r8. */
    private static void emitCount(X64Assembler a, long counter) {
        a.movabsq(R8, counter);
        a.emitByte(0xF0); // lock
        a.incq(Mem.of(R8, 0));
    }

    /** {@code syscall} (0F 05): clobbers rcx and r11, result in rax. */
    static void syscall(X64Assembler a) {
        a.emitByte(0x0F);
        a.emitByte(0x05);
    }
}
