package dev.rivet.stark;

import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import dev.rivet.stark.fri.FriProof;
import dev.rivet.stark.hash.HashFunction;
import dev.rivet.stark.merkle.MerkleMultiProof;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import dev.rivet.stark.merkle.MerkleTree;

/**
 * A STARK proof that a set of traces satisfies a {@link VerifyingKey}'s tables.
 *
 * <h2>Encoding</h2>
 * {@link #toBytes()} writes, in order (ints little-endian; "elem" a canonical BabyBear element, "ext" four elems,
 * "digest" 8 ints, each a digest of the key's hash, "cap" the 2^c digests of a Merkle cap; per-table sizes come
 * from the verifying key and the heights, never from the bytes):
 *
 * <pre>
 * | field                 | encoding                                                              |
 * |-----------------------|-----------------------------------------------------------------------|
 * | magic, version        | int 0x52565450 ("RVTP"), int 4                                        |
 * | length                | int, the proof's size in bytes, header included                       |
 * | hash                  | int byte length (1 to 64), then the UTF-8 name of the key's hash      |
 * | parameters            | int logBlowup, numQueries, powBits, challengePowBits, logFinalPolyLen,|
 * |                       | logFoldingArity, logCapHeight (all must equal the key's)              |
 * | key digest            | 32 bytes, {@link VerifyingKey#digest()}                               |
 * | public inputs digest  | 32 bytes, SHA-256 of the public values and messages                   |
 * | log heights           | int per table, each in [1, 27 − logBlowup], the largest at least      |
 * |                       | logFinalPolyLen                                                       |
 * | main cap              | cap of the one tree over every table's main LDE                       |
 * | LogUp nonce           | long, the work before α_L, β_L (only if some table has interactions)  |
 * | LogUp                 | (only if some table has interactions) cap of the one tree over the    |
 * |                       | auxiliary LDEs, then per table with interactions its ext table sum    |
 * | quotient cap          | cap of the tree of the one quotient (all tables' lifted and summed)   |
 * | ζ nonce               | long, the work before ζ                                               |
 * | values at ζ_t, ζ_t·ω  | per table: ext per opened column at ζ_t = ζ^(N/n_t), then at ζ_t·ω_t  |
 * | quotient at ζ         | ext per quotient column (four per chunk) at ζ                         |
 * | batching nonce        | long, the work before the DEEP and FRI batching coefficients          |
 * | FRI proof             | see {@link FriProof}: one FRI of every table's DEEP composition, each |
 * |                       | lifted to the largest LDE (a nonce before each folding round)         |
 * | query openings        | per query, per phase present (main, preprocessed, LogUp, quotient):   |
 * |                       | each of its matrices' row (elems)                                     |
 * | phase multi-proofs    | per phase present: int n_p ≤ numQueries·(K_p − c_p), then n_p digests:|
 * |                       | the siblings that authenticate every query's rows of that phase's tree|
 * |                       | at once ({@link MerkleTree#openBatch})                                |
 * </pre>
 *
 * A trace phase's tree holds the LDEs of the tables with columns in it, in table order, at mixed heights
 * ({@link dev.rivet.stark.merkle.MerkleTree}); the quotient's tree holds one matrix, the quotient's q chunks (four
 * base columns each, q the most any table needs) at the largest LDE size. K_p is the log-size of a tree's largest
 * matrix and c_p its cap height ({@code logCapHeight}, lowered to its smallest matrix's log-size). N is the largest
 * table height. A query at index i of the largest domain opens row i mod 2^k of a matrix with 2^k rows. A
 * multi-proof's n_p depends on the query indices, drawn after the proof is decoded: the reader bounds it, the
 * verifier requires exactly the count the indices need, so a proof's size varies a little with its nonces (a few
 * kilobytes at 193 queries). Opened columns per table are, in order: main, preprocessed, auxiliary (four per
 * extension column). The FRI proof has one input per table, in table order, then the quotient's. A long is 8
 * bytes, little-endian; each nonce is the prover's proof of work of {@code challengePowBits} before that round's
 * challenges ({@link SecurityParameters}).
 *
 * <p>The header from length to the public values digest exists to name what went wrong: the verifier compares
 * it with the bytes' size, the key's configuration, the key's digest and the caller's public values, in that
 * order, before reading further, so a truncated or padded proof, a proof from another configuration, a proof for
 * another key and a proof of other public values each get their own message. The parameters must equal the key's:
 * a proof never chooses its own security. None of these fields is trusted: the transcript absorbs the key's digest
 * and the public values themselves.
 *
 * <p>Version 5 runs FRI on one input, every table's DEEP input and the quotient's lifted to the largest LDE, so
 * its rounds fold by the full arity from the top and only the largest table must hold the final polynomial.
 * Version 4 commits one quotient for all tables (lifted to the largest height) and authenticates each tree's
 * openings with one multi-proof for all queries instead of a path per query. Version 3 added the header's length,
 * hash, key digest and public inputs digest, binds the key's digest into the transcript, batches LogUp columns,
 * puts public bus messages in the statement, commits each phase of all tables in one capped tree and folds FRI by
 * 2^logFoldingArity; version 2 added
 * {@code challengePowBits} and the nonces. Older proofs are refused by name.
 */
