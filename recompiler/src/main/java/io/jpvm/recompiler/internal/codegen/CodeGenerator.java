package io.jpvm.recompiler.internal.codegen;

import static io.jpvm.recompiler.internal.asm.Reg.R15;
import static io.jpvm.recompiler.internal.asm.Reg.RAX;
import static io.jpvm.recompiler.internal.asm.Reg.RCX;
import static io.jpvm.recompiler.internal.asm.Reg.RDI;
import static io.jpvm.recompiler.internal.asm.Reg.RDX;
import static io.jpvm.recompiler.internal.asm.Reg.RSP;

import io.jpvm.gas.GasSchedule;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import io.jpvm.recompiler.internal.asm.Cond;
import io.jpvm.recompiler.internal.asm.Mem;
import io.jpvm.recompiler.internal.asm.Reg;
import io.jpvm.recompiler.internal.runtime.ContextLayout;
import java.util.Arrays;

/**
 * Translates a decoded {@link Program} into x86-64 code in one pass over its dense instruction list,
 * for either profile, with exactly the interpreter's semantics.
 *
 * <h2>Layout</h2>
 * <pre>
 *   0        entry(guestBase): push callee-saved; r15 = guestBase; save rsp and the fault stub in the
 *            context; load the 13 guest registers; jmp [context.entryTarget]
 *            exit: store the 13 guest registers; rsp = saved rsp; pop; ret
 *            fault stub, common exit tails (exit reason + dense index in edx)
 *            the instructions, in dense order; every block start begins with its gas check
 *            cold stubs (mov edx, index; jmp tail) for out-of-gas and panicking branches
 *            the djump dispatch table: int32 offsets, relative to the table, of the targets' gas checks
 * </pre>
 *
 * <h2>Contract with the Java side</h2>
 * The Java side charges a run's entry cost itself (exactly like {@code Interpreter.run()}) and
 * enters at {@link GeneratedCode#bodyOffsets()}: just after a block's gas check. Every exit leaves
 * an {@link Exits exit reason} and the dense index of the exiting instruction in the context; the
 * Java side derives pc, argument and resume mode from them. Out of gas leaves the block's charge
 * subtracted (the Java side restores it for gp072 or sets 0 for javm). Guest memory faults arrive at
 * the fault stub through the signal handler, with every guest register intact; the trap table maps
 * the faulting instruction's offset to its dense index. rsp never changes between the prologue and
 * an exit.
 *
 * <h2>Gas</h2>
 * The context's gas field is read in the prologue and written back at the exit. In between the gas
 * lives in xmm15 (with AVX; else it stays in the context): every block start subtracts its cost from
 * a constant pool and tests the sign against the mask in xmm14. A self-loop (a block of rdx-free ALU
 * instructions closed by a conditional branch back to its own start) keeps the gas in rdx instead:
 * charged at the back edge, fused with the branch, its head 32-byte aligned; entries into such a loop
 * from the Java side go through stubs that move the gas into rdx first.
 */
public final class CodeGenerator {
    /** Internal operations beyond the PVM opcodes (profile-specific behaviour, as in the interpreter). */
    static final int OP_PANIC = 4;
    static final int OP_JUMP_IND_GP = 6;
    static final int OP_LOAD_IMM_JUMP_IND_GP = 7;

    private static final long HALT_ADDRESS = 0xFFFF0000L;

    private static final Mem GAS = ctx(ContextLayout.GAS);
    private static final Mem EXIT_REASON = ctx(ContextLayout.EXIT_REASON);
    private static final Mem NEXT_INDEX = ctx(ContextLayout.NEXT_INDEX);
    private static final Mem S0 = ctx(ContextLayout.SCRATCH0);
    private static final Mem S1 = ctx(ContextLayout.SCRATCH1);

    private final Program program;
    private final GasSchedule schedule;
    private final boolean gp;
    private final short[] internal;
    private final int count;
    private final Emitter a;
    private final int[] bodyPos;
    private final int[] checkPos;
    private final Label[] targetLabel;

    private final TrapTable traps = new TrapTable();
    private final HotInstructions hot;

    private Label[] stubLabel = new Label[64];
    private int[] stubIndex = new int[64];
    private Label[] stubTail = new Label[64];
    private int stubCount;

    private final Label exit = new Label("exit");
    private final Label faultStub = new Label("fault");
    private final Label panicTail = new Label("panic");
    private final Label trapTail = new Label("trap");
    private final Label oogTail = new Label("oog");
    private final Label hostTail = new Label("hostcall");
    private final Label ecallTail = new Label("ecall");
    private final Label sbrkTail = new Label("sbrk");
    /** {@link #inlineGasXmm} with too little gas: the 10 given back, then a host call exit. */
    private final Label giveBackTail = new Label("give-back");
    private final Label haltPreset = new Label("halt-preset");
    private final Label panicPreset = new Label("panic-preset");
    private final Label table = new Label("dispatch");
    private final java.util.HashMap<Long, Label> costLabels = new java.util.HashMap<>();

