/** The x86-64 recompiler: assembler, code generation, FFM code memory, guest windows, signals, kernel engine. */
module io.jpvm.recompiler {
    requires transitive io.jpvm.interpreter;
    requires transitive io.jpvm.kernel;
    exports io.jpvm.recompiler;
    provides io.jpvm.kernel.Engine with io.jpvm.recompiler.RecompilerEngine;
}
