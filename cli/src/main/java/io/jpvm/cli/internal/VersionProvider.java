package io.jpvm.cli.internal;

import picocli.CommandLine;

/** {@code jpvm --version}: the implementation version from the jar manifest, if any. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = JpvmCommand.class.getPackage().getImplementationVersion();
        return new String[] {"jpvm " + (v == null ? "(development build)" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
