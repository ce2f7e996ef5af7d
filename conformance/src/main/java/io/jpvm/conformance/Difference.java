package io.jpvm.conformance;

/**
 * One field in which two machines differ.
 *
 * @param field  "status", "pc", "exit-arg", "resume-pc", "gas", "r0".."r12", "page 0x…", "memory 0x…"
 * @param first  the value on the first (reference) machine
 * @param second the value on the second machine
 */
public record Difference(String field, String first, String second) {
    /** "field: NAME1 X, NAME2 Y". */
    public String describe(String firstName, String secondName) {
        return field + ": " + firstName + " " + first + ", " + secondName + " " + second;
    }
}
