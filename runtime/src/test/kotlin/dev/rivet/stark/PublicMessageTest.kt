package dev.rivet.stark

import dev.rivet.check.Checker
import dev.rivet.dsl.Bus
import dev.rivet.dsl.BusMessage
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Expr
import dev.rivet.dsl.PublicMessage
import dev.rivet.dsl.Trace
import dev.rivet.dsl.constraints
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

private data class JournalByte(val index: Expr, val value: Expr) : BusMessage {
    override fun fields() = listOf(index, value)

    companion object {
        val BUS: Bus<JournalByte> = Bus.of<JournalByte>("journal", "index", "byte").withPublicMessages()
    }
}

/** Receives the statement's journal, one (index, byte) pair per active row. */
private class JournalReader : Chip("journal_reader") {
    val index = column("index")
    val value = column("byte")
    val active = column("active")

    init {
        constraints {
            bool(active)
            receive(JournalByte.BUS, JournalByte(index, value), active)
        }
    }

    fun fill(journal: ByteArray): Trace {
        val t = newTrace(Integer.highestOneBit(maxOf(journal.size, 2) - 1) shl 1)
        journal.forEachIndexed { i, b ->
            t[index, i] = i
            t[value, i] = b.toInt() and 0xff
            t[active, i] = 1
        }
        return t
    }
}

private fun messages(journal: ByteArray) =
    journal.mapIndexed { i, b -> PublicMessage.send(JournalByte.BUS, 1, i, b.toInt() and 0xff) }

class PublicMessageTest : FunSpec({
    val reader = JournalReader()
    val pk = ProvingKey.setup(StarkConfig.insecureForTests(), listOf(reader.table()))
    val vk = pk.verifyingKey()
    val journal = "hello, rivet".toByteArray()
    val traces = listOf(reader.fill(journal))
    val proof = Prover.prove(pk, traces, messages(journal))

    fun refused(messages: List<PublicMessage>) = shouldThrow<VerificationException> {
        Verifier.verify(vk, publics(traces), messages, proof, ANY)
    }.message!!

    test("the key names the buses that accept public messages; an honest journal checks clean and verifies") {
        vk.publicBuses() shouldBe listOf("journal")
        Checker.check(traces, messages(journal)).ok() shouldBe true
        Verifier.verify(vk, publics(traces), messages(journal), proof, ANY)
    }

    test("the proof fails for another journal, a missing message and an extra message; the checker flags each") {
        val other = "hello, Rivet".toByteArray()
        val cases = mapOf(
            "another journal" to messages(other),
            "a missing message" to messages(journal).dropLast(1),
            "an extra message" to messages(journal) + PublicMessage.send(JournalByte.BUS, 1, 12, 0),
            "no messages" to emptyList(),
        )
        for ((name, wrong) in cases) {
            refused(wrong) shouldContain "wrong public values or messages"
            // a header forged to match the wrong messages gets past the diagnosis, not past the transcript
            val forged = Proof(proof.hash, proof.params, proof.keyDigest,
                Statement.publicInputsDigest(publics(traces), wrong), proof.logHeights, proof.mainCap,
                proof.logUpNonce, proof.auxCap, proof.tableSums, proof.quotientCap, proof.zetaNonce, proof.atZeta,
                proof.atZetaNext, proof.quotientAtZeta, proof.batchingNonce, proof.fri, proof.queries, proof.phaseProofs)
            shouldThrow<VerificationException> { Verifier.verify(vk, publics(traces), wrong, forged, ANY) }
            val report = Checker.check(traces, wrong)
            (report.busImbalances().isNotEmpty()) shouldBe true
            if (name == "another journal" || name == "an extra message") { // a message no table receives
                report.busImbalances().any { it.senders().any { s -> s.startsWith(Checker.STATEMENT) } } shouldBe true
            }
        }
    }

    test("messages on a bus without public messages, of the wrong arity or not canonical are refused") {
        val closed = Bus.of<JournalByte>("journal_closed", "index", "byte")
        shouldThrow<IllegalArgumentException> { PublicMessage.send(closed, 1, 0, 0) }.message shouldContain
            "does not accept public messages"
        refused(listOf(PublicMessage("journal_closed", intArrayOf(0, 0), 1, dev.rivet.air.Interaction.Direction.SEND))) shouldContain
            "no table declares that bus with public messages"
        refused(listOf(PublicMessage.send(JournalByte.BUS, 1, 0))) shouldContain "1 fields, the bus has 2"
        refused(listOf(PublicMessage.send(JournalByte.BUS, -1, 0, 0))) shouldContain "not a canonical field element"
        shouldThrow<IllegalArgumentException> { Prover.prove(pk, traces, listOf(PublicMessage.send(JournalByte.BUS, 1, 0))) }
        Checker.check(traces, listOf(PublicMessage.send(JournalByte.BUS, 1, 0))).traceProblems().single() shouldContain
            "1 fields, the bus has 2"
    }

    test("public messages count against the bus's capacity") {
        val many = List(3) { PublicMessage.send(JournalByte.BUS, 1 shl 30, 0, 0) }
        refused(many) shouldContain "public messages 3221225472"
    }
})
