/**
 * The RV32IM machine as tables joined by buses: the bus protocol the chips share ({@link
 * dev.rivet.circuits.rv32im.StateMessage}, {@link dev.rivet.circuits.rv32im.FetchMessage}, {@link
 * dev.rivet.circuits.rv32im.MemoryMessage}, {@link dev.rivet.circuits.rv32im.EcallMessage}, {@link
 * dev.rivet.circuits.rv32im.JournalMessage}, {@link dev.rivet.circuits.rv32im.HaltMessage}) and the chips, each
 * filled from the executor's {@link dev.rivet.exec.ExecutionRecord}. docs/circuits.md is the design: every table's
 * columns, interactions, degree, soundness argument and cost.
 */
package dev.rivet.circuits.rv32im;
