/** The x86-64 recompiler: assembler, code generation, FFM code memory, guest windows, signals. */
module io.jpvm.recompiler {
    requires transitive io.jpvm.interpreter;
    exports io.jpvm.recompiler;
}
