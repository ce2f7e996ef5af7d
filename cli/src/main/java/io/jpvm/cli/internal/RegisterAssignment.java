package io.jpvm.cli.internal;

import picocli.CommandLine;

/**
 * One {@code --reg I=V} option: register {@code I} in 0..12 set to the 64-bit value {@code V}.
 *
 * @param index register number
 * @param value the 64-bit pattern
 */
record RegisterAssignment(int index, long value) {

    /** picocli converter; a bad value becomes a usage error naming the option text. */
    static final class Converter implements CommandLine.ITypeConverter<RegisterAssignment> {
        @Override
        public RegisterAssignment convert(String text) {
            try {
                return parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static RegisterAssignment parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("'" + text + "' is not I=V (register 0..12 = value)");
        }
        String reg = text.substring(0, eq).strip();
        if (reg.startsWith("r") || reg.startsWith("φ")) {
            reg = reg.substring(1);
        }
        int index;
        try {
            index = Integer.parseInt(reg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': register '" + text.substring(0, eq)
                    + "' is not a number 0..12");
        }
        if (index < 0 || index > 12) {
            throw new IllegalArgumentException("'" + text + "': register " + index + " is not in 0..12");
        }
        try {
            return new RegisterAssignment(index, NumberParser.parseU64(text.substring(eq + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
        }
    }
}
