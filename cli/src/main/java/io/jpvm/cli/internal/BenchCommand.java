package io.jpvm.cli.internal;

import io.jpvm.conformance.ReferenceProgram;
import io.jpvm.conformance.VmFootprint;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import io.jpvm.recompiler.Platform;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jpvm bench}: a quick in-process benchmark (JMH numbers: bench/target/benchmarks.jar). */
@Command(name = "bench", sortOptions = false,
        description = {"Quick in-process benchmark of execution and decoding.",
                "The fib loop (1,000,000 iterations, 5,000,000 PVM instructions) on every engine in both "
                        + "profiles, the host-call loop, insertion sort and fib_recur(20) on the capability kernel "
                        + "with the idle-VM footprint, the interpreter's decode time per instruction on a 32,000-instruction "
                        + "random ALU/load/store program and the recompiler's compile time per instruction on it "
                        + "(decode, gas, code generation + code memory, total); medians after warm-up. For rigorous numbers use JMH: "
                        + "java -jar bench/target/benchmarks.jar"})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Fewer warm-up and timed runs.")
    boolean quick;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int warm = quick ? 2 : 10;
        int runs = quick ? 3 : 9;
        boolean ok = true;
        out.printf(Locale.ROOT, "fib loop: %,d iterations = %,d PVM instructions; median of %d runs after %d "
                + "warm-up runs (execution only)%n", Workloads.FIB_ITERATIONS,
                Workloads.fib(Profile.JAVM).loopInstructions(), runs, warm);
        TextTable fib = new TextTable("engine", "profile", "φ7", "gas used", "median ms", "M instr/s");
        for (Engine e : Engines.available()) {
            for (Profile p : Profile.values()) {
                ProgramRun.Timed t = ProgramRun.time(e, Workloads.fib(p), warm, runs);
                ok &= t.correct();
                fib.row(e.name(), p.id(), hex(t.last().result()) + (t.correct() ? "" : " WRONG"),
                        String.format(Locale.ROOT, "%,d", t.last().gasUsed()),
                        String.format(Locale.ROOT, "%.2f", t.medianMs()),
                        String.format(Locale.ROOT, "%.1f", t.mips()));
            }
        }
        fib.print(out);
        machineLevelNote(out);
        out.println();
        CodeBlob code = Workloads.randomCode(Workloads.DECODE_INSTRUCTIONS, DecodeRun.SEED);
        int dwarm = quick ? 5 : 20;
        int druns = quick ? 5 : 15;
        out.printf(Locale.ROOT, "decode: Program.of + InterpreterProgram.compile of %,d random ALU/load/store "
                + "instructions (%,d bytes); median of %d runs after %d warm-up runs%n",
                Workloads.DECODE_INSTRUCTIONS, code.length(), druns, dwarm);
        TextTable dec = new TextTable("profile", "median ms", "ns/instruction");
        for (Profile p : Profile.values()) {
            DecodeRun.Timed t = DecodeRun.time(code, p, dwarm, druns);
            dec.row(p.id(), String.format(Locale.ROOT, "%.3f", t.medianMs()),
                    String.format(Locale.ROOT, "%.1f", t.nsPerInstruction()));
        }
        dec.print(out);
        if (Platform.supported()) {
            out.println();
            int cwarm = quick ? 60 : 300;
            int cruns = quick ? 11 : 41;
            out.printf(Locale.ROOT, "recompiler compile time, ns per instruction of the same program; median of %d "
                    + "runs after %d warm-up runs, each stage in its own loop%n", cruns, cwarm);
            TextTable comp = new TextTable("profile", "decode", "gas", "codegen + code memory", "total");
            for (Profile p : Profile.values()) {
                CompileRun.Timed t = CompileRun.time(code, p, cwarm, cruns);
                comp.row(p.id(), ns(t.decode()), ns(t.gas()), ns(t.codegen()), ns(t.total()));
            }
            comp.print(out);
        }
        out.println();
        // the kernel programs last: they leave a large live heap (the idle-VM footprint) behind
        ok &= kernelPrograms(out, warm, runs);
        out.flush();
        if (!ok) {
            spec.commandLine().getErr().println("jpvm: a benchmark program produced a wrong result");
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    /** Host calls, sort and fib_recur(20) on the capability kernel, and the idle-VM footprint. */
    private boolean kernelPrograms(PrintWriter out, int warm, int runs) {
        boolean ok = true;
        out.printf(Locale.ROOT, "kernel programs (javm, JAR v2 on the capability kernel): median of %d runs after %d "
                + "warm-up runs (execution only)%n", runs, warm);
        TextTable t = new TextTable("engine", "program", "φ7", "VMs", "gas used", "median ms");
        for (Engine e : Engines.available()) {
            if (!e.runsKernelPrograms()) {
                continue;
            }
            for (ReferenceProgram p : new ReferenceProgram[] {
                    ReferenceProgram.HOSTCALL, ReferenceProgram.SORT, ReferenceProgram.FIB_RECUR}) {
                ProgramRun.Timed r = ProgramRun.time(e, p, warm, runs);
                ok &= r.correct();
                t.row(e.name(), p.id() + (p.argument() != 0 ? "(" + p.argument() + ")" : ""),
                        r.last().result() + (r.correct() ? "" : " WRONG"),
                        String.format(Locale.ROOT, "%,d", r.last().vmsLive()),
                        String.format(Locale.ROOT, "%,d", r.last().gasUsed()),
                        String.format(Locale.ROOT, "%.2f", r.medianMs()));
            }
        }
        t.print(out);
        for (Engine e : Engines.available()) {
            if (!e.runsKernelPrograms()) {
                out.println(e.name() + ": not in this table: the build has no " + e.name()
                        + " kernel engine yet (CREATE/CALL need the kernel)");
            }
        }
        VmFootprint.Result f = VmFootprint.fibRecur(ReferenceProgram.FIB_RECUR.argument());
        out.printf(Locale.ROOT, "idle VM footprint: fib_recur(%d) leaves %,d VMs retaining %,d heap bytes: "
                + "%.0f bytes per VM (no native memory per VM on the interpreter)%n",
                ReferenceProgram.FIB_RECUR.argument(), f.vms(), f.retainedBytes(), f.bytesPerVm());
        return ok;
    }

    /** Says which engines ran the javm fib (a JAR v2 program) at machine level rather than on the kernel. */
    static void machineLevelNote(PrintWriter out) {
        for (Engine e : Engines.available()) {
            if (!e.runsKernelPrograms()) {
                out.println("(" + e.name() + " runs the javm fib, a JAR v2 program, at machine level: the build has "
                        + "no " + e.name() + " kernel engine yet)");
            }
        }
    }

    private static String ns(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
