package dev.rivet.circuits.demo

import dev.rivet.check.CheckException
import dev.rivet.check.Checker
import dev.rivet.circuits.keccak.KeccakCaller
import dev.rivet.circuits.keccak.KeccakChip
import dev.rivet.dsl.Lookups
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.dsl.gadgets.ByteTable
import dev.rivet.field.BabyBear
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.util.Random

class DemoCircuitsTest : FunSpec({
    test("Java and Kotlin Fibonacci compile to the same table") {
        val java = Fibonacci().table()
        val kotlin = FibonacciKotlin().table()
        kotlin.digestHex() shouldBe java.digestHex()
        kotlin.encode() shouldBe java.encode()
    }

    test("Java and Kotlin byte addition compile to the same table") {
        ByteAddKotlin().table().digestHex() shouldBe ByteAdd().table().digestHex()
    }

    test("the demo and Keccak chips compile without warnings") {
        for (chip in listOf(Fibonacci(), FibonacciKotlin(), ByteAdd(), ByteAddKotlin(), Synthetic(100),
            KeccakChip(), KeccakCaller(), ByteRangeTable(), ByteTable())) {
            withClue(chip.name()) { chip.table().warnings() shouldBe emptyList() }
        }
    }

    test("an honest Fibonacci trace satisfies its table, and its result is F(n)") {
        val fib = Fibonacci()
        val trace = fib.fill(16, 0, 1)
        Checker.check(trace).ok() shouldBe true
        trace.getPublic(fib.result) shouldBe 987 // row 15 holds (F15, F16)
    }

    test("one tampered Fibonacci cell is reported with table, constraints and rows") {
        val fib = Fibonacci()
        val trace = fib.fill(16, 0, 1)
        trace[fib.b, 5] = trace[fib.b, 5] + 1
        val report = Checker.check(trace)
        report.ok() shouldBe false
        report.constraintFailures().map { Triple(it.table(), it.constraint().name(), it.row()) }
            .shouldContainExactlyInAnyOrder(
                Triple("fibonacci", "step", 4), // b5 ≠ a4 + b4
                Triple("fibonacci", "shift", 5), // a6 ≠ b5
                Triple("fibonacci", "step", 5), // b6 ≠ a5 + b5
            )
        report.toString() shouldContain "table 'fibonacci': constraint 'step' (Fibonacci.java:"
        report.toString() shouldContain "fails on row 4"
    }

    test("a wrong public value is reported on the boundary row") {
        val fib = Fibonacci()
        val trace = fib.fill(8, 0, 1)
        trace.setPublic(fib.result, 999)
        val failures = Checker.check(trace).constraintFailures()
        failures.map { it.constraint().name() to it.row() }.shouldContainExactly("ends at result" to 7)
    }

    test("the Kotlin chip reports its own source lines") {
        val fib = FibonacciKotlin()
        val trace = fib.newTrace(4)
        trace.setPublic(fib.x0, 5)
        val report = Checker.check(trace)
        report.toString() shouldContain "constraint 'starts at x0' (FibonacciKotlin.kt:"
    }

    test("the two-table example balances, with multiplicities derived") {
        val traces = ByteAdd.example(ByteAdd(), ByteRangeTable(), 64, 7)
        Checker.check(traces).ok() shouldBe true
        traces[1].mainColumns()[0].sum() shouldBe 3 * 64 // every x, y, z looked up once
    }

    test("a tampered byte_add cell breaks its constraint and the byte bus, naming both tables") {
        val adder = ByteAdd()
        val bytes = ByteRangeTable()
        val traces = ByteAdd.example(adder, bytes, 64, 7)
        val old = traces[0][adder.z, 3]
        traces[0][adder.z, 3] = old + 256 // still satisfies nothing: sum breaks, and z is no longer a byte
        val report = Checker.check(traces)
        report.constraintFailures().map { it.constraint().name() to it.row() }.shouldContainExactly("sum" to 3)
        val sentTooOften = report.busImbalances().single { it.values()[0] == old + 256 }
        sentTooOften.net() shouldBe 1
        sentTooOften.senders().single() shouldContain "'byte_add' (row 3)"
        sentTooOften.toString() shouldContain "received by no table (tables receiving on bus 'byte': 'byte_table')"
        val receivedTooOften = report.busImbalances().single { it.values()[0] == old }
        receivedTooOften.net() shouldBe -1
        receivedTooOften.receivers().single() shouldContain "'byte_table' (row $old)"
    }

    test("a value outside the byte range cannot be balanced even with a consistent sum") {
        val adder = ByteAdd()
        val bytes = ByteRangeTable()
        val trace = adder.fill(8, Random(1))
        // x + y = z + 256·carry with z = x + y − 256·carry taken literally as a field element: carry = 1, z < 0.
        trace[adder.x, 0] = 1
        trace[adder.y, 0] = 2
        trace[adder.carry, 0] = 1
        trace[adder.z, 0] = 3 - 256
        val traces = listOf(trace, bytes.newTrace(256))
        Lookups.deriveMultiplicities(traces)
        val report = Checker.check(traces)
        report.constraintFailures() shouldBe emptyList()
        report.busImbalances().single().values()[0] shouldBe BabyBear.fromInt(-253)
    }

    test("orThrow carries the whole report") {
        val fib = Fibonacci()
        val trace = fib.fill(4, 1, 1)
        trace[fib.a, 2] = 0
        val e = shouldThrow<CheckException> { Checker.check(trace).orThrow() }
        e.message shouldContain "constraint 'shift'"
        e.report().constraintFailures().size shouldBe 2
    }

    test("the dump shows columns, constraints with degrees, and buses") {
        val dump = ByteAdd().table().dump()
        dump shouldContain "main columns (4): x, y, z, carry"
        dump shouldContain "deg 2  carry is a bit: carry * (carry - 1)"
        dump shouldContain "send    byte(value = x) × 1"
    }
})
