package dev.rivet.host

import dev.rivet.exec.Asm
import dev.rivet.exec.program
import dev.rivet.isa.Opcode
import dev.rivet.receipt.Receipt
import dev.rivet.stark.VerificationException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainInOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay

class GuestProverTest : FunSpec({
    fun adds(exit: Int) = program(Asm().apply {
        addi(5, 0, exit).addi(6, 0, 35).reg(Opcode.ADD, 10, 5, 6).reg(Opcode.SUB, 10, 10, 6).addi(17, 0, 93).ecall()
    })

    test("a receipt verifies against its program's image ID and no other") {
        val prover = GuestProver()
        val program = adds(0)
        val receipt = Receipt.fromBytes(prover.prove(program, ByteArray(0)).toBytes())
        receipt.claim().exitCode() shouldBe 0
        receipt.cycles() shouldBe 6L
        receipt.verify(prover.imageId(program))
        val other = prover.imageId(adds(1))
        shouldThrow<VerificationException> { receipt.verify(other) }.message shouldContain "expected"
    }

    test("a nonzero exit code needs the verifier's consent") {
        val prover = GuestProver()
        val program = adds(3)
        val receipt = prover.prove(program, ByteArray(0))
        receipt.claim().exitCode() shouldBe 3
        shouldThrow<VerificationException> { receipt.verify(prover.imageId(program)) }
        receipt.verify(prover.imageId(program), dev.rivet.receipt.VerifyOptions.DEFAULT.allowingNonzeroExit())
    }

    test("a trapping guest, an ECALL without a circuit and a run over the limit are refused before proving") {
        val prover = GuestProver()
        shouldThrow<UnprovableRunException> {
            prover.prove(program(Asm().apply { addi(5, 0, 1).ebreak() }), ByteArray(0))
        }.message shouldContain "trapped"
        shouldThrow<UnprovableRunException> {
            // sha256_compress(state = block = DATA): 2^18 built by doubling, as this machine may lack LUI
            val asm = Asm().apply { addi(10, 0, 1); repeat(18) { reg(Opcode.ADD, 10, 10, 10) } }
            asm.addi(11, 10, 0).addi(17, 0, 0x101).ecall().addi(10, 0, 0).addi(17, 0, 93).ecall()
            prover.prove(program(asm, IntArray(16)), ByteArray(0))
        }.message shouldContain "ECALL 257"
        shouldThrow<UnprovableRunException> {
            GuestProver(ProverOptions.DEFAULT.withMaxCycles(3)).prove(adds(0), ByteArray(0))
        }.message shouldContain "more than 3 cycles"
    }

    test("Kotlin: proving suspends, reports its phases in order, and stops when cancelled") {
        val phases = mutableListOf<String>()
        val receipt = adds(0).prove { phases += it.phase }
        receipt.claim().exitCode() shouldBe 0
        phases.shouldContainInOrder("execute", "trace", "setup", "main commit", "FRI (commit, proof of work)", "done")
        shouldThrow<CancellationException> {
            coroutineScope {
                val job = async { adds(0).prove() }
                delay(50)
                job.cancel()
                job.await()
            }
        }
    }
})