    /** The xmm register holding the gas during a run ({@link #XMM_GAS}), and the one holding 1 << 63. */
    static final int GAS_XMM = 15;
    static final int SIGN_XMM = 14;
    /** With {@link #XMM_GAS}: the count of GAS calls answered inline, added to the context at the exit. */
    static final int CALLS_XMM = 13;
    /**
     * Whether the gas lives in xmm15 while generated code runs (needs AVX; on by default where the CPU
     * has it; {@code -Djpvm.recompiler.gas=memory} keeps it in the context as before).
     */
    static final boolean XMM_GAS = !"memory".equals(System.getProperty("jpvm.recompiler.gas")) && cpuHas("avx");

    private static boolean cpuHas(String flag) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return java.util.Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                            .contains(flag);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** The body (after its gas check) of the block after an inline {@code ecalli 1}, bound when emitted. */
    private Label inlineBody;
    private int inlineBodyIndex;

    private CodeGenerator(GasSchedule schedule, byte[] code, int[] checkPos, Label[] targetLabel) {
        this.program = schedule.program();
        this.schedule = schedule;
        this.gp = program.profile() == Profile.GP072;
        this.internal = INTERNAL[gp ? 1 : 0];
        this.count = program.count();
        this.a = new Emitter(code);
        this.bodyPos = new int[count + 1];
        this.checkPos = checkPos;
        this.targetLabel = targetLabel;
        this.hot = new HotInstructions(a, program, traps);
    }

    /** A first guess at the code size: ≈ 10 bytes per instruction of typical code, plus the fixed parts. */
    private static int initialCapacity(int count) {
        return (int) Math.min(Integer.MAX_VALUE - 16, count * 12L + 1024);
    }

    /** Generates the code of {@code schedule.program()} with {@code schedule}'s block costs. */
    public static GeneratedCode generate(GasSchedule schedule) {
        int n = schedule.program().count();
        return new CodeGenerator(schedule, new byte[initialCapacity(n)], new int[n + 1], new Label[n + 1]).run();
    }

    /**
     * {@link #generate}, reusing this thread's working arrays: the returned code buffer belongs to the
     * thread and is valid only until its next call of this method (copy the code out first).
     */
    public static GeneratedCode generateTransient(GasSchedule schedule) {
        int n = schedule.program().count();
        Scratch s = Scratch.forThisThread(n, initialCapacity(n));
        GeneratedCode g = new CodeGenerator(schedule, s.code, s.checkPos, s.labels).run();
        s.release(g.buffer(), n);
        return g;
    }

    private static Mem ctx(int offset) {
        return Mem.of(R15, ContextLayout.fromGuestBase(offset));
    }

    private static Reg h(int guest) {
        return RegisterMap.host(guest);
    }

    // ------------------------------------------------------------------ driver

    private GeneratedCode run() {
        if (program.jumpTableSize() > (1 << 29)) {
            throw new IllegalArgumentException("jump table too large: " + program.jumpTableSize());
        }
        prologueAndTails();
        Arrays.fill(checkPos, 0, count + 1, -1);
        for (int i = 0; i <= count; i++) {
            int w = program.packed(i);
            if ((w & (Program.PACKED_BLOCK_START | Program.PACKED_VALID)) == Program.PACKED_VALID
                    && loopStart < 0 && inlineBody == null && i < count) {
                // the common case: an instruction inside a block, outside a self-loop
                bodyPos[i] = a.position();
                if (!hot.emit(i, w)) {
                    instruction(i, w);
                }
                continue;
            }
            if ((w & Program.PACKED_BLOCK_START) != 0) {
                checkPos[i] = a.position();
                if (targetLabel[i] != null) {
                    a.bind(targetLabel[i]);
                }
                charge(schedule.costAt(i), i);
                int e = selfLoopEnd(i);
                if (e >= 0) {
                    loopStart = i;
                    loopEnd = e;
                }
            }
            if (loopStart >= 0 && i > loopStart) {
                // inside a self-loop the gas is in rdx: entries from outside go through a stub
                Label in = new Label();
                a.bind(in);
                addEntry(i, in);
            } else {
                bodyPos[i] = a.position();
            }
            if (inlineBody != null && inlineBodyIndex == i) {
                a.bind(inlineBody);
                inlineBody = null;
            }
            if (i == loopStart) {
                gasToRdx();
                a.align(ALIGN_LOOPS);
                loopHead = new Label();
                a.bind(loopHead);
            }
            if (i == count) {
                end();
            } else if ((w & Program.PACKED_VALID) == 0 || !hot.emit(i, w)) {
                instruction(i, w);
            }
        }
        for (int k = 0; k < stubCount; k++) {
            a.bind(stubLabel[k]);
            a.movl(RDX, stubIndex[k]);
            a.jmp(stubTail[k]);
        }
        for (int k = 0; k < entryCount; k++) {
            bodyPos[entryIndex[k]] = a.position();
            gasToRdx();
            a.jmp(entryTarget[k]);
        }
        if (!costLabels.isEmpty()) {
            a.align(16);
            for (java.util.Map.Entry<Long, Label> e : costLabels.entrySet()) {
                a.bind(e.getValue());
                a.emitLong(e.getKey());
                a.emitLong(0);
            }
        }
        a.align(8);
        int tablePos = a.position();
        a.bind(table);
        int invalid = panicPreset.position() - tablePos;
        for (int j = 0; j < program.jumpTableSize(); j++) {
            int t = program.jumpTableIndex(j);
            a.emitInt(t >= 0 ? checkPos[t] - tablePos : invalid);
        }
        int size = a.position();
        byte[] code = a.finishInPlace();
        return new GeneratedCode(code, size, bodyPos, traps.offsets(), traps.indices(),
                tablePos);
    }

