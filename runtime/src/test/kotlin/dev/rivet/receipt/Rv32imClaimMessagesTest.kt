package dev.rivet.receipt

import dev.rivet.air.Interaction
import dev.rivet.circuits.rv32im.codeEdgeProgram
import dev.rivet.circuits.rv32im.HaltMessage
import dev.rivet.circuits.rv32im.JournalMessage
import dev.rivet.circuits.rv32im.StateMessage
import dev.rivet.stark.ProvingKey
import dev.rivet.stark.StarkConfig
import dev.rivet.stark.VerificationException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** The receipt layout names the circuits' buses as strings; these must stay the circuits' names and field orders. */
class Rv32imClaimMessagesTest : FunSpec({
    test("bus names and field orders equal the RV32IM circuits' StateMessage, HaltMessage, JournalMessage") {
        Rv32imClaimMessages.STATE_BUS shouldBe StateMessage.BUS.name()
        Rv32imClaimMessages.STATE_FIELDS shouldBe StateMessage.BUS.fieldNames()
        Rv32imClaimMessages.HALT_BUS shouldBe HaltMessage.BUS.name()
        Rv32imClaimMessages.HALT_FIELDS shouldBe HaltMessage.BUS.fieldNames()
        Rv32imClaimMessages.JOURNAL_BUS shouldBe JournalMessage.BUS.name()
        Rv32imClaimMessages.JOURNAL_FIELDS shouldBe JournalMessage.BUS.fieldNames()
    }

    test("the public values are the machine's: the code region's word bounds for the store chips, none elsewhere") {
        val machine = codeEdgeProgram().machine
        val program = machine.program()
        val vk = ProvingKey.setup(StarkConfig.insecureForTests(), machine.tables()).verifyingKey()
        val claim = Claim(ImageId.fromBytes(ByteArray(32)), 0, ByteArray(0))
        val code = CodeRegion(program.codeStart(), program.codeEnd())
        val publics = ClaimMessages.RV32IM.publicValues(vk, claim, program.entry(), code)
        publics.map { it.toList() } shouldBe machine.publicValues().map { it.toList() }
        vk.tables().filter { it.publicValues().isNotEmpty() }.map { it.name() } shouldBe
            listOf("rv32_mem_word", "rv32_mem_sub", "rv32_read")
        vk.tables().first { it.name() == "rv32_mem_word" }.publicValues() shouldBe
            listOf(Rv32imClaimMessages.CODE_START_WORD, Rv32imClaimMessages.CODE_END_WORD)
    }

    test("a claim becomes the start state, the halt with the exit code's halves, and one message per journal byte") {
        val claim = Claim(ImageId.fromBytes(ByteArray(32)), -2, byteArrayOf(7, -1))
        val m = ClaimMessages.RV32IM.messages(claim, 0x1000)
        m.map { it.toString() } shouldBe listOf(
            "send rv32_state[4096, 4] × 1",
            "receive rv32_halt[65534, 65535, 2] × 1",
            "receive rv32_journal[0, 7] × 1",
            "receive rv32_journal[1, 255] × 1",
        )
        m.all { it.direction() == Interaction.Direction.RECEIVE || it.bus() == "rv32_state" } shouldBe true
    }

    test("an entry pc at or above 2^30 cannot be stated") {
        val claim = Claim(ImageId.fromBytes(ByteArray(32)), 0, ByteArray(0))
        shouldThrow<VerificationException> { ClaimMessages.RV32IM.messages(claim, 1 shl 30) }.message!! shouldContain
            "entry pc 0x40000000 is not below 2^30"
    }
})
