package dev.rivet.rv32im

import dev.rivet.circuits.rv32im.EcallGuests
import dev.rivet.circuits.rv32im.MachineRun
import dev.rivet.circuits.rv32im.Rv32imMachine
import dev.rivet.circuits.rv32im.refillCodeGaps
import dev.rivet.circuits.rv32im.rederiveLookups
import dev.rivet.stark.Prover
import dev.rivet.stark.ProvingKey
import dev.rivet.stark.StarkConfig
import dev.rivet.stark.VerificationException
import dev.rivet.stark.Verifier
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec

class EcallTablesProofTest : FunSpec({
    fun wordRow(run: MachineRun, call: Int, word: Int): Int =
        run.rowsWhere("rv32_commit", "is_call", 1)[call] + 1 + word

    test("commits prove and verify; a claim with a changed journal byte is rejected") {
        val run = EcallGuests.commits()
        val pk = ProvingKey.setup(StarkConfig.standard(), run.machine.tables())
        val proof = Prover.prove(pk, run.traces, run.messages).toBytes()
        val publics = run.machine.publicValues()
        Verifier.verify(pk.verifyingKey(), publics, run.messages, proof, 100.0)
        val changed = run.result.journal().copyOf().also { it[3] = (it[3] + 1).toByte() }
        shouldThrow<VerificationException> {
            Verifier.verify(pk.verifyingKey(), publics,
                Rv32imMachine.publicMessages(run.program.entry(), run.result.exitCode(), changed), proof, 100.0)
        }
    }

    test("a write proves whatever the guest printed") {
        MachineProofs.proveAndVerify(EcallGuests.writes())
    }

    test("a proof forged from a tampered committed byte is rejected") {
        val run = EcallGuests.commits()
        val row = wordRow(run, 3, 1)
        run.tamper("rv32_commit", "b[2]", row, run.cell("rv32_commit", "b[2]", row) + 1)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged with a skipped word row is rejected") {
        val run = EcallGuests.commits()
        val row = wordRow(run, 3, 1)
        for (column in run.trace("rv32_commit").table().mainColumns()) {
            run.tamper("rv32_commit", column, row, 0)
        }
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged with a lane mask that drops a byte is rejected") {
        val run = EcallGuests.commits()
        run.tamper("rv32_commit", "in1", wordRow(run, 2, 0), 0)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("reads prove and verify") {
        MachineProofs.proveAndVerify(EcallGuests.reads())
    }

    test("a proof forged from a read that changes a byte outside its buffer is rejected") {
        val run = EcallGuests.reads()
        val row = run.rowsWhere("rv32_read", "is_call", 1)[2] + 1 // lanes 0 and 1 are before the buffer
        run.tamper("rv32_read", "nb[1]", row, run.cell("rv32_read", "nb[1]", row) + 1)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a read of more bytes than its length is rejected") {
        val run = EcallGuests.reads()
        run.tamper("rv32_read", "n_lo", run.rowsWhere("rv32_read", "is_call", 1)[3], 5)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged with a write to another file descriptor is rejected") {
        val run = EcallGuests.writes()
        run.tamper("rv32_write", "fd_lo", run.rowsWhere("rv32_write", "is_write", 1).first(), 3)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("reads in chunks past the input's end prove and verify") {
        MachineProofs.proveAndVerify(EcallGuests.chunkReads())
    }

    test("a proof forged from a read that returns data after the input's end is rejected") {
        MachineProofs.forgeAndExpectRejection(EcallGuests.chunkReads(EcallGuests.readPastEnd()))
    }

    test("a proof forged from a read into the claimed code region is rejected") {
        val run = EcallGuests.reads()
        val t = run.trace("rv32_read")
        t.publicValues()[t.table().publicValues().indexOf("code_end_word")] = 0x60000 ushr 2 // past the read words
        run.refillCodeGaps()
        run.rederiveLookups()
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("reads ending at code_start, empty at code_start and from code_end on prove and verify") {
        MachineProofs.proveAndVerify(EcallGuests.codeEdgeReads())
    }

    test("a proof forged from a read whose buffer overlaps the code, written bytes outside it, is rejected") {
        // a tail in the code (one byte written below it) and an empty buffer inside the code
        for ((offset, length) in listOf(-4 to 8, 4 to 0)) {
            MachineProofs.forgeAndExpectRejection(EcallGuests.readAtCode(offset, length, byteArrayOf(7)))
            val refilled = EcallGuests.readAtCode(offset, length, byteArrayOf(7))
            refilled.refillCodeGaps()
            refilled.rederiveLookups()
            MachineProofs.forgeAndExpectRejection(refilled)
        }
    }
})
