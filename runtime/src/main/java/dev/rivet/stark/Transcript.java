package dev.rivet.stark;

import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import dev.rivet.stark.hash.HashFunction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The Fiat–Shamir transcript: a duplex over a {@link HashFunction} that turns everything the prover sends into
 * the verifier's random challenges.
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>State.</b> One digest {@code S}, initially {@code H(INIT, label)}. Observations are queued; the first
 *       sample after any observation absorbs them: {@code S ← H(ABSORB, S, squeezes, queued…)}, where
 *       {@code squeezes} counts the words drawn since the previous absorption. Samples read words from the blocks
 *       {@code H(SQUEEZE, S, j)} for j = 0, 1, …. The leading tag separates the three input kinds. Since every
 *       absorption chains the previous state, each observation influences every later sample.
 *   <li><b>Input encoding.</b> Everything observed is a sequence of ints that are canonical field elements or
 *       digests of the same hash, so Poseidon2 can absorb it unchanged: a label is its UTF-8 length and bytes, one
 *       element each; a long is four 16-bit limbs; a byte string is its length and its bytes three to an element.
 *   <li><b>Uniform samples.</b> A word is reduced to 31 bits (a no-op for Poseidon2's field elements). A field
 *       element is a word below p, by rejection. A query index of k ≤ 27 bits is the low k bits of a word below
 *       15·2<sup>27</sup>, by rejection: that range is a multiple of 2<sup>k</sup>, so the index is exactly
 *       uniform whether words are uniform 31-bit strings (SHA-256) or uniform field elements (Poseidon2).
 *   <li><b>Proof of work.</b> A nonce passes at b bits when the low b bits of word 0 of
 *       {@code H(POW, S, squeezes, nonce)} are zero (probability 2<sup>−b</sup> under either hash); the search is
 *       split across all cores and returns the smallest passing nonce, so proofs are deterministic. The nonce is
 *       then observed.
 * </ul>
 * Not thread-safe: a transcript is one conversation.
 */
public final class Transcript {
  private static final int INIT = 0;
  private static final int ABSORB = 1;
  private static final int SQUEEZE = 2;
  private static final int POW = 3;
  /** The largest supported index width and proof-of-work difficulty: BabyBear's two-adicity. */
  public static final int MAX_BITS = 27;
  private static final int INDEX_BOUND = 15 << 27;
  /** Ints before the queued observations in an absorb input: tag, state, squeeze count. */
  private static final int HEADER = 10;

  private final HashFunction hash;
  private final int[] state = new int[8];
  private int[] input = new int[256];
  private int queued;
  private final int[] block = new int[8];
  private int blockUsed = 8;
  private int blockCounter;
  private int squeezes;

  /** A transcript for the protocol named by {@code label} (e.g. "rivet-stark-v3"). */
  public Transcript(HashFunction hash, String label) {
    this.hash = hash;
    byte[] utf8 = label.getBytes(StandardCharsets.UTF_8);
    int[] init = new int[2 + utf8.length];
    init[0] = INIT;
    init[1] = utf8.length;
    for (int i = 0; i < utf8.length; i++) {
      init[2 + i] = utf8[i] & 0xFF;
    }
    hash.hashInts(init, 0, init.length, state, 0);
  }

  /** The hash this transcript runs on. */
  public HashFunction hash() {
    return hash;
  }

  /** Observes a canonical field element. */
  public void observe(int element) {
    if (!BabyBear.isCanonical(element)) {
      throw new IllegalArgumentException("transcript observes field elements; " + element + " is not canonical");
    }
    queue(element);
  }

  /** Observes canonical field elements {@code a[off, off + len)}. */
  public void observe(int[] a, int off, int len) {
    for (int i = off; i < off + len; i++) {
      observe(a[i]);
    }
  }

  /** Observes an extension element. */
  public void observe(Ext4 e) {
    for (int i = 0; i < Ext4.DEGREE; i++) {
      queue(e.coeff(i));
    }
  }

  /** Observes the 8-int digest at {@code d[off..]}, e.g. a Merkle root. */
  public void observeDigest(int[] d, int off) {
    for (int i = 0; i < 8; i++) {
      queue(d[off + i]);
    }
  }

  /** Observes packed digests (a Merkle cap), 8 ints each, in order. */
  public void observeDigests(int[] d) {
    for (int off = 0; off < d.length; off += 8) {
      observeDigest(d, off);
    }
  }

  /** Observes a 64-bit value as four 16-bit limbs, low first. */
  public void observeLong(long v) {
    for (int i = 0; i < 4; i++) {
      queue((int) ((v >>> (16 * i)) & 0xFFFF));
    }
  }

  /** Observes a label: its UTF-8 length, then its bytes. Separates protocol phases and names values. */
  public void observeLabel(String label) {
    byte[] utf8 = label.getBytes(StandardCharsets.UTF_8);
    queue(utf8.length);
    for (byte b : utf8) {
      queue(b & 0xFF);
    }
  }

  /**
   * Observes a labeled byte string (public input, a journal): the label, the length as a long, then the bytes
   * packed three to an element, little-endian, the last element zero-padded.
   */
  public void observeBytes(String label, byte[] data) {
    observeLabel(label);
    observeLong(data.length);
    for (int i = 0; i < data.length; i += 3) {
      int v = data[i] & 0xFF;
      if (i + 1 < data.length) {
        v |= (data[i + 1] & 0xFF) << 8;
      }
      if (i + 2 < data.length) {
        v |= (data[i + 2] & 0xFF) << 16;
      }
      queue(v); // below 2^24 < p
    }
  }

  /** A uniformly random BabyBear element. */
  public int sampleElement() {
    while (true) {
      int w = nextWord();
      if (w < BabyBear.P) {
        return w;
      }
    }
  }

  /** A uniformly random extension element. */
  public Ext4 sampleExt4() {
    return Ext4.of(sampleElement(), sampleElement(), sampleElement(), sampleElement());
  }

  /** A uniformly random index in {@code [0, 2^bits)}, {@code 0 <= bits <= 27}. */
  public int sampleIndex(int bits) {
    checkBits(bits, "index");
    while (true) {
      int w = nextWord();
      if (w < INDEX_BOUND) {
        return w & ((1 << bits) - 1);
      }
    }
  }

  /**
   * Finds the smallest nonce that passes proof of work at {@code bits} bits on the current state, using all
   * cores, and observes it. Expected work 2<sup>bits</sup> hashes.
   */
  public long grind(int bits) {
    checkBits(bits, "proof-of-work");
    absorb();
    int[] header = powHeader();
    int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
    long batch = 1L << 14;
    AtomicLong best = new AtomicLong(Long.MAX_VALUE);
    for (long base = 0; best.get() == Long.MAX_VALUE; base += batch * threads) {
      long start = base;
      // each task scans its own contiguous range in order, so the minimum over tasks is the smallest nonce
      IntStream.range(0, threads).parallel().forEach(t -> {
        int[] in = Arrays.copyOf(header, header.length + 4);
        int[] out = new int[8];
        long from = start + t * batch;
        for (long nonce = from; nonce < from + batch && nonce < best.get(); nonce++) {
          if (passes(in, out, nonce, bits)) {
            best.accumulateAndGet(nonce, Math::min);
            return;
          }
        }
      });
    }
    long nonce = best.get();
    observeLong(nonce);
    return nonce;
  }

  /**
   * Checks a proof-of-work nonce at {@code bits} bits on the current state and observes it.
   *
   * @param round the round the work precedes, for the message (e.g. "FRI queries")
   * @throws VerificationException naming the round if the nonce does not pass
   */
  public void checkWork(String round, int bits, long nonce) throws VerificationException {
    if (bits < 0 || bits > MAX_BITS) {
      throw new VerificationException(round + ": proof-of-work difficulty " + bits + " is outside [0, " + MAX_BITS
          + "]");
    }
    if (nonce < 0) {
      throw new VerificationException(round + ": proof-of-work nonce " + nonce + " is negative");
    }
    absorb();
    int[] header = powHeader();
    if (!passes(Arrays.copyOf(header, header.length + 4), new int[8], nonce, bits)) {
      throw new VerificationException(round + ": proof-of-work nonce " + nonce + " does not reach " + bits + " bits");
    }
    observeLong(nonce);
  }

  private int[] powHeader() {
    int[] h = new int[HEADER];
    h[0] = POW;
    System.arraycopy(state, 0, h, 1, 8);
    h[9] = squeezes;
    return h;
  }

  private boolean passes(int[] in, int[] out, long nonce, int bits) {
    for (int i = 0; i < 4; i++) {
      in[HEADER + i] = (int) ((nonce >>> (16 * i)) & 0xFFFF);
    }
    hash.hashInts(in, 0, in.length, out, 0);
    return (out[0] & ((1 << bits) - 1)) == 0;
  }

  private static void checkBits(int bits, String what) {
    if (bits < 0 || bits > MAX_BITS) {
      throw new IllegalArgumentException(what + " bits " + bits + " outside [0, " + MAX_BITS + "]");
    }
  }

  private void queue(int v) {
    if (HEADER + queued == input.length) {
      input = Arrays.copyOf(input, 2 * input.length);
    }
    input[HEADER + queued++] = v;
  }

  /** Absorbs queued observations, if any, into the state; drawn words of the old state are discarded. */
  private void absorb() {
    if (queued == 0) {
      return;
    }
    input[0] = ABSORB;
    System.arraycopy(state, 0, input, 1, 8);
    input[9] = squeezes;
    hash.hashInts(input, 0, HEADER + queued, state, 0);
    queued = 0;
    squeezes = 0;
    blockCounter = 0;
    blockUsed = 8;
  }

  private int nextWord() {
    absorb();
    if (blockUsed == 8) {
      int[] in = new int[HEADER];
      in[0] = SQUEEZE;
      System.arraycopy(state, 0, in, 1, 8);
      in[9] = blockCounter++;
      hash.hashInts(in, 0, HEADER, block, 0);
      blockUsed = 0;
    }
    squeezes++;
    return block[blockUsed++] & 0x7FFFFFFF;
  }
}
