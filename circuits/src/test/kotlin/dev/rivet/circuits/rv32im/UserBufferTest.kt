package dev.rivet.circuits.rv32im

import dev.rivet.check.Checker
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Lookups
import dev.rivet.dsl.gadgets.ByteTable
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/** [UserBuffer] alone: buffers a handler accepts check; for those it refuses, no choice of the carries checks. */
class UserBufferTest : FunSpec({
    class BufferChip(always: Boolean) : Chip(if (always) "always" else "if_not_empty") {
        val bytes = ByteTable()
        val real = column("real")
        val bufLo = column("buf_lo")
        val bufHi = column("buf_hi")
        val lenLo = column("len_lo")
        val lenHi = column("len_hi")
        val buffer: UserBuffer

        init {
            assertBool("real is a bit", real)
            buffer = if (always) UserBuffer.always(this, real, bytes, bufLo, bufHi, lenLo, lenHi)
            else UserBuffer.ifNotEmpty(this, real, bytes, bufLo, bufHi, lenLo, lenHi)
        }

        /** Whether some choice of the two carries checks (nonempty filled as the tables do: 1 iff len ≠ 0). */
        fun accepts(buf: Int, len: Int): Boolean = (0 until 4).any { carries ->
            val t = newTrace(2)
            t[real, 0] = 1
            Words.fillHalves(t, 0, bufLo, bufHi, buf)
            Words.fillHalves(t, 0, lenLo, lenHi, len)
            buffer.fill(t, 0, buf, len)
            t.mainColumns()[table().mainColumns().indexOf("end_carry")][0] = carries and 1
            t.mainColumns()[table().mainColumns().indexOf("gap_carry")][0] = carries shr 1
            val traces = listOf(t, bytes.newTrace(ByteTable.HEIGHT))
            Lookups.deriveMultiplicities(traces)
            Checker.check(traces).ok()
        }
    }

    val user = listOf(0x10000 to 16, 0x40001 to 7, 0xBFFFFFF0.toInt() to 16, 0x10000 to 0x7FFFFFFF.and(0xAFFF0000.toInt()))
    val outside = listOf(0xFFF0 to 4, 0 to 1, 0xBFFFFFF0.toInt() to 17, 0xC0000000.toInt() to 1, -4 to 8,
        0x10000 to Int.MIN_VALUE, 0x10000 to -1)

    for (always in listOf(false, true)) {
        val chip = BufferChip(always)
        test("${chip.name()}: buffers in user memory check, others do not") {
            for ((buf, len) in user) withClue("0x%08x + %d".format(buf, len)) { chip.accepts(buf, len) shouldBe true }
            for ((buf, len) in outside) withClue("0x%08x + %d".format(buf, len)) { chip.accepts(buf, len) shouldBe false }
            chip.accepts(0x40000, 0) shouldBe true
            chip.accepts(0xBFFFFFF0.toInt(), 0) shouldBe true
            // An empty buffer at 0 is the handler's business only when it checks every buffer (requireWritable).
            chip.accepts(0, 0) shouldBe !always
        }
    }
})
