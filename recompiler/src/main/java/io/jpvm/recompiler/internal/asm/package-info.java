/**
 * A small x86-64 assembler for the PVM recompiler.
 *
 * <p>{@link io.jpvm.recompiler.internal.asm.X64Assembler} is the entry point: width-suffixed
 * instruction methods ({@code addq}, {@code movl}, {@code movzbq}, ...) in the style of Graal's
 * AMD64 assembler, over a single encoding core ({@link io.jpvm.recompiler.internal.asm.AsmEncoder})
 * that computes legacy prefixes, REX, ModRM, SIB and displacements in one place. Operands are
 * {@link io.jpvm.recompiler.internal.asm.Reg}, {@link io.jpvm.recompiler.internal.asm.Mem} and
 * {@code int}/{@code long} immediates; branch targets are
 * {@link io.jpvm.recompiler.internal.asm.Label}s patched when bound.
 *
 * <p>Operand order is Intel's: destination first. Width suffixes follow the AT&amp;T convention:
 * {@code b} = 8, {@code w} = 16, {@code l} = 32, {@code q} = 64 bits; two-width moves name both
 * (e.g. {@code movzbl} = zero-extend byte to 32 bits, {@code movslq} = MOVSXD).
 */
package io.jpvm.recompiler.internal.asm;
