package io.jpvm.isa.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One source line split into its labels, its head (a mnemonic, or a directive starting with '.',
 * lower-cased; null when the line has none) and the operand text after the head.
 */
public record SourceLine(int number, List<String> labels, String head, String rest) {

    /** Splits line {@code number}; comments run from ';' or '#' to the end of the line. */
    public static SourceLine parse(int number, String raw) {
        String text = stripComment(raw).strip();
        List<String> labels = new ArrayList<>();
        while (true) {
            int n = identifierLength(text);
            if (n == 0) {
                break;
            }
            int colon = skipSpaces(text, n);
            if (colon >= text.length() || text.charAt(colon) != ':') {
                break;
            }
            labels.add(text.substring(0, n));
            text = text.substring(colon + 1).strip();
        }
        if (text.isEmpty()) {
            return new SourceLine(number, labels, null, "");
        }
        int space = 0;
        while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
            space++;
        }
        return new SourceLine(number, labels, text.substring(0, space).toLowerCase(Locale.ROOT),
                text.substring(space).strip());
    }

    private static String stripComment(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ';' || c == '#') {
                return s.substring(0, i);
            }
        }
        return s;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The length of the identifier at the start of {@code s} (0 if none). */
    public static int identifierLength(String s) {
        if (s.isEmpty() || !isIdentStart(s.charAt(0))) {
            return 0;
        }
        int i = 1;
        while (i < s.length() && isIdentPart(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** True when all of {@code s} is one identifier: [A-Za-z_.$][A-Za-z0-9_.$]*. */
    public static boolean isIdentifier(String s) {
        return !s.isEmpty() && identifierLength(s) == s.length();
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '$';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }
}
