package io.jpvm.isa.internal;

import io.jpvm.isa.CapType;
import java.util.List;

/** Applies one directive line ({@code .name args}) to the code being built or the container spec. */
public final class Directives {
    private Directives() {}

    private static final long U32 = 0xFFFF_FFFFL;

    public static void apply(SourceLine line, CodeBuilder code, ContainerSpec spec) {
        List<String> args = Operands.words(line.rest());
        int n = line.number();
        switch (line.head()) {
            case ".insn" -> code.instruction(nonEmptyHex(args, ".insn"));
            case ".data" -> code.data(nonEmptyHex(args, ".data"));
            case ".jump_table" -> jumpTable(args, code, n);
            case ".jump_entry_size" -> {
                once(spec.entrySize, ".jump_entry_size");
                spec.entrySize = (int) Operands.unsigned(one(args, ".jump_entry_size"), 4, "entry size");
                spec.entrySizeLine = n;
            }
            case ".container" -> container(args, spec, n);
            case ".ro_data" -> append(spec.roData, args, ".ro_data");
            case ".rw_data" -> append(spec.rwData, args, ".rw_data");
            case ".heap_pages" -> {
                once(spec.heapPages, ".heap_pages");
                spec.heapPages = (int) Operands.unsigned(one(args, ".heap_pages"), 0xFFFF, "heap pages");
            }
            case ".stack_size" -> {
                once(spec.stackSize, ".stack_size");
                spec.stackSize = (int) Operands.unsigned(one(args, ".stack_size"), (1 << 24) - 1, "stack size");
            }
            case ".memory_pages" -> {
                once(spec.memoryPages, ".memory_pages");
                spec.memoryPages = Operands.unsigned(one(args, ".memory_pages"), U32, "memory pages");
            }
            case ".invoke_cap" -> {
                once(spec.invokeCap, ".invoke_cap");
                spec.invokeCap = slot(one(args, ".invoke_cap"));
                spec.invokeLine = n;
            }
            case ".code_cap" -> CapDirectives.cap(args, spec, n, CapType.CODE);
            case ".data_cap" -> CapDirectives.cap(args, spec, n, CapType.DATA);
            case ".data_init" -> CapDirectives.dataInit(args, spec);
            case ".data_bytes" -> CapDirectives.dataBytes(args, spec, n);
            case ".data_size" -> {
                once(spec.dataSize, ".data_size");
                spec.dataSize = Operands.unsigned(one(args, ".data_size"), ContainerSpec.MAX_BYTES, "data size");
                spec.dataSizeLine = n;
            }
            default -> throw new AsmFailure("unknown directive '" + line.head() + "'");
        }
    }

    private static void jumpTable(List<String> args, CodeBuilder code, int line) {
        if (args.isEmpty()) {
            throw new AsmFailure(".jump_table needs at least one target");
        }
        for (String a : args) {
            code.jumpTableEntry(Operands.target(a), line);
        }
    }

    private static void container(List<String> args, ContainerSpec spec, int line) {
        String kind = one(args, ".container");
        if (!kind.equals("deblob") && !kind.equals("program") && !kind.equals("jar")) {
            throw new AsmFailure("unknown container '" + kind + "' (deblob, program or jar)");
        }
        if (spec.containerLine != 0) {
            throw new AsmFailure("duplicate .container (first on line " + spec.containerLine + ")");
        }
        spec.container = kind;
        spec.containerLine = line;
    }

    private static void append(java.io.ByteArrayOutputStream out, List<String> args, String name) {
        byte[] b = Operands.hexBytes(args);
        if ((long) out.size() + b.length > (1 << 24) - 1) {
            throw new AsmFailure(name + " exceeds 16777215 bytes");
        }
        out.writeBytes(b);
    }

    static byte[] nonEmptyHex(List<String> args, String name) {
        byte[] b = Operands.hexBytes(args);
        if (b.length == 0) {
            throw new AsmFailure(name + " needs at least one byte");
        }
        return b;
    }

    static String one(List<String> args, String name) {
        if (args.size() != 1) {
            throw new AsmFailure(name + " expects 1 argument, got " + args.size());
        }
        return args.get(0);
    }

    static int slot(String tok) {
        return (int) Operands.unsigned(tok, 255, "cap slot");
    }

    private static void once(Object current, String name) {
        if (current != null) {
            throw new AsmFailure("duplicate " + name);
        }
    }
}
