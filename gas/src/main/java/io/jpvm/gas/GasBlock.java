package io.jpvm.gas;

/**
 * One gas block of a program.
 *
 * @param startPc      pc of the block's first instruction ({@code len(code)} for a block that is
 *                     only the implicit trap past the end)
 * @param startIndex   dense index of that instruction
 * @param instructions number of instructions in the block (the implicit trap past the end counts as
 *                     one when the block runs off the end)
 * @param cost         gas charged on entering the block
 */
public record GasBlock(int startPc, int startIndex, int instructions, long cost) {}
