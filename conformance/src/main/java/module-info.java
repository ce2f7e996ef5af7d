/** The w3f vector harness and the project's reference programs. */
module io.jpvm.conformance {
    requires transitive io.jpvm.interpreter;
    requires transitive io.jpvm.kernel;
    requires transitive io.jpvm.recompiler;
    requires com.fasterxml.jackson.databind;
    requires java.management;
    exports io.jpvm.conformance;
}