    private void prologueAndTails() {
        for (Reg r : RegisterMap.CALLEE_SAVED) {
            a.push(r);
        }
        a.movq(R15, RDI);
        a.movq(ctx(ContextLayout.SAVED_RSP), RSP);
        a.leaq(RDX, faultStub);
        a.movq(ctx(ContextLayout.FAULT_STUB), RDX);
        a.movl(EXIT_REASON, ContextLayout.EXIT_NONE);
        if (XMM_GAS) {
            a.movq(RDX, GAS);
            a.vmovqToXmm(GAS_XMM, RDX);
            a.movabsq(RDX, Long.MIN_VALUE);
            a.vmovqToXmm(SIGN_XMM, RDX);
            a.vpxorSelf(CALLS_XMM);
        }
        for (int k = 0; k < 13; k++) {
            a.movq(h(k), ctx(ContextLayout.REGS + 8 * k));
        }
        a.jmp(ctx(ContextLayout.ENTRY_TARGET));

        a.align(16);
        a.bind(exit);
        if (XMM_GAS) {
            gasToRdx();
            a.movq(GAS, RDX);
            a.vmovqFromXmm(RDX, CALLS_XMM);
            a.addq(ctx(ContextLayout.INLINE_GAS_CALLS), RDX);
        }
        for (int k = 0; k < 13; k++) {
            a.movq(ctx(ContextLayout.REGS + 8 * k), h(k));
        }
        a.movq(RSP, ctx(ContextLayout.SAVED_RSP));
        Reg[] saved = RegisterMap.CALLEE_SAVED;
        for (int k = saved.length - 1; k >= 0; k--) {
            a.pop(saved[k]);
        }
        a.ret();

        a.align(16);
        a.bind(faultStub);
        a.movl(EXIT_REASON, Exits.MEMORY_FAULT);
        a.jmp(exit);

        tail(panicTail, Exits.PANIC);
        tail(trapTail, Exits.TRAP);
        tail(oogTail, Exits.OUT_OF_GAS);
        tail(hostTail, Exits.HOST_CALL);
        tail(ecallTail, Exits.ECALL);
        tail(sbrkTail, Exits.SBRK);
        if (XMM_GAS) {
            a.bind(giveBackTail);
            a.vpaddqRip(GAS_XMM, costConstant(ContextLayout.INLINE_GAS_CHARGE));
            a.jmp(hostTail);
        }
        a.bind(haltPreset);
        a.movl(EXIT_REASON, Exits.HALT);
        a.jmp(exit);
        a.bind(panicPreset);
        a.movl(EXIT_REASON, Exits.PANIC);
        a.jmp(exit);
        a.align(16);
    }

    /** A common exit tail: the dense index arrives in edx. */
    private void tail(Label l, int reason) {
        a.bind(l);
        a.movl(NEXT_INDEX, RDX);
        a.movl(EXIT_REASON, reason);
        a.jmp(exit);
    }

    /** A cold stub {@code mov edx, index; jmp tail}, emitted after all instructions. */
    private Label stub(int index, Label tail) {
        if (stubCount == stubLabel.length) {
            int len = stubCount * 2;
            stubLabel = Arrays.copyOf(stubLabel, len);
            stubIndex = Arrays.copyOf(stubIndex, len);
            stubTail = Arrays.copyOf(stubTail, len);
        }
        Label l = new Label();
        stubLabel[stubCount] = l;
        stubIndex[stubCount] = index;
        stubTail[stubCount] = tail;
        stubCount++;
        return l;
    }

    /** Exits right here through {@code tail} with dense index {@code index}. */
    private void exitAt(int index, Label tail) {
        a.movl(RDX, index);
        a.jmp(tail);
    }

    /**
     * Charges a block: gas −= cost, out of gas when the result is negative (the gas is never negative
     * on entry: the Java side charges the entry itself and enters only with gas ≥ 0, so "negative after
     * the subtraction" is exactly the interpreter's signed "gas < cost"). With {@link #XMM_GAS} the
     * gas lives in xmm15 for the whole run ({@code vpsubq} of the cost from a constant pool, then
     * {@code vptest} against the sign mask in xmm14): no memory read-modify-write per block.
     */
    private void charge(long cost, int index) {
        if (XMM_GAS) {
            a.vpsubqRip(GAS_XMM, costConstant(cost));
            a.vptest(GAS_XMM, SIGN_XMM);
            a.jccNear(Cond.NE, stub(index, oogTail));
            return;
        }
        if (cost == (int) cost) {
            a.subq(GAS, (int) cost);
        } else {
            a.movImm64(RDX, cost);
            a.subq(GAS, RDX);
        }
        // signed "gas < cost", exactly the interpreter's comparison
        a.jccNear(Cond.L, stub(index, oogTail));
    }

