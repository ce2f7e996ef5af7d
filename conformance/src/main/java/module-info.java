/** The w3f vector harness and the project's reference programs. */
module io.jpvm.conformance {
    requires transitive io.jpvm.interpreter;
    requires transitive io.jpvm.kernel;
    requires com.fasterxml.jackson.databind;
    exports io.jpvm.conformance;
}
