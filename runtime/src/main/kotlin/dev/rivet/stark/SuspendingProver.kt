package dev.rivet.stark

import dev.rivet.dsl.PublicMessage
import dev.rivet.dsl.Trace
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runInterruptible
import kotlinx.coroutines.withContext

/**
 * Proves [traces] with this key, suspending the caller until the proof is done: [Prover.prove], the same prover as
 * the Java API, so the proof is the same one byte for byte.
 *
 * Runs on [Dispatchers.Default] whatever the caller's dispatcher: proving is CPU-bound and takes seconds (about
 * 9 s at 2^20 rows × 100 columns on a 2-core machine). Its parallel phases also use the common ForkJoin pool, as
 * from Java.
 *
 * Cancelling the calling coroutine (`job.cancel()`, `withTimeout`, a failing sibling) interrupts the proving
 * thread through [runInterruptible]. The prover notices at its next phase boundary (see Cancellation in [Prover]'s
 * documentation: up to about 3 s at 2^20 rows × 100 columns, less for smaller tables) and this function then
 * throws [CancellationException]. It returns or throws only once the prover has stopped, so no proving continues
 * in the background; the worker thread's interrupt status is cleared on the way out.
 *
 * @throws IllegalArgumentException if the traces do not fit the key's tables, as [Prover.prove] does
 */
suspend fun ProvingKey.prove(traces: List<Trace>, messages: List<PublicMessage> = emptyList()): Proof =
    runInterruptible(Dispatchers.Default) { Prover.prove(this, traces, messages) }

/**
 * Verifies [proof] of the statement made by [publicValues] (one array per table, in the key's table order),
 * requiring at least [requiredBits] bits of security: [Verifier.verify], the same verifier as the Java API.
 *
 * Runs on [Dispatchers.Default], like [prove], so that tens of milliseconds of hashing never block the caller's
 * dispatcher. The verifier has no cancellation points (it is that fast): if the calling coroutine is cancelled
 * meanwhile, the verification runs to its end, its result is discarded and [CancellationException] is thrown.
 *
 * @throws VerificationException if the proof does not verify, naming the check that failed
 */
@Throws(VerificationException::class)
suspend fun VerifyingKey.verify(
    publicValues: List<IntArray>,
    proof: Proof,
    requiredBits: Double,
    messages: List<PublicMessage> = emptyList(),
): Unit = withContext(Dispatchers.Default) { Verifier.verify(this@verify, publicValues, messages, proof, requiredBits) }
