package dev.rivet.stark

import dev.rivet.circuits.examples.Synthetic
import dev.rivet.dsl.Trace
import dev.rivet.stark.hash.HashFunction
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.util.concurrent.CancellationException
import java.util.concurrent.atomic.LongAdder
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlin.time.TimeSource
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

class ProverCancellationTest : FunSpec({
    val longTraces by lazy { listOf(synthetic.fill(1 shl 17, 7)) }

    /** Merkle work and wall time of the uncancelled long proof, through the Java API. */
    val uncancelled by lazy {
        val run = LongProof()
        val start = TimeSource.Monotonic.markNow()
        Prover.prove(run.key, longTraces)
        run.counter.done to start.elapsedNow()
    }

    /** Asserts that [run] started, stopped before the end, and does no more work after [stopped] since it stopped. */
    suspend fun shouldHaveStoppedEarly(run: LongProof, stopped: Duration) {
        val (fullWork, fullTime) = uncancelled
        val work = run.counter.done
        work shouldBeGreaterThan 0L
        work shouldBeLessThan fullWork
        delay(200)
        run.counter.done shouldBe work
        // liveness, not a benchmark: one phase of this proof takes a fraction of the whole
        stopped.inWholeMilliseconds shouldBeLessThan fullTime.inWholeMilliseconds + 2_000
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
