/** The javm capability kernel: invocations, VMs, capabilities and the engine contract. */
module io.jpvm.kernel {
    requires transitive io.jpvm.interpreter;
    exports io.jpvm.kernel;
    uses io.jpvm.kernel.Engine;
}
