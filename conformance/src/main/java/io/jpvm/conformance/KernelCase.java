package io.jpvm.conformance;

import io.jpvm.isa.Assembler;
import io.jpvm.isa.CapEntry;
import io.jpvm.isa.JarCode;
import io.jpvm.isa.JarProgram;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated multi-VM kernel program: VM 0's code (CODE cap {@value #ROOT_CODE}, the invoke cap) and
 * the children's code (CODE cap {@value #CHILD_CODE}), as chunks of jpvm assembly, a DATA cap
 * {@value #DATA_SLOT} of one page at 0x10000 with initial contents, the invocation gas and the
 * answers the embedder gives to protocol calls other than GAS.
 */
public record KernelCase(long seed, List<String> rootChunks, List<String> childChunks, byte[] data, long gas,
                         long[] answers) {
    static final int ROOT_CODE = 32;
    static final int CHILD_CODE = 33;
    static final int DATA_SLOT = 40;
    static final long DATA_PAGE = 16;
    /** Where children map the DATA view VM 0 grants them. */
    static final int CHILD_VIEW_PAGE = 32;
    static final int MEMORY_PAGES = 8;

    public KernelCase {
        rootChunks = List.copyOf(rootChunks);
        childChunks = List.copyOf(childChunks);
        data = data.clone();
        answers = answers.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public long[] answers() {
        return answers.clone();
    }

    /** VM 0's source: the JAR directives, the chunks, a final REPLY. */
    public String rootSource() {
        StringBuilder s = new StringBuilder(".container jar\n.memory_pages ").append(MEMORY_PAGES)
                .append("\n.invoke_cap ").append(ROOT_CODE).append("\n.data_cap ").append(DATA_SLOT)
                .append(" base_page=").append(DATA_PAGE).append(" pages=1 rw");
        if (data.length > 0) {
            s.append(" init=").append(java.util.HexFormat.of().formatHex(data));
        }
        s.append('\n');
        return body(s, rootChunks);
    }

    /** The children's source. */
    public String childSource() {
        return body(new StringBuilder(".container deblob\n"), childChunks);
    }

    private static String body(StringBuilder s, List<String> chunks) {
        for (int k = 0; k < chunks.size(); k++) {
            s.append('L').append(k).append(":\n");
            if (!chunks.get(k).isEmpty()) {
                s.append(chunks.get(k)).append('\n');
            }
        }
        return s.append('L').append(chunks.size()).append(":\n        ecalli 0\n").toString();
    }

    /** The JAR v2 blob: the root's manifest plus CODE cap {@value #CHILD_CODE} with the children's code. */
    public byte[] blob() {
        JarProgram base = Assembler.assemble(rootSource()).toJarProgram();
        List<CapEntry> caps = new ArrayList<>(base.caps());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(base.dataSection());
        byte[] sub = JarCode.write(Assembler.assemble(childSource()).code());
        caps.add(CapEntry.code(CHILD_CODE, out.size(), sub.length));
        out.writeBytes(sub);
        return new JarProgram(base.memoryPages(), base.invokeCap(), caps, out.toByteArray()).write();
    }

    KernelCase withRoot(List<String> c) {
        return new KernelCase(seed, c, childChunks, data, gas, answers);
    }

    KernelCase withChild(List<String> c) {
        return new KernelCase(seed, rootChunks, c, data, gas, answers);
    }

    KernelCase withAnswers(long[] a) {
        return new KernelCase(seed, rootChunks, childChunks, data, gas, a);
    }
}
