package dev.rivet.host

import dev.rivet.exec.Asm
import dev.rivet.exec.program
import dev.rivet.isa.Opcode
import dev.rivet.receipt.Claim
import dev.rivet.receipt.Receipt
import dev.rivet.receipt.VerifyOptions
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

    test("a guest's receipt with a changed journal byte, exit code or seal byte is rejected") {
        // a guest that commits its journal: stores 0x0201 at DATA and commits 2 bytes from there
        val asm = Asm().apply {
            lui(5, 0x40000).addi(6, 0, 0x201).store(Opcode.SW, 6, 5, 0)
            addi(10, 5, 0).addi(11, 0, 2).addi(17, 0, 0x100).ecall()
            addi(10, 0, 0).addi(17, 0, 93).ecall()
        }
        val prover = GuestProver()
        val program = program(asm, IntArray(1))
        val receipt = prover.prove(program, ByteArray(0))
        val image = prover.imageId(program)
        receipt.claim().journal().toList() shouldBe listOf<Byte>(1, 2)
        receipt.verify(image)
        fun with(claim: Claim, seal: ByteArray = receipt.seal()) =
            Receipt(claim, receipt.verifyingKey(), receipt.entryPc(), receipt.codeRegion(), seal, receipt.cycles())
        val c = receipt.claim()
        shouldThrow<VerificationException> { with(Claim(c.imageId(), c.exitCode(), byteArrayOf(1, 3))).verify(image) }
        shouldThrow<VerificationException> { with(Claim(c.imageId(), c.exitCode(), byteArrayOf(1))).verify(image) }
        shouldThrow<VerificationException> {
            with(Claim(c.imageId(), 1, c.journal())).verify(image, VerifyOptions.DEFAULT.allowingNonzeroExit())
        }
        for (at in listOf(100, receipt.seal().size / 2, receipt.seal().size - 5)) {
            val seal = receipt.seal().copyOf().also { it[at] = (it[at].toInt() xor 0x10).toByte() }
            shouldThrow<VerificationException> { with(c, seal).verify(image) }
        }
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
        // a configuration whose proofs no default verifier would accept is refused before proving
        shouldThrow<UnprovableRunException> {
            GuestProver(ProverOptions.DEFAULT.withConfig(dev.rivet.stark.StarkConfig.insecureForTests()))
                .prove(adds(0), ByteArray(0))
        }.message shouldContain "bits of soundness"
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
