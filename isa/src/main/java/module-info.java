/** PVM instruction set: opcodes, decoding, program containers, assembler and disassembler. */
module io.jpvm.isa {
    exports io.jpvm.isa;
}
