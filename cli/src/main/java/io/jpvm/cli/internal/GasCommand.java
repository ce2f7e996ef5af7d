package io.jpvm.cli.internal;

import io.jpvm.conformance.LoadedProgram;
import io.jpvm.gas.GasBlock;
import io.jpvm.gas.GasSchedule;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jpvm gas}: every gas block of a program with its cost. */
@Command(name = "gas", sortOptions = false,
        description = {"List a program's gas blocks and their costs.",
                "Every gas block (start pc, instruction count, cost charged on entry) under the program's "
                        + "profile and gas model (javm: pipeline model with the memory tier from the JAR "
                        + "header; gp072: one per instruction per basic block)."})
final class GasCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProgramOptions program;

    @Option(names = "--json", description = "Print one JSON array of {\"pc\", \"instructions\", \"cost\"} objects.")
    boolean json;

    @Override
    public Integer call() {
        LoadedProgram loaded = program.load();
        GasSchedule schedule = loaded.program().schedule();
        List<GasBlock> blocks = schedule.blocks();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < blocks.size(); i++) {
                GasBlock b = blocks.get(i);
                sb.append(i == 0 ? "" : ", ").append(new JsonObject()
                        .put("pc", b.startPc()).put("instructions", b.instructions()).put("cost", b.cost()));
            }
            out.println(sb.append(']'));
        } else {
            out.println(program.file + ": " + loaded.format().id() + ", profile " + loaded.profile().id()
                    + ", gas model " + schedule.model().name() + ", init charge " + loaded.initGas() + ", "
                    + blocks.size() + " blocks");
            TextTable t = new TextTable("pc", "instructions", "cost");
            for (GasBlock b : blocks) {
                t.row(b.startPc(), b.instructions(), b.cost());
            }
            t.print(out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
