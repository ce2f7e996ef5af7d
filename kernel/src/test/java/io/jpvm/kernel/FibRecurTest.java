package io.jpvm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fib_recur benchmark program (one VM per recursive call) against its expected results. */
class FibRecurTest {

    static String resource(String name) {
        try (InputStream in = FibRecurTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] fibRecur() {
        return K.jar(resource("io/jpvm/isa/programs/fib_recur.jpvmasm"));
    }

    /** Rows n, fib(n), live VMs. */
    static List<long[]> expected() {
        List<long[]> rows = new ArrayList<>();
        for (String line : resource("io/jpvm/isa/programs/fib_recur.expected").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.trim().split("\\s+");
                rows.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return rows;
    }

    static Invocation run(byte[] blob, long n) {
        Invocation inv = K.builder(blob).gas(10_000_000_000L).operation(n).build();
        return inv;
    }

    @Test
    void smallArguments() {
        byte[] blob = fibRecur();
        for (long[] row : expected()) {
            if (row[0] == 20) {
                continue;
            }
            Invocation inv = run(blob, row[0]);
            assertEquals(new KernelResult.Halt(row[1]), inv.run(), "fib_recur(" + row[0] + ")");
            assertEquals(row[2], inv.liveVms(), "live VMs for n = " + row[0]);
            assertEquals(row[2], inv.vmsCreated());
        }
    }

    @Test
    void fibRecur20() {
        byte[] blob = fibRecur();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            Invocation inv = run(blob, 20);
            KernelResult r = inv.run();
            long t1 = System.nanoTime();
            assertEquals(new KernelResult.Halt(6765), r);
            assertEquals(21_891, inv.liveVms());
            assertEquals(21_891, inv.vmsCreated());
            System.out.printf("fib_recur(20) = 6765, %d live VMs, run %d: %.1f ms (set-up included)%n",
                    inv.liveVms(), round + 1, (t1 - t0) / 1e6);
        }
    }
}
