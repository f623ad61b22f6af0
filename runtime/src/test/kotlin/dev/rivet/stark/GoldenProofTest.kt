package dev.rivet.stark

import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import java.nio.file.Files
import java.nio.file.Path

/** The statement of the fixture: fixed tables, traces and parameters, so the proof bytes are reproducible. */
private object Golden {
    val config = StarkConfig(SecurityParameters(1, 4, 2, 2, 0, 2, 1), Sha256Hash.INSTANCE)
    val fib = Fibonacci()
    val adder = ByteAdd()
    val bytes = ByteRangeTable()
    val key = ProvingKey.setup(config, listOf(fib.table(), adder.table(), bytes.table()))
    fun traces() = listOf(fib.fill(8, 1, 1)) + ByteAdd.example(adder, bytes, 8, 42)
    const val RESOURCE = "/golden/stark-proof-v5.bin"
    /** The same statement proven by the last build of each retired format version: 1 (before grinding before the
     * challenges), 2 (before the header's digests, the key digest in the transcript and batched LogUp), 3 (before the one
     * quotient of all tables and the Merkle multi-proofs), 4 (before FRI over one lifted input). */
    val RETIRED = listOf(1 to "/golden/stark-proof-v1.bin", 2 to "/golden/stark-proof-v2.bin",
        3 to "/golden/stark-proof-v3.bin", 4 to "/golden/stark-proof-v4.bin")
}

private fun resource(name: String) = GoldenProofTest::class.java.getResourceAsStream(name)!!.readAllBytes()

/**
 * A proof made by an earlier build, committed as bytes. If this fails, the proof format, the transcript or the
 * protocol changed: bump Proof.VERSION and regenerate the fixture with `REGENERATE_GOLDEN=1` (the test then
 * writes runtime/src/test/resources/golden/stark-proof-v5.bin and fails once, so the change is seen).
 */
class GoldenProofTest : FunSpec({
    test("proofs of the retired format versions are refused by a message naming their version") {
        for ((version, file) in Golden.RETIRED) {
            shouldThrow<MalformedProofException> {
                Verifier.verify(Golden.key.verifyingKey(), publics(Golden.traces()), resource(file), ANY)
            }.message shouldStartWith "unsupported proof format version $version: this build reads only version 5"
        }
    }

    test("the committed v5 proof still verifies, and proving the same statement reproduces it byte for byte") {
        val traces = Golden.traces()
        val fresh = Prover.prove(Golden.key, traces).toBytes()
        if (System.getenv("REGENERATE_GOLDEN") != null) {
            Files.write(Path.of("src/test/resources" + Golden.RESOURCE), fresh)
            error("golden proof regenerated; rerun without REGENERATE_GOLDEN")
        }
        val golden = resource(Golden.RESOURCE)
        Verifier.verify(Golden.key.verifyingKey(), publics(traces), golden, ANY)
        fresh.size shouldBe golden.size
        (fresh contentEquals golden) shouldBe true
    }
})
