package dev.rivet.rv32im

import dev.rivet.circuits.rv32im.Bitwise
import dev.rivet.circuits.rv32im.Compares
import dev.rivet.circuits.rv32im.MachineRun
import dev.rivet.circuits.rv32im.Shifts
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/**
 * The bitwise, compare and shift chips in real proofs: each family's program proves and verifies, and a proof forged
 * from each constraint family's forgery (checked in circuits' chip tests to be caught by that family alone) is
 * rejected.
 */
class AluProofTest : FunSpec({
    fun forged(run: MachineRun, forge: (MachineRun) -> Unit) {
        forge(run)
        run.check().ok() shouldBe false
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("the bitwise, compare and shift programs prove and verify") {
        MachineProofs.proveAndVerify(Bitwise.run())
        MachineProofs.proveAndVerify(Compares.run())
        MachineProofs.proveAndVerify(Shifts.run())
    }

    test("bitwise: a wrong result byte is rejected") { forged(Bitwise.run(), Bitwise::forgeResult) }
    test("bitwise: an operand split into non-bytes is rejected") { forged(Bitwise.run(), Bitwise::forgeSplit) }
    test("compare: a flipped result with an out-of-range difference is rejected") {
        forged(Compares.run(), Compares::forgeRange)
    }
    test("compare: a wrong sign bit is rejected") { forged(Compares.run(), Compares::forgeSign) }
    test("shift: a shift amount other than rs2 mod 32 is rejected") { forged(Shifts.run(), Shifts::forgeAmount) }
    test("shift: a carry above its bound is rejected") { forged(Shifts.run(), Shifts::forgeCarry) }
    test("shift: an SRA with the wrong fill is rejected") { forged(Shifts.run(), Shifts::forgeSign) }
    test("shift: a wrong result byte is rejected") {
        forged(Shifts.run()) { run ->
            val row = Shifts.dropped(run)
            run.tamper(Shifts.TABLE, "c[1]", row, run.cell(Shifts.TABLE, "c[1]", row) xor 4)
        }
    }
})
