/**
 * The x86-64 code generator: one pass over a decoded {@link io.jpvm.isa.Program}, either profile,
 * with exactly the reference interpreter's semantics.
 *
 * <h2>Registers</h2>
 * All 13 PVM registers stay in host registers for the whole run ({@link
 * io.jpvm.recompiler.internal.codegen.RegisterMap}); r15 is the guest base (guest address 0 of the
 * VM's window), rdx the scratch register and the zero-extended guest address of every access, rsp
 * the native stack (never moved between the prologue and an exit). mul/div/shift-by-register borrow
 * rax (φ11) or rcx (φ12) through the context page's two scratch slots.
 *
 * <h2>Entry and exits</h2>
 * {@code void entry(long guestBase)} pushes rbx, rbp, r12–r15, stores rsp in {@code SAVED_RSP} and
 * the fault stub's address in {@code FAULT_STUB}, loads the registers from the context page and jumps
 * to {@code ENTRY_TARGET}: the instruction's code just after its block's gas check (the Java side
 * charges the entry cost, as {@code Interpreter.run()} does). Every exit writes an exit reason and the
 * dense instruction index, stores the registers, restores rsp and the callee-saved registers and
 * returns. The signal handler resumes a faulting access at the fault stub with all guest registers
 * intact; the trap table (native offset of each access → dense index) attributes it.
 *
 * <h2>Gas</h2>
 * Each block start: {@code sub qword [r15 − 4096 + GAS], cost; jl oog_stub} — the signed compare is
 * the interpreter's {@code gas < cost}, also for negative or huge gas. The stub exits with the
 * block's index; the Java side restores the charge (gp072) or zeroes the gas (javm).
 *
 * <h2>Never trap</h2>
 * Division checks the divisor (the low half for 32-bit forms) for 0 and, when signed, −1 before any
 * div/idiv; dynamic jumps bound-check the jump-table index; memory accesses are single instructions
 * on {@code [r15 + rdx]} with rdx &lt; 2^32, so they stay in the window or its trailing guard page.
 */
package io.jpvm.recompiler.internal.codegen;