    /**
     * javm {@code ecalli 1} at dense index {@code i} (its block is paid): if the context's
     * {@code inlineGas} flag is set and at least 10 gas are left (unsigned, as the kernel compares),
     * answer the GAS protocol here — gas −= 10, φ7 := gas, count the call — and go on to the next
     * block, charging it in the register (one store of the gas instead of two); otherwise exit as a
     * host call, gas untouched, and let the kernel decide. Out of gas for the next block exits at it
     * as its own check would (javm: the Java side sets the gas to 0).
     */
    private void inlineGas(int i) {
        if (XMM_GAS) {
            inlineGasXmm(i);
            return;
        }
        Label host = stub(i, hostTail);
        a.cmpl(ctx(ContextLayout.INLINE_GAS), 0);
        a.jccNear(Cond.E, host);
        loadGas();
        a.subq(RDX, ContextLayout.INLINE_GAS_CHARGE);
        a.jccNear(Cond.B, host);
        a.movq(h(7), RDX);
        a.addq(ctx(ContextLayout.INLINE_GAS_CALLS), 1);
        long next = schedule.costAt(i + 1);
        if (program.isBlockStart(i + 1) && next == (int) next) {
            a.subq(RDX, (int) next);
            a.jccNear(Cond.L, stub(i + 1, oogTail));
            storeGas();
            inlineBody = new Label("after-gas-" + i);
            inlineBodyIndex = i + 1;
            a.jmp(inlineBody);
        } else {
            storeGas(); // on into the next instruction's own gas check
        }
    }

    /**
     * {@link #inlineGas} with the gas in xmm15, all of it on the vector side: gas −= 10 and a sign test
     * (the gas is never negative after a block's check, so "negative now" is exactly "fewer than 10
     * left"), φ7 := gas, calls += 1 in xmm13. No general register round trip on the gas's dependency
     * chain: a host-call loop runs at the latency of its vpsubqs. The next block checks its own gas.
     * Too little gas: a cold stub gives the 10 back and exits as a host call.
     */
    private void inlineGasXmm(int i) {
        a.cmpl(ctx(ContextLayout.INLINE_GAS), 0);
        a.jccNear(Cond.E, stub(i, hostTail));
        a.vpsubqRip(GAS_XMM, costConstant(ContextLayout.INLINE_GAS_CHARGE));
        a.vptest(GAS_XMM, SIGN_XMM);
        a.jccNear(Cond.NE, stub(i, giveBackTail));
        a.vmovqFromXmm(h(7), GAS_XMM);
        a.vpaddqRip(CALLS_XMM, costConstant(1));
    }

    /** rdx := gas (from xmm15, or from the context). */
    private void loadGas() {
        if (XMM_GAS) {
            gasToRdx();
        } else {
            a.movq(RDX, GAS);
        }
    }

    /** gas := rdx (into xmm15, or into the context). */
    private void storeGas() {
        if (XMM_GAS) {
            a.vmovqToXmm(GAS_XMM, RDX);
        } else {
            a.movq(GAS, RDX);
        }
    }

    private void gasToRdx() {
        a.vmovqFromXmm(RDX, GAS_XMM);
    }

    /** The 16-byte constant-pool entry {cost, 0} for {@code vpsubq}, one per distinct cost. */
    private Label costConstant(long cost) {
        Label l = costLabels.get(cost);
        if (l == null) {
            l = new Label();
            costLabels.put(cost, l);
        }
        return l;
    }

    private void trap(int index) {
        traps.add(index, a.position());
    }

    /** Running off the end of the code: javm charges the implicit trap (1 gas) and traps; gp072 panics. */
    private void end() {
        if (gp) {
            exitAt(count, panicTail);
        } else {
            charge(schedule.endCharge(), count);
            exitAt(count, trapTail);
        }
    }

    /** Per profile (0 javm, 1 gp072) and opcode: the operation generated for a valid instruction. */
    private static final short[][] INTERNAL = new short[2][256];

    static {
        for (int op = 0; op < 256; op++) {
            INTERNAL[0][op] = (short) internalOp(op, false);
            INTERNAL[1][op] = (short) internalOp(op, true);
        }
    }

    private static int internalOp(int op, boolean gp) {
        return switch (op) {
            case Opcode.TRAP -> gp ? OP_PANIC : Opcode.TRAP;
            case Opcode.UNLIKELY, Opcode.FALLTHROUGH -> Opcode.FALLTHROUGH;
            case Opcode.SBRK -> gp ? Opcode.SBRK : OP_PANIC;
            case Opcode.JUMP_IND -> gp ? OP_JUMP_IND_GP : Opcode.JUMP_IND;
            case Opcode.LOAD_IMM_JUMP_IND -> gp ? OP_LOAD_IMM_JUMP_IND_GP : Opcode.LOAD_IMM_JUMP_IND;
            default -> op;
        };
    }

    // ------------------------------------------------------------------ instructions

