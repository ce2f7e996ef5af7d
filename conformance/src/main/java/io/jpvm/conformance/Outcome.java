package io.jpvm.conformance;

import java.util.SortedMap;

/**
 * What an engine left behind after running a vector: status (vector naming), pc, registers, gas,
 * every non-zero byte of accessible memory, and the fault address for page faults.
 */
public record Outcome(String status, long pc, long[] regs, long gas, SortedMap<Long, Byte> memory,
                      Long pageFaultAddress) {}