public final class Proof {
  static final int MAGIC = 0x52565450;
  static final int VERSION = 5;
  private static final int MAX_HASH_NAME = 64;
  private static final int DIGEST_BYTES = 32;

  final HashFunction hash;
  final SecurityParameters params;
  final byte[] keyDigest;
  final byte[] publicsDigest;
  final int[] logHeights;
  final int[] mainCap;
  final long logUpNonce;
  final int[] auxCap;
  final Ext4[] tableSums;
  final int[] quotientCap;
  final long zetaNonce;
  final Ext4[][] atZeta;
  final Ext4[][] atZetaNext;
  final Ext4[] quotientAtZeta;
  final long batchingNonce;
  final FriProof fri;
  /** Per query, one opening per phase present ({@link Phase#present}). */
  final Opening[][] queries;
  /** Per phase present, the multi-proof of every query's opening of it. */
  final MerkleMultiProof[] phaseProofs;

  /** One phase's rows at one query, one per table of the phase in table order. */
  record Opening(int[][] rows) {}

  /** {@code logUpNonce} and {@code auxCap} are meaningful (and encoded) only if some table has interactions. */
  Proof(HashFunction hash, SecurityParameters params, byte[] keyDigest, byte[] publicsDigest, int[] logHeights,
      int[] mainCap, long logUpNonce, int[] auxCap, Ext4[] tableSums, int[] quotientCap, long zetaNonce,
      Ext4[][] atZeta, Ext4[][] atZetaNext, Ext4[] quotientAtZeta, long batchingNonce, FriProof fri,
      Opening[][] queries, MerkleMultiProof[] phaseProofs) {
    this.hash = hash;
    this.params = params;
    this.keyDigest = keyDigest;
    this.publicsDigest = publicsDigest;
    this.logHeights = logHeights;
    this.mainCap = mainCap;
    this.logUpNonce = logUpNonce;
    this.auxCap = auxCap;
    this.tableSums = tableSums;
    this.quotientCap = quotientCap;
    this.zetaNonce = zetaNonce;
    this.atZeta = atZeta;
    this.atZetaNext = atZetaNext;
    this.quotientAtZeta = quotientAtZeta;
    this.batchingNonce = batchingNonce;
    this.fri = fri;
    this.queries = queries;
    this.phaseProofs = phaseProofs;
  }

  /** The parameters the proof was made with. */
  public SecurityParameters parameters() {
    return params;
  }

  /** Trace height of table t. */
  public int height(int t) {
    return 1 << logHeights[t];
  }