    /** Instruction {@code i}, whose {@link Program#packed(int)} word is {@code w}, when it is not {@link #hot}. */
    private void instruction(int i, int w) {
        if ((w & Program.PACKED_VALID) != 0 && HotInstructions.isShiftByRegister(w & 0xFF)) {
            hot.shiftByRegister(i, w);
            return;
        }
        int op = (w & Program.PACKED_VALID) != 0 ? internal[w & 0xFF] : OP_PANIC;
        Reg ra = h((w >>> 8) & 15);
        Reg rb = h((w >>> 12) & 15);
        Reg rd = h((w >>> 16) & 15);
        long x = program.imm1(i);
        long y = program.imm2(i);
        int xi = (int) x;
        switch (op) {
            // ---------------------------------------------------------- terminators and exits
            case Opcode.TRAP -> exitAt(i, trapTail);
            case OP_PANIC -> exitAt(i, panicTail);
            case Opcode.FALLTHROUGH -> { }
            case Opcode.ECALL -> exitAt(i, ecallTail);
            case Opcode.ECALLI -> {
                if (!gp && (x & 0xFFFFFFFFL) == 1) {
                    inlineGas(i);
                } else {
                    exitAt(i, hostTail);
                }
            }
            case Opcode.SBRK -> exitAt(i, sbrkTail);
            case Opcode.JUMP -> jumpTo(i);
            case Opcode.LOAD_IMM_JUMP -> {
                a.movImm64(ra, x);
                jumpTo(i);
            }
            case Opcode.JUMP_IND -> {
                address(ra, x);
                djump(i, false);
            }
            case OP_JUMP_IND_GP -> {
                address(ra, x);
                djump(i, true);
            }
            case Opcode.LOAD_IMM_JUMP_IND -> {
                a.movImm64(ra, x);
                address(rb, y);
                djump(i, false);
            }
            case OP_LOAD_IMM_JUMP_IND_GP -> {
                address(rb, y);
                a.movImm64(ra, x);
                djump(i, true);
            }
            case Opcode.BRANCH_EQ_IMM -> branchImm(i, ra, xi, Cond.E);
            case Opcode.BRANCH_NE_IMM -> branchImm(i, ra, xi, Cond.NE);
            case Opcode.BRANCH_LT_U_IMM -> branchImm(i, ra, xi, Cond.B);
            case Opcode.BRANCH_LE_U_IMM -> branchImm(i, ra, xi, Cond.BE);
            case Opcode.BRANCH_GE_U_IMM -> branchImm(i, ra, xi, Cond.AE);
            case Opcode.BRANCH_GT_U_IMM -> branchImm(i, ra, xi, Cond.A);
            case Opcode.BRANCH_LT_S_IMM -> branchImm(i, ra, xi, Cond.L);
            case Opcode.BRANCH_LE_S_IMM -> branchImm(i, ra, xi, Cond.LE);
            case Opcode.BRANCH_GE_S_IMM -> branchImm(i, ra, xi, Cond.GE);
            case Opcode.BRANCH_GT_S_IMM -> branchImm(i, ra, xi, Cond.G);
            case Opcode.BRANCH_EQ -> branchReg(i, ra, rb, Cond.E);
            case Opcode.BRANCH_NE -> branchReg(i, ra, rb, Cond.NE);
            case Opcode.BRANCH_LT_U -> branchReg(i, ra, rb, Cond.B);
            case Opcode.BRANCH_LT_S -> branchReg(i, ra, rb, Cond.L);
            case Opcode.BRANCH_GE_U -> branchReg(i, ra, rb, Cond.AE);
            case Opcode.BRANCH_GE_S -> branchReg(i, ra, rb, Cond.GE);

            // ---------------------------------------------------------- constants
            case Opcode.LOAD_IMM_64, Opcode.LOAD_IMM -> a.movImm64(ra, x);

            // ---------------------------------------------------------- memory, absolute address
            case Opcode.STORE_IMM_U8 -> storeImm(i, xi, 1, y);
            case Opcode.STORE_IMM_U16 -> storeImm(i, xi, 2, y);
            case Opcode.STORE_IMM_U32 -> storeImm(i, xi, 4, y);
            case Opcode.STORE_IMM_U64 -> storeImm(i, xi, 8, y);
            case Opcode.LOAD_U8, Opcode.LOAD_I8, Opcode.LOAD_U16, Opcode.LOAD_I16, Opcode.LOAD_U32, Opcode.LOAD_I32,
                    Opcode.LOAD_U64 -> {
                a.movl(RDX, xi);
                load(i, op - Opcode.LOAD_U8, ra);
            }
            case Opcode.STORE_U8, Opcode.STORE_U16, Opcode.STORE_U32, Opcode.STORE_U64 -> {
                a.movl(RDX, xi);
                store(i, 1 << (op - Opcode.STORE_U8), ra);
            }
            // ---------------------------------------------------------- memory, register + offset
            case Opcode.STORE_IMM_IND_U8, Opcode.STORE_IMM_IND_U16, Opcode.STORE_IMM_IND_U32,
                    Opcode.STORE_IMM_IND_U64 -> {
                address(ra, x);
                storeImmAt(i, 1 << (op - Opcode.STORE_IMM_IND_U8), y);
            }

            default -> {
                if (op >= Opcode.MOVE_REG && op <= Opcode.REVERSE_BYTES) {
                    twoRegisters(op, rd, ra);
                } else if (op >= Opcode.ADD_IMM_32 && op <= Opcode.ROT_R_32_IMM_ALT) {
                    registerImmediate(op, ra, rb, x);
                } else if (op >= Opcode.ADD_32 && op <= Opcode.MIN_U) {
                    threeRegisters(op, rd, ra, rb);
                } else {
                    throw new IllegalStateException("no code generator for opcode " + op + " at pc " + program.pcOf(i));
                }
            }
        }
    }

