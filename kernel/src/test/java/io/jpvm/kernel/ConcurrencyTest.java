package io.jpvm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Independent invocations on several threads share only the engine. */
class ConcurrencyTest {

    @Test
    void invocationsRunInParallel() throws Exception {
        byte[] blob = FibRecurTest.fibRecur();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<KernelResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                long n = 10 + (i % 6);
                results.add(pool.submit(() -> FibRecurTest.run(blob, n).run()));
            }
            long[] fib = {55, 89, 144, 233, 377, 610};
            for (int i = 0; i < results.size(); i++) {
                assertEquals(new KernelResult.Halt(fib[i % 6]), results.get(i).get());
            }
        }
    }
}
