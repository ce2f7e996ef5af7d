/** The pure-Java reference interpreter and guest memory. */
module io.jpvm.interpreter {
    requires transitive io.jpvm.isa;
    requires transitive io.jpvm.gas;
    exports io.jpvm.interpreter;
}