    /** Two registers: d := f(a). */
    private void twoRegisters(int op, Reg rd, Reg ra) {
        switch (op) {
            // ---------------------------------------------------------- two registers: d := f(a)
            case Opcode.COUNT_SET_BITS_64 -> a.popcntq(rd, ra);
            case Opcode.COUNT_SET_BITS_32 -> a.popcntl(rd, ra);
            case Opcode.LEADING_ZERO_BITS_64 -> a.lzcntq(rd, ra);
            case Opcode.LEADING_ZERO_BITS_32 -> a.lzcntl(rd, ra);
            case Opcode.TRAILING_ZERO_BITS_64 -> a.tzcntq(rd, ra);
            case Opcode.TRAILING_ZERO_BITS_32 -> a.tzcntl(rd, ra);
            case Opcode.SIGN_EXTEND_8 -> a.movsbq(rd, ra);
            case Opcode.SIGN_EXTEND_16 -> a.movswq(rd, ra);
            case Opcode.ZERO_EXTEND_16 -> a.movzwl(rd, ra);
            case Opcode.REVERSE_BYTES -> {
                mov(rd, ra);
                a.bswapq(rd);
            }

            default -> throw new IllegalStateException("opcode " + op);
        }
    }

    /** Two registers and an immediate: a := f(b, X). */
    private void registerImmediate(int op, Reg ra, Reg rb, long x) {
        int xi = (int) x;
        switch (op) {
            // ---------------------------------------------------------- two registers and an immediate: a := f(b, X)
            case Opcode.NEG_ADD_IMM_32 -> {
                if (ra == rb) {
                    a.negl(ra);
                    a.addl(ra, xi);
                } else {
                    a.movl(ra, xi);
                    a.subl(ra, rb);
                }
                a.movslq(ra, ra);
            }
            case Opcode.NEG_ADD_IMM_64 -> {
                if (ra == rb) {
                    a.negq(ra);
                    a.addq(ra, xi);
                } else {
                    a.movImm64(ra, x);
                    a.subq(ra, rb);
                }
            }
            case Opcode.CMOV_IZ_IMM, Opcode.CMOV_NZ_IMM -> {
                a.movImm64(RDX, x);
                a.testq(rb, rb);
                a.cmovq(op == Opcode.CMOV_IZ_IMM ? Cond.E : Cond.NE, ra, RDX);
            }

            default -> throw new IllegalStateException("opcode " + op);
        }
    }

    /** Three registers: d := f(a, b). */
    private void threeRegisters(int op, Reg rd, Reg ra, Reg rb) {
        switch (op) {
            // ---------------------------------------------------------- three registers: d := f(a, b)
            case Opcode.MUL_32 -> {
                a.movl(RDX, ra);
                a.imull(RDX, rb);
                a.movslq(rd, RDX);
            }
            case Opcode.DIV_U_32, Opcode.DIV_S_32, Opcode.REM_U_32, Opcode.REM_S_32, Opcode.DIV_U_64,
                    Opcode.DIV_S_64, Opcode.REM_U_64, Opcode.REM_S_64 -> divide(op, rd, ra, rb);
            case Opcode.MUL_UPPER_S_S, Opcode.MUL_UPPER_U_U, Opcode.MUL_UPPER_S_U -> mulUpper(op, rd, ra, rb);
            case Opcode.CMOV_IZ, Opcode.CMOV_NZ -> {
                a.testq(rb, rb);
                a.cmovq(op == Opcode.CMOV_IZ ? Cond.E : Cond.NE, rd, ra);
            }
            case Opcode.AND_INV -> {
                a.movq(RDX, rb);
                a.notq(RDX);
                a.andq(RDX, ra);
                a.movq(rd, RDX);
            }
            case Opcode.OR_INV -> {
                a.movq(RDX, rb);
                a.notq(RDX);
                a.orq(RDX, ra);
                a.movq(rd, RDX);
            }
            case Opcode.XNOR -> {
                a.movq(RDX, ra);
                a.xorq(RDX, rb);
                a.notq(RDX);
                a.movq(rd, RDX);
            }
            default -> throw new IllegalStateException("opcode " + op);
        }
    }

    private void mov(Reg dst, Reg src) {
        if (dst != src) {
            a.movq(dst, src);
        }
    }

    // ------------------------------------------------------------------ control flow

    private void jumpTo(int i) {
        int t = program.targetIndex(i);
        if (t >= 0) {
            a.jmp(target(t));
        } else {
            exitAt(i, panicTail);
        }
    }

    /**
     * The label of block start {@code t}, made on first use: bound already if its code is emitted (a
     * backward branch: its gas check is at {@code checkPos[t]}), else bound when the driver gets there.
     */
    private Label target(int t) {
        Label l = targetLabel[t];
        if (l == null) {
            l = checkPos[t] >= 0 ? Label.at(checkPos[t]) : new Label();
            targetLabel[t] = l;
        }
        return l;
    }

    private static boolean fitsInt(long v) {
        return v == (int) v;
    }

    private void branch(int i, Cond cc) {
        int t = program.targetIndex(i);
        if (t >= 0) {
            a.jcc(cc, target(t));
        } else {
            a.jccNear(cc, stub(i, panicTail));
        }
    }

    private void branchImm(int i, Reg r, int imm, Cond cc) {
        a.cmpq(r, imm);
        if (i == loopEnd) {
            loopBackEdge(cc);
        } else {
            branch(i, cc);
        }
    }

    private void branchReg(int i, Reg r1, Reg r2, Cond cc) {
        a.cmpq(r1, r2);
        if (i == loopEnd) {
            loopBackEdge(cc);
        } else {
            branch(i, cc);
        }
    }

