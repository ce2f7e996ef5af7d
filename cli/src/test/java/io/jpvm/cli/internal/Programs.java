package io.jpvm.cli.internal;

/** Small test programs in jpvm assembly. */
final class Programs {
    /** javm JAR: φ7 = 42 − 50, then REPLY (ecalli 0) halts. Gas: block 97 + kernel 10. */
    static final String JAR_HALT = """
            .container jar
            .memory_pages 0
            .invoke_cap 64
                    load_imm   r7, 42
                    add_imm_64 r7, r7, -50
                    ecalli     0
            """;

    /** gp072 deblob: φ7 = 7 + φ8, then halt through 0xFFFF0000 (pc 16). Gas: 4. */
    static final String GP_HALT = """
            .container deblob
                    load_imm_64 r0, 0xFFFF0000
                    load_imm    r7, 7
                    add_64      r7, r7, r8
                    jump_ind    r0, 0
            """;

    /** gp072 deblob: loads from the unmapped address 0x20010. */
    static final String GP_FAULT = """
            .container deblob
                    load_imm    r1, 0x20010
                    load_ind_u64 r7, r1, 0
                    trap
            """;

    /** gp072 deblob: φ7 = 99 at pc 0; φ7 += 5 at pc 10 (after the 10-byte load_imm_64); jump through φ0. */
    static final String GP_START_PC = """
            .container deblob
                    load_imm_64 r7, 99
                    add_imm_64  r7, r7, 5
                    jump_ind    r0, 0
            """;

    private Programs() {}
}
