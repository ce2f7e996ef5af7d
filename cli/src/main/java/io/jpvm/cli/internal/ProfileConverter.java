package io.jpvm.cli.internal;

import io.jpvm.isa.Profile;
import picocli.CommandLine;

/** Converts {@code javm} / {@code gp072} to a {@link Profile}. */
final class ProfileConverter implements CommandLine.ITypeConverter<Profile> {
    @Override
    public Profile convert(String text) {
        Profile p = Profile.byId(text);
        if (p == null) {
            throw new CommandLine.TypeConversionException("unknown profile '" + text + "' (expected javm or gp072)");
        }
        return p;
    }
}
