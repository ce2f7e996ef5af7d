/** PVM gas models: gp072 (one per instruction, per basic block) and javm's pipeline model. */
module io.jpvm.gas {
    requires transitive io.jpvm.isa;
    exports io.jpvm.gas;
}
