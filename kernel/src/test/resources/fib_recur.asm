; fib_recur (javm-reference §7.1): one VM per call of a recursive Fibonacci.
; A VM called with φ7 = N < 2 REPLYs N. Otherwise it CREATEs two children from its own CODE cap
; (slot 32, which the CREATE bitmask bit 32 copies into each child), CALLs them with N−1 and N−2
; and REPLYs the sum. No memory at all (memory_pages 0): registers only.
; VM 0 gets N in φ7 from the embedder; its REPLY halts the invocation.
.container jar
.memory_pages 0
.invoke_cap 32
.code_cap 32
        branch_lt_u_imm a0, 2, leaf
        move_reg        s0, a0                ; s0 = N
        load_imm_64     a0, 0x100000000       ; CREATE bitmask: copy slot 32
        load_imm        a5, 40                ; HANDLE → slot 40
        ecalli          32
        load_imm_64     a0, 0x100000000
        load_imm        a5, 41                ; HANDLE → slot 41
        ecalli          32
        add_imm_64      a0, s0, -1
        load_imm        a5, 0                 ; no IPC cap
        ecalli          40                    ; φ7 = fib(N−1)
        move_reg        s1, a0
        add_imm_64      a0, s0, -2
        load_imm        a5, 0
        ecalli          41                    ; φ7 = fib(N−2)
        add_64          a0, a0, s1
        ecalli          0                     ; REPLY fib(N)
leaf:   ecalli          0                     ; REPLY N