    // ------------------------------------------------------------------ self-loops with the gas in rdx

    /**
     * Opcodes whose code never touches rdx (the scratch register), so that a loop made only of them
     * can keep the gas in rdx: no memory access, no shift by register, no set/select/division.
     */
    private static final boolean[] RDX_FREE = new boolean[256];

    static {
        int[] ops = {Opcode.LOAD_IMM, Opcode.LOAD_IMM_64, Opcode.MOVE_REG, Opcode.COUNT_SET_BITS_64,
            Opcode.COUNT_SET_BITS_32, Opcode.LEADING_ZERO_BITS_64, Opcode.LEADING_ZERO_BITS_32,
            Opcode.TRAILING_ZERO_BITS_64, Opcode.TRAILING_ZERO_BITS_32, Opcode.SIGN_EXTEND_8, Opcode.SIGN_EXTEND_16,
            Opcode.ZERO_EXTEND_16, Opcode.REVERSE_BYTES, Opcode.ADD_IMM_32, Opcode.AND_IMM, Opcode.XOR_IMM,
            Opcode.OR_IMM, Opcode.MUL_IMM_32, Opcode.SHLO_L_IMM_32, Opcode.SHLO_R_IMM_32, Opcode.SHAR_R_IMM_32,
            Opcode.ROT_R_32_IMM, Opcode.SHLO_L_IMM_64, Opcode.SHLO_R_IMM_64, Opcode.SHAR_R_IMM_64,
            Opcode.ROT_R_64_IMM, Opcode.NEG_ADD_IMM_32, Opcode.NEG_ADD_IMM_64, Opcode.ADD_IMM_64,
            Opcode.MUL_IMM_64, Opcode.ADD_32, Opcode.ADD_64, Opcode.SUB_64, Opcode.MUL_64, Opcode.AND,
            Opcode.XOR, Opcode.OR, Opcode.CMOV_IZ, Opcode.CMOV_NZ};
        for (int op : ops) {
            RDX_FREE[op] = true;
        }
    }

    /**
     * Self-loop heads start at a multiple of this (the nops run once per loop entry): fib's 29-byte
     * loop then sits in one 32-byte fetch window, half the time per iteration of an unaligned one.
     */
    static final int ALIGN_LOOPS = 32;

    /** Dense index of the conditional branch closing the self-loop being emitted, or -1. */
    private int loopEnd = -1;
    private int loopStart = -1;
    private Label loopHead;
    /** Interior instructions of self-loops: their entry stubs (gas into rdx, then into the loop). */
    private int[] entryIndex = new int[8];
    private Label[] entryTarget = new Label[8];
    private int entryCount;

    private void addEntry(int index, Label target) {
        if (entryCount == entryIndex.length) {
            entryIndex = Arrays.copyOf(entryIndex, entryCount * 2);
            entryTarget = Arrays.copyOf(entryTarget, entryCount * 2);
        }
        entryIndex[entryCount] = index;
        entryTarget[entryCount] = target;
        entryCount++;
    }

    /**
     * If the block starting at {@code start} is a self-loop — straight-line rdx-free instructions
     * closed by a conditional branch back to {@code start} — the index of that branch, else -1.
     */
    private int selfLoopEnd(int start) {
        if (!XMM_GAS || start >= count || !fitsInt(schedule.costAt(start))) {
            return -1;
        }
        int e = program.blockEnd(start);
        if (e >= count || program.targetIndex(e) != start) {
            return -1;
        }
        int op = program.opcode(e);
        boolean conditional = (op >= Opcode.BRANCH_EQ_IMM && op <= Opcode.BRANCH_GT_S_IMM)
                || (op >= Opcode.BRANCH_EQ && op <= Opcode.BRANCH_GE_S);
        if (!conditional) {
            return -1;
        }
        for (int k = start; k < e; k++) {
            int w = program.packed(k);
            if ((w & Program.PACKED_VALID) == 0 || !RDX_FREE[w & 0xFF]) {
                return -1;
            }
        }
        return e;
    }

    /**
     * The back edge of a self-loop, after its compare: taken → charge the loop block in rdx and go
     * round (out of gas: the charge stays subtracted, exactly the block's own check); not taken →
     * the gas goes back to xmm15 and execution falls into the next block's check.
     */
    private void loopBackEdge(Cond cc) {
        Label leave = new Label();
        a.jcc(cc.negate(), leave);
        a.subq(RDX, (int) schedule.costAt(loopStart));
        a.jcc(Cond.GE, loopHead);
        a.vmovqToXmm(GAS_XMM, RDX);
        a.jmpNear(stub(loopStart, oogTail));
        a.bind(leave);
        a.vmovqToXmm(GAS_XMM, RDX);
        loopEnd = -1;
        loopStart = -1;
        loopHead = null;
    }

    /** edx := (base + imm) mod 2^32 (the hot path's form: {@code lea edx, [base + disp]}). */
    private void address(Reg base, long imm) {
        a.leaDisp(false, RDX.ordinal(), base.ordinal(), (int) imm);
    }

