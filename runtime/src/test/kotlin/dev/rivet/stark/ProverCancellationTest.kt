package dev.rivet.stark

import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.circuits.demo.Synthetic
import dev.rivet.dsl.Trace
import dev.rivet.field.BabyBear
import dev.rivet.stark.hash.HashFunction
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.comparables.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.util.concurrent.CancellationException
import java.util.concurrent.atomic.LongAdder
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlin.time.TimeSource
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout

/**
 * SHA-256 that counts its Merkle work: rows hashed into leaves, and nodes compressed. For given traces the count is
 * the same in every run (the transcript's proof-of-work grinding, whose hashing races its threads, is not counted),
 * so a proof that stopped early has done measurably less of it than a finished one.
 */
private class MerkleWorkCounter : HashFunction by Sha256Hash.INSTANCE {
    private val work = LongAdder()

    val done: Long get() = work.sum()

    override fun hashRows(columns: Array<IntArray>, from: Int, to: Int, out: IntArray, outOff: Int) {
        work.add((to - from).toLong())
        Sha256Hash.INSTANCE.hashRows(columns, from, to, out, outOff)
    }

    override fun compress(left: IntArray, leftOff: Int, right: IntArray, rightOff: Int, out: IntArray, outOff: Int) {
        work.increment()
        Sha256Hash.INSTANCE.compress(left, leftOff, right, rightOff, out, outOff)
    }

    /** Suspends until the prover has started hashing, i.e. it is past its first phase (the main LDE). */
    suspend fun awaitStart() = withTimeout(60.seconds) {
        while (done == 0L) delay(1)
    }
}

/** The synthetic benchmark AIR (degree-3 constraints, one bus) at 2^17 rows × 100 columns: about a second to prove. */
private val synthetic = Synthetic(100)

private class LongProof {
    val counter = MerkleWorkCounter()
    val key: ProvingKey = ProvingKey.setup(StarkConfig(SecurityParameters.INSECURE_TEST, counter), listOf(synthetic.table()))
}

/** Runs [Prover.prove] on its own thread, interrupted from the start if [interruptFirst], and records how it ended. */
private class ProvingThread(val key: ProvingKey, val traces: List<Trace>, val interruptFirst: Boolean) : Thread() {
    var failure: Throwable? = null
    var interruptedAtEnd = false

    override fun run() {
        if (interruptFirst) interrupt()
        try {
            Prover.prove(key, traces)
        } catch (e: Throwable) {
            failure = e
        }
        interruptedAtEnd = isInterrupted
    }
}

/** The Merkle work and wall time of a proof that ran to its end. */
private data class Finished(val work: Long, val time: Duration)

class ProverCancellationTest : FunSpec({
    val longTraces by lazy { listOf(synthetic.fill(1 shl 17, 7)) }

    /** The long proof, uncancelled, through the Java API. */
    val uncancelled by lazy {
        val run = LongProof()
        val start = TimeSource.Monotonic.markNow()
        Prover.prove(run.key, longTraces)
        Finished(run.counter.done, start.elapsedNow())
    }

    /**
     * Asserts that [run] had started, stopped before the end, and does nothing more now that the call has returned,
     * [tookToStop] after it was asked to stop.
     */
    suspend fun shouldHaveStoppedEarly(run: LongProof, tookToStop: Duration) {
        val work = run.counter.done
        work shouldBeGreaterThan 0L
        work shouldBeLessThan uncancelled.work
        delay(200)
        run.counter.done shouldBe work
        // liveness, not a benchmark: it should take one phase, a fraction of the whole proof
        tookToStop shouldBeLessThan uncancelled.time + 2.seconds
    }

    test("a proof made by the suspending API verifies and is the Java API's proof, byte for byte") {
        val fib = Fibonacci()
        val adder = ByteAdd()
        val bytes = ByteRangeTable()
        val pk = ProvingKey.setup(StarkConfig.insecureForTests(), listOf(fib.table(), adder.table(), bytes.table()))
        val traces = listOf(fib.fill(32, 3, 4)) + ByteAdd.example(adder, bytes, 32, 11)

        val proof = pk.prove(traces)

        proof.toBytes() shouldBe Prover.prove(pk, traces).toBytes()
        pk.verifyingKey().verify(publics(traces), proof, ANY)
        val wrong = publics(traces).also { it[0][0] = (it[0][0] + 1) % BabyBear.P }
        shouldThrow<VerificationException> { pk.verifyingKey().verify(wrong, proof, ANY) }
    }

    test("cancelling the proving coroutine stops the prover and throws CancellationException") {
        val run = LongProof()
        val proving = async { run.key.prove(longTraces) }
        run.counter.awaitStart()
        val cancelled = TimeSource.Monotonic.markNow()

        proving.cancel()

        shouldThrow<CancellationException> { proving.await() }
        shouldHaveStoppedEarly(run, cancelled.elapsedNow())
    }

    test("withTimeout stops the prover and throws TimeoutCancellationException") {
        val run = LongProof()
        uncancelled // measured first, so that the timeout falls inside the long proof
        val start = TimeSource.Monotonic.markNow()

        shouldThrow<TimeoutCancellationException> {
            withTimeout(uncancelled.time / 3) { run.key.prove(longTraces) }
        }

        shouldHaveStoppedEarly(run, start.elapsedNow())
    }

    test("Java: a thread interrupted while proving gets CancellationException and stays interrupted") {
        val run = LongProof()
        val prover = ProvingThread(run.key, longTraces, interruptFirst = false).apply { start() }
        run.counter.awaitStart()
        val interrupted = TimeSource.Monotonic.markNow()

        prover.interrupt()
        prover.join()

        prover.failure.shouldBeInstanceOf<CancellationException>()
        prover.interruptedAtEnd shouldBe true
        shouldHaveStoppedEarly(run, interrupted.elapsedNow())
    }

    test("Java: a thread interrupted before proving does no proving work") {
        val run = LongProof()
        val prover = ProvingThread(run.key, longTraces, interruptFirst = true).apply { start() }

        prover.join()

        prover.failure.shouldBeInstanceOf<CancellationException>()
        prover.interruptedAtEnd shouldBe true
        run.counter.done shouldBe 0L
    }
})
