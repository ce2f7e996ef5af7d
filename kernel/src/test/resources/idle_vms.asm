; Creates 1 + OUTER·(1 + INNER) VMs that never run: A in slot 100, then B_i (i = 1..OUTER) in A's
; slot i, then INNER VMs in each B_i's slots 1..INNER (two HANDLE hops: A, B_i). Used to measure
; the footprint of an idle VM. The code's CREATEs use the invoke cap (slot 64), bitmask 0.
.container jar
.memory_pages 0
        load_imm        a0, 0
        load_imm        a5, 100
        ecalli          64                    ; A
        load_imm        s0, 1
        fallthrough
outer:  or_imm          a5, s0, 0x6400        ; A.slot s0
        load_imm        a0, 0
        ecalli          64                    ; B_s0
        load_imm        s1, 1
        shlo_l_imm_64   t0, s0, 8
        or_imm          t0, t0, 0x640000      ; hops A, B_s0
        fallthrough
inner:  or              a5, t0, s1
        load_imm        a0, 0
        ecalli          64
        add_imm_64      s1, s1, 1
        branch_le_u_imm s1, INNER, inner
        add_imm_64      s0, s0, 1
        branch_le_u_imm s0, OUTER, outer
        ecalli          0
