package io.jpvm.isa;

/**
 * The result of {@link Assembler#assemble}: the code and every container built from it. All
 * containers are built (and validated) when assembling, so the accessors never fail.
 */
public final class Assembly {
    private final CodeBlob code;
    private final String container;
    private final Deblob deblob;
    private final StandardProgram program;
    private final JarProgram jar;

    Assembly(CodeBlob code, String container, Deblob deblob, StandardProgram program, JarProgram jar) {
        this.code = code;
        this.container = container;
        this.deblob = deblob;
        this.program = program;
        this.jar = jar;
    }

    /** The code, bitmask and jump table. */
    public CodeBlob code() {
        return code;
    }

    /** {@code deblob}, {@code program} or {@code jar}, as chosen by {@code .container}. */
    public String container() {
        return container;
    }

    /** The code as a GP deblob ({@code .jump_entry_size} or the minimal entry size). */
    public Deblob toDeblob() {
        return deblob;
    }

    /** A GP standard program from {@code .ro_data}, {@code .rw_data}, {@code .heap_pages}, {@code .stack_size}. */
    public StandardProgram toStandardProgram() {
        return program;
    }

    /** A JAR v2 manifest from {@code .memory_pages}, {@code .invoke_cap} and the cap directives. */
    public JarProgram toJarProgram() {
        return jar;
    }

    /** The bytes of the container {@link #container()} names. */
    public byte[] toContainerBytes() {
        return switch (container) {
            case "program" -> program.write();
            case "jar" -> jar.write();
            default -> deblob.write();
        };
    }
}