    /**
     * Dynamic jump to the 32-bit address in edx: gp072's halt address halts; address 2(k+1) goes to
     * jump-table entry k when it is a valid target; everything else panics at this instruction.
     */
    private void djump(int i, boolean haltAddress) {
        a.movl(NEXT_INDEX, i); // for the shared halt/panic tails and invalid table entries
        if (haltAddress) {
            a.cmpl(RDX, (int) HALT_ADDRESS);
            a.jcc(Cond.E, haltPreset);
        }
        int len = program.jumpTableSize();
        if (len == 0) {
            a.jmp(panicPreset);
            return;
        }
        // k = rotr32(addr, 1) - 1: odd addresses get the top bit, address 0 wraps to 2^32 - 1
        a.rorl(RDX, 1);
        a.subl(RDX, 1);
        a.cmpl(RDX, len);
        a.jcc(Cond.AE, panicPreset);
        a.movq(S0, RAX);
        a.leaq(RAX, table);
        a.movslq(RDX, Mem.of(RAX, RDX, 4, 0));
        a.addq(RDX, RAX);
        a.movq(RAX, S0);
        a.jmp(RDX);
    }

    // ------------------------------------------------------------------ memory

    /** kind 0..6 = u8, i8, u16, i16, u32, i32, u64 (the order of the load opcodes). */
    private void load(int i, int kind, Reg dst) {
        traps.add(i, a.guestAccess(kind, dst.ordinal()));
    }

    private void store(int i, int width, Reg src) {
        traps.add(i, a.guestAccess(7 + Integer.numberOfTrailingZeros(width), src.ordinal()));
    }

    private void storeImm(int i, int address, int width, long value) {
        a.movl(RDX, address);
        storeImmAt(i, width, value);
    }

    private void storeImmAt(int i, int width, long value) {
        trap(i);
        a.guestImm(width, (int) value); // 64-bit: value is a sign-extended 32-bit immediate
    }

    // ------------------------------------------------------------------ arithmetic helpers

    /**
     * Division and remainder, never trapping: a zero divisor (the low 32 bits for 32-bit forms)
     * and signed division by −1 are handled before any div/idiv, so #DE is impossible. The divisor
     * is parked in a scratch slot; φ11 (rax) in the other one unless it is the destination.
     */
    private void divide(int op, Reg rd, Reg ra, Reg rb) {
        boolean w32 = op <= Opcode.REM_S_32;
        boolean signed = op == Opcode.DIV_S_32 || op == Opcode.REM_S_32 || op == Opcode.DIV_S_64
                || op == Opcode.REM_S_64;
        boolean rem = op == Opcode.REM_U_32 || op == Opcode.REM_S_32 || op == Opcode.REM_U_64
                || op == Opcode.REM_S_64;
        Label nonZero = new Label();
        Label done = new Label();
        if (w32) {
            a.testl(rb, rb);
        } else {
            a.testq(rb, rb);
        }
        a.jcc(Cond.NE, nonZero);
        if (!rem) {
            a.movq(rd, -1);
        } else if (w32) {
            a.movslq(rd, ra);
        } else {
            mov(rd, ra);
        }
        a.jmp(done);
        a.bind(nonZero);
        if (signed) {
            Label normal = new Label();
            if (w32) {
                a.cmpl(rb, -1);
            } else {
                a.cmpq(rb, -1);
            }
            a.jcc(Cond.NE, normal);
            if (rem) {
                a.xorl(rd, rd);
            } else if (w32) {
                a.movl(RDX, ra);
                a.negl(RDX);
                a.movslq(rd, RDX);
            } else {
                a.movq(RDX, ra);
                a.negq(RDX);
                a.movq(rd, RDX);
            }
            a.jmp(done);
            a.bind(normal);
        }
        a.movq(S1, rb);
        if (rd != RAX) {
            a.movq(S0, RAX);
        }
        if (w32) {
            a.movl(RAX, ra);
        } else {
            mov(RAX, ra);
        }
        if (signed) {
            if (w32) {
                a.cdq();
            } else {
                a.cqo();
            }
        } else {
            a.xorl(RDX, RDX);
        }
        if (w32) {
            if (signed) {
                a.idivl(S1);
            } else {
                a.divl(S1);
            }
        } else if (signed) {
            a.idivq(S1);
        } else {
            a.divq(S1);
        }
        Reg result = rem ? RDX : RAX;
        if (w32) {
            a.movslq(rd, result);
        } else {
            mov(rd, result);
        }
        if (rd != RAX) {
            a.movq(RAX, S0);
        }
        a.bind(done);
    }

    /** The upper 64 bits of the 128-bit product (signed×signed, unsigned×unsigned, signed×unsigned). */
    private void mulUpper(int op, Reg rd, Reg ra, Reg rb) {
        boolean su = op == Opcode.MUL_UPPER_S_U;
        a.movq(S1, rb);
        if (rd != RAX || su) {
            a.movq(S0, RAX);
        }
        mov(RAX, ra);
        if (op == Opcode.MUL_UPPER_S_S) {
            a.imulq(S1);
        } else {
            a.mulq(S1);
        }
        if (su) {
            // signed a × unsigned b = unsigned product − (a < 0 ? b << 64 : 0)
            if (ra != RAX) {
                a.movq(RAX, ra);
            } else {
                a.movq(RAX, S0);
            }
            a.sarq(RAX, 63);
            a.andq(RAX, S1);
            a.subq(RDX, RAX);
        }
        if (rd == RAX) {
            a.movq(RAX, RDX);
        } else {
            a.movq(rd, RDX);
            a.movq(RAX, S0);
        }
    }
}
