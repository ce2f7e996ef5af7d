package io.jpvm.isa;

import io.jpvm.isa.internal.AsmFailure;
import io.jpvm.isa.internal.CodeBuilder;
import io.jpvm.isa.internal.ContainerSpec;
import io.jpvm.isa.internal.Directives;
import io.jpvm.isa.internal.InstructionParser;
import io.jpvm.isa.internal.JarBuilder;
import io.jpvm.isa.internal.SourceLine;

/**
 * The PVM text assembler; the syntax is documented in {@code docs/assembly.md}. Instructions get their
 * canonical (shortest) encodings; {@code .insn} and {@code .data} place raw bytes.
 */
public final class Assembler {
    private Assembler() {}

    /**
     * Assembles {@code source}.
     *
     * @throws AsmException on the first error, with its line number
     */
    public static Assembly assemble(String source) {
        CodeBuilder code = new CodeBuilder();
        ContainerSpec spec = new ContainerSpec();
        String[] lines = source.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            try {
                SourceLine line = SourceLine.parse(number, lines[i]);
                for (String label : line.labels()) {
                    code.label(label, number);
                }
                if (line.head() == null) {
                    continue;
                }
                if (line.head().startsWith(".")) {
                    Directives.apply(line, code, spec);
                } else {
                    InstructionParser.parse(line, code);
                }
            } catch (AsmFailure f) {
                throw new AsmException(number, f.getMessage());
            }
        }
        CodeBlob blob = code.build();
        Deblob deblob = deblob(blob, spec);
        StandardProgram program = program(deblob, spec);
        JarProgram jar = JarBuilder.build(spec, jarCode(blob, spec));
        return new Assembly(blob, spec.container, deblob, program, jar);
    }

    private static Deblob deblob(CodeBlob blob, ContainerSpec spec) {
        if (spec.entrySize == null) {
            return Deblob.of(blob);
        }
        try {
            return new Deblob(blob, spec.entrySize);
        } catch (BlobFormatException e) {
            throw new AsmException(spec.entrySizeLine, ".jump_entry_size " + spec.entrySize + ": " + e.getMessage());
        }
    }

    private static byte[] jarCode(CodeBlob blob, ContainerSpec spec) {
        int size = spec.entrySize == null ? JarCode.minimalEntrySize(blob) : Math.max(1, spec.entrySize);
        return JarCode.write(blob, size);
    }

    private static StandardProgram program(Deblob deblob, ContainerSpec spec) {
        int heap = spec.heapPages == null ? 0 : spec.heapPages;
        int stack = spec.stackSize == null ? 0 : spec.stackSize;
        return new StandardProgram(spec.roData.toByteArray(), spec.rwData.toByteArray(), heap, stack, deblob);
    }
}
