/**
 * The RV32IM machine as data: opcodes, instruction formats, register names, the decoder that
 * turns a 32-bit instruction word into its fields, and the memory map.
 *
 * <p>The executor and the circuits read the same definitions, so an instruction the interpreter
 * runs is, by construction, the instruction the circuits constrain. This package depends on
 * nothing else of Rivet's.
 */
package dev.rivet.isa;
