/** The {@code jpvm} command line. */
module io.jpvm.cli {
    requires io.jpvm.conformance;
    requires info.picocli;

    opens io.jpvm.cli to info.picocli;
    opens io.jpvm.cli.internal to info.picocli;
}
