package dev.rivet.stark

import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.dsl.Trace
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThanOrEqual

/**
 * `./rivet demo-tables`'s proofs at DEFAULT stay within their budgets (docs/soundness.md, proof size). A proof's size
 * depends on the parameters, the shapes and, through its Merkle multi-proofs, on how many tree nodes the query
 * indices share: the budgets leave about 15 % over the measured 120,770 and 173,778 bytes for the indices' luck,
 * which moves a size by a few kilobytes.
 */
class ProofSizeTest : FunSpec({
    fun size(pk: ProvingKey, traces: List<Trace>): Int {
        val bytes = Prover.prove(pk, traces).toBytes()
        Verifier.verify(pk.verifyingKey(), publics(traces), bytes, 100.0)
        return bytes.size
    }

    test("the demo's Fibonacci proof (2^12 rows) is at most 140 KB") {
        val fib = Fibonacci()
        size(ProvingKey.setup(StarkConfig.standard(), listOf(fib.table())), listOf(fib.fill(4096, 0, 1))) shouldBeLessThanOrEqual
            140_000
    }

    test("the demo's byte-addition proof (2^12 rows and a 2^8-row byte table) is at most 200 KB") {
        val adder = ByteAdd()
        val bytes = ByteRangeTable()
        size(ProvingKey.setup(StarkConfig.standard(), listOf(adder.table(), bytes.table())),
            ByteAdd.example(adder, bytes, 4096, 1)) shouldBeLessThanOrEqual 200_000
    }
})
