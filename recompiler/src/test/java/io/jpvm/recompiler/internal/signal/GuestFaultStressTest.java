package io.jpvm.recompiler.internal.signal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Many guest faults on two threads while a third thread throws NPEs in JIT-compiled code and runs GCs. */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class GuestFaultStressTest {
    static final long FAULTS_PER_THREAD = 200_000;
    /** Upper bound on the run, so a slow machine shortens it instead of blowing the test budget. */
    static final long MAX_NANOS = 15_000_000_000L;

    @BeforeAll
    static void install() {
        assertTrue(SignalHandler.install());
    }

    @Test
    void faultsOnTwoThreadsWithNpesAndGcs() throws InterruptedException {
        FaultStress.Result r = FaultStress.run(2, FAULTS_PER_THREAD, MAX_NANOS);
        System.out.println("[signal stress] " + r);
        assertTrue(r.faults() >= 2 * 10_000, "at least some faults ran: " + r);
        assertTrue(r.npes() > 0, "the NPE thread ran: " + r);
        assertTrue(r.handled() >= r.faults(), "every guest fault went through the handler: " + r);
        assertTrue(r.chained() > 0, "HotSpot's own SIGSEGVs went through the chain: " + r);
    }

    @Test
    void measureFaultRoundTrip() {
        double us = FaultStress.faultRoundTripMicros(100_000);
        double plain = FaultStress.plainCallNanos();
        System.out.printf("[signal] guest fault round trip (fault -> handler -> exit stub -> Java): %.2f µs;"
                + " the same call without a fault: %.1f ns%n", us, plain);
        assertTrue(us > 0);
    }
}
