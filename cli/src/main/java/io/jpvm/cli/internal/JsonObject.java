package io.jpvm.cli.internal;

import java.util.List;
import java.util.Locale;

/** Builds one JSON object on one line, fields in insertion order ({@code {"a": 1, "b": "x"}}). */
final class JsonObject {
    private final StringBuilder sb = new StringBuilder("{");
    private boolean first = true;

    JsonObject put(String name, long value) {
        return raw(name, Long.toString(value));
    }

    JsonObject put(String name, String value) {
        return raw(name, value == null ? "null" : quote(value));
    }

    /** A number or null. */
    JsonObject putNullable(String name, Long value) {
        return raw(name, value == null ? "null" : value.toString());
    }

    /** A number with {@code decimals} digits after the point. */
    JsonObject put(String name, double value, int decimals) {
        return raw(name, String.format(Locale.ROOT, "%." + decimals + "f", value));
    }

    JsonObject putStrings(String name, List<String> values) {
        StringBuilder arr = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            arr.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        return raw(name, arr.append(']').toString());
    }

    JsonObject put(String name, boolean value) {
        return raw(name, Boolean.toString(value));
    }

    /** A member whose value is already JSON text. */
    JsonObject putRaw(String name, String json) {
        return raw(name, json);
    }

    private JsonObject raw(String name, String json) {
        sb.append(first ? "" : ", ").append(quote(name)).append(": ").append(json);
        first = false;
        return this;
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