  /** The compact binary encoding described on this class. */
  public byte[] toBytes() {
    ProofWriter out = new ProofWriter();
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(0); // the length, set below once known
    byte[] hashName = hash.name().getBytes(StandardCharsets.UTF_8);
    out.writeInt(hashName.length);
    out.writeBytes(hashName);
    out.writeInt(params.logBlowup());
    out.writeInt(params.numQueries());
    out.writeInt(params.powBits());
    out.writeInt(params.challengePowBits());
    out.writeInt(params.logFinalPolyLen());
    out.writeInt(params.logFoldingArity());
    out.writeInt(params.logCapHeight());
    out.writeBytes(keyDigest);
    out.writeBytes(publicsDigest);
    for (int h : logHeights) {
      out.writeInt(h);
    }
    writeCap(out, mainCap);
    if (auxCap != null) {
      out.writeLong(logUpNonce);
      writeCap(out, auxCap);
      for (Ext4 sum : tableSums) {
        if (sum != null) {
          out.writeExt4(sum);
        }
      }
    }
    writeCap(out, quotientCap);
    out.writeLong(zetaNonce);
    for (int t = 0; t < atZeta.length; t++) {
      for (Ext4 v : atZeta[t]) {
        out.writeExt4(v);
      }
      for (Ext4 v : atZetaNext[t]) {
        out.writeExt4(v);
      }
    }
    for (Ext4 v : quotientAtZeta) {
      out.writeExt4(v);
    }
    out.writeLong(batchingNonce);
    fri.write(out);
    for (Opening[] query : queries) {
      for (Opening o : query) {
        for (int[] row : o.rows) {
          out.writeElements(row, 0, row.length);
        }
      }
    }
    for (MerkleMultiProof phaseProof : phaseProofs) {
      phaseProof.write(out);
    }
    byte[] bytes = out.toByteArray();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, bytes.length);
    return bytes;
  }

  private static void writeCap(ProofWriter out, int[] cap) {
    for (int d = 0; d < cap.length; d += HashFunction.DIGEST_INTS) {
      out.writeDigest(cap, d);
    }
  }

  /**
   * Decodes a proof for the given key, checking its shape (counts, heights, canonical elements, lengths) before
   * any of it is used. The header is checked first, in the order that names the cause of a mismatch: size, then
   * configuration, then key.
   *
   * @throws MalformedProofException if the bytes are not a proof: empty, another format version, truncated,
   *     padded, a non-canonical element or digest
   * @throws VerificationException naming the proof's configuration or key where they differ from the key's, or
   *     the first other problem with its byte offset
   */
  public static Proof fromBytes(byte[] bytes, VerifyingKey vk) throws VerificationException {
    if (bytes.length == 0) {
      throw new MalformedProofException("the proof is empty (0 bytes)");
    }
    HashFunction keyHash = vk.config().hash();
    ProofReader in = new ProofReader(bytes, keyHash);
    if (in.readInt("magic") != MAGIC) {
      throw new MalformedProofException("not a Rivet STARK proof (bad magic)");
    }
    int version = in.readInt("version");
    if (version != VERSION) {
      throw new MalformedProofException("unsupported proof format version " + Integer.toUnsignedString(version)
          + ": this build reads only version " + VERSION + retiredReason(version));
    }
    int length = in.readInt("length");
    if (length != bytes.length) {
      throw new MalformedProofException(Integer.compareUnsigned(length, bytes.length) > 0
          ? "the proof is truncated: " + bytes.length + " bytes of the " + Integer.toUnsignedString(length)
              + " its header announces"
          : "the proof is padded: " + (bytes.length - length) + " bytes after the " + length
              + " its header announces");
    }
    String hashName = new String(in.readBytes(in.readCount(MAX_HASH_NAME, "hash name"), "hash name"),
        StandardCharsets.UTF_8);
    int[] raw = new int[7];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = in.readInt("parameters");
    }
    SecurityParameters params = vk.config().security();
    int[] expected = {params.logBlowup(), params.numQueries(), params.powBits(), params.challengePowBits(),
        params.logFinalPolyLen(), params.logFoldingArity(), params.logCapHeight()};
    if (!hashName.equals(keyHash.name()) || !Arrays.equals(raw, expected)) {
      throw new VerificationException("proof from another configuration: the proof was made with "
          + describe(hashName, raw) + ", the verifying key is set up for " + describe(keyHash.name(), expected));
    }
    byte[] keyDigest = in.readBytes(DIGEST_BYTES, "key digest");
    if (!Arrays.equals(keyDigest, vk.digest())) {
      throw new VerificationException("proof for another verifying key: the proof was made for key "
          + HexFormat.of().formatHex(keyDigest) + ", this key is " + vk.digestHex());
    }
    byte[] publicsDigest = in.readBytes(DIGEST_BYTES, "public inputs digest");
    int tables = vk.tables().size();
    int maxLog = BabyBear.TWO_ADICITY - params.logBlowup();
    int[] logHeights = new int[tables];
    for (int t = 0; t < tables; t++) {
      int h = in.readInt("log height");
      int prep = vk.tables().get(t).preprocessedHeight();
      if (h < 1 || h > maxLog) {
        throw new VerificationException("table '" + vk.tables().get(t).name() + "': log height " + h
            + " is outside [1, " + maxLog + "]");
      }
      if (prep != 0 && (1 << h) != prep) {
        throw new VerificationException("table '" + vk.tables().get(t).name() + "': height 2^" + h
            + " differs from its preprocessed height " + prep);
      }
      logHeights[t] = h;
    }
    int largest = Arrays.stream(logHeights).max().orElse(0);
    if (largest < params.logFinalPolyLen()) {
      throw new VerificationException("the largest table's log height " + largest + " is below "
          + params.logFinalPolyLen() + ", the least FRI's final polynomial of 2^" + params.logFinalPolyLen()
          + " coefficients allows");
    }
    int[] mainCap = readCap(in, vk, params, logHeights, Phase.MAIN);
    long logUpNonce = 0;
    int[] auxCap = null;
    Ext4[] sums = new Ext4[tables];
    if (vk.hasBus()) {
      logUpNonce = in.readLong("LogUp proof-of-work nonce");
      auxCap = readCap(in, vk, params, logHeights, Phase.AUX);
      for (int t : Phase.AUX.tables(vk)) {
        sums[t] = in.readExt4("table sum");
      }
    }
    int[] quotientCap = readCap(in, vk, params, logHeights, Phase.QUOTIENT);
    long zetaNonce = in.readLong("out-of-domain proof-of-work nonce");
    Ext4[][] atZeta = new Ext4[tables][];
    Ext4[][] atZetaNext = new Ext4[tables][];
    for (int t = 0; t < tables; t++) {
      int w = vk.shapes[t].openedWidth();
      atZeta[t] = readExts(in, w, "value at zeta");
      atZetaNext[t] = readExts(in, w, "value at zeta·omega");
    }
    Ext4[] quotientAtZeta = readExts(in, vk.quotientWidth(), "quotient value at zeta");
    long batchingNonce = in.readLong("batching proof-of-work nonce");
    int[] friLogSizes = friLogSizes(logHeights, params.logBlowup());
    FriProof fri = FriProof.read(in, params, friLogSizes);
    Phase[] phases = Phase.present(vk);
    Opening[][] queries = new Opening[params.numQueries()][phases.length];
    for (int q = 0; q < queries.length; q++) {
      for (int p = 0; p < phases.length; p++) {
        Phase phase = phases[p];
        int[] widths = phase.widths(vk);
        int[][] rows = new int[widths.length][];
        for (int m = 0; m < widths.length; m++) {
          rows[m] = in.readElements(widths[m], phase.label + " row");
        }
        queries[q][p] = new Opening(rows);
      }
    }
    MerkleMultiProof[] phaseProofs = new MerkleMultiProof[phases.length];
    for (int p = 0; p < phases.length; p++) {
      int[] logSizes = phases[p].logSizes(vk, logHeights, params.logBlowup());
      int depth = Arrays.stream(logSizes).max().getAsInt() - MerkleTree.capHeight(params.logCapHeight(), logSizes);
      phaseProofs[p] = MerkleMultiProof.read(in, params.numQueries() * depth, phases[p].label);
    }
    in.finish();
    return new Proof(keyHash, params, keyDigest, publicsDigest, logHeights, mainCap, logUpNonce, auxCap, sums,
        quotientCap, zetaNonce, atZeta, atZetaNext, quotientAtZeta, batchingNonce, fri, queries, phaseProofs);
  }

  /** FRI's inputs: each table's DEEP composition on its LDE, then the quotient's on the largest. */
  static int[] friLogSizes(int[] logHeights, int logBlowup) {
    int[] out = new int[logHeights.length + 1];
    for (int t = 0; t < logHeights.length; t++) {
      out[t] = logHeights[t] + logBlowup;
    }
    out[logHeights.length] = Arrays.stream(logHeights).max().getAsInt() + logBlowup;
    return out;
  }

  /** What a retired version lacks, for the refusal's message; empty for a version this project never wrote. */
  private static String retiredReason(int version) {
    return switch (version) {
      case 1, 2 -> " (version " + version + " predates the key digest in the transcript, batched LogUp and one tree"
          + " per phase; prove again with this build)";
      case 3 -> " (version 3 predates the one quotient of all tables and the Merkle multi-proofs; prove again with"
          + " this build)";
      case 4 -> " (version 4 predates FRI over one lifted input; prove again with this build)";
      default -> "";
    };
  }

  /** The configuration a header states, on one line whatever bytes its hash name holds. */
  private static String describe(String hash, int[] p) {
    return String.format("%s, log blowup %d, %d queries, %d bits of query proof of work, %d bits of grinding, "
        + "final polynomial 2^%d, folding arity 2^%d, cap height %d", hash.replaceAll("[^\\x20-\\x7e]", "?"), p[0],
        p[1], p[2], p[3], p[4], p[5], p[6]);
  }

  /** A phase's cap: as many digests as its tree's heights and the cap height give. */
  private static int[] readCap(ProofReader in, VerifyingKey vk, SecurityParameters params, int[] logHeights,
      Phase phase) throws VerificationException {
    int[] logSizes = phase.logSizes(vk, logHeights, params.logBlowup());
    return in.readDigests(1 << MerkleTree.capHeight(params.logCapHeight(), logSizes), phase.label + " cap");
  }

  private static Ext4[] readExts(ProofReader in, int n, String what) throws VerificationException {
    Ext4[] out = new Ext4[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.readExt4(what);
    }
    return out;
  }
}
