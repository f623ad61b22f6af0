package dev.rivet.stark;

import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import dev.rivet.stark.fri.FriProof;
import dev.rivet.stark.hash.HashFunction;
import dev.rivet.stark.merkle.MerklePath;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A STARK proof that a set of traces satisfies a {@link VerifyingKey}'s tables.
 *
 * <h2>Encoding</h2>
 * {@link #toBytes()} writes, in order (ints little-endian; "elem" a canonical BabyBear element, "ext" four elems,
 * "digest" 8 ints, each a digest of the key's hash; per-table sizes come from the verifying key, never from the
 * bytes):
 *
 * <pre>
 * | field                 | encoding                                                              |
 * |-----------------------|-----------------------------------------------------------------------|
 * | magic, version        | int 0x52565450 ("RVTP"), int 3                                        |
 * | length                | int, the proof's size in bytes, header included                       |
 * | hash                  | int byte length (1 to 64), then the UTF-8 name of the key's hash      |
 * | parameters            | int logBlowup, numQueries, powBits, challengePowBits, logFinalPolyLen |
 * | key digest            | 32 bytes, {@link VerifyingKey#digest()}                               |
 * | public values digest  | 32 bytes, SHA-256 of the public values (per table a count, values)    |
 * | log heights           | int per table, each in [1, 27 − logBlowup]                            |
 * | main roots            | digest per table                                                      |
 * | LogUp nonce           | long, the work before α_L, β_L (only if some table has interactions)  |
 * | LogUp                 | per table with interactions: digest aux root, ext table sum           |
 * | quotient roots        | digest per table                                                      |
 * | ζ nonce               | long, the work before ζ                                               |
 * | values at ζ, ζ·ω      | per table: ext per opened column at ζ, then at ζ·ω                    |
 * | batching nonce        | long, the work before the DEEP and FRI batching coefficients          |
 * | FRI proof             | see {@link FriProof} (with a nonce before each folding challenge)     |
 * | query openings        | per query, per table: main row + path, preprocessed row + path (if    |
 * |                       | any), aux row + path (if any), quotient row + path                    |
 * </pre>
 *
 * Opened columns per table are, in order: main, preprocessed, auxiliary (four per extension column), quotient
 * (four per chunk). A long is 8 bytes, little-endian; each nonce is the prover's proof of work of
 * {@code challengePowBits} before that round's challenges ({@link SecurityParameters}).
 *
 * <p>The header from length to the public values digest exists to name what went wrong: the verifier compares
 * it with the bytes' size, the key's configuration, the key's digest and the caller's public values, in that
 * order, before reading further, so a truncated or padded proof, a proof from another configuration, a proof for
 * another key and a proof of other public values each get their own message. The parameters must equal the key's:
 * a proof never chooses its own security. None of these fields is trusted: the transcript absorbs the key's digest
 * and the public values themselves.
 *
 * <p>Version 3 added the header's length, hash, key digest and public inputs digest, binds the key's digest
 * into the transcript, batches LogUp columns and puts public bus messages in the statement; version 2 added
 * {@code challengePowBits} and the nonces. Older proofs are refused by name.
 */
public final class Proof {
  static final int MAGIC = 0x52565450;
  static final int VERSION = 3;
  private static final int MAX_HASH_NAME = 64;
  private static final int DIGEST_BYTES = 32;

  final HashFunction hash;
  final SecurityParameters params;
  final byte[] keyDigest;
  final byte[] publicsDigest;
  final int[] logHeights;
  final int[][] mainRoots;
  final long logUpNonce;
  final int[][] auxRoots;
  final Ext4[] tableSums;
  final int[][] quotientRoots;
  final long zetaNonce;
  final Ext4[][] atZeta;
  final Ext4[][] atZetaNext;
  final long batchingNonce;
  final FriProof fri;
  final TableOpening[][] queries;

  /** One table's rows and authentication paths at one query. */
  record TableOpening(int[] main, MerklePath mainPath, int[] prep, MerklePath prepPath, int[] aux,
      MerklePath auxPath, int[] quotient, MerklePath quotientPath) {}

  /** {@code logUpNonce} is meaningful (and encoded) only if some table has interactions. */
  Proof(HashFunction hash, SecurityParameters params, byte[] keyDigest, byte[] publicsDigest, int[] logHeights, int[][] mainRoots, long logUpNonce, int[][] auxRoots,
      Ext4[] tableSums, int[][] quotientRoots, long zetaNonce, Ext4[][] atZeta, Ext4[][] atZetaNext,
      long batchingNonce, FriProof fri, TableOpening[][] queries) {
    this.hash = hash;
    this.params = params;
    this.keyDigest = keyDigest;
    this.publicsDigest = publicsDigest;
    this.logHeights = logHeights;
    this.mainRoots = mainRoots;
    this.logUpNonce = logUpNonce;
    this.auxRoots = auxRoots;
    this.tableSums = tableSums;
    this.quotientRoots = quotientRoots;
    this.zetaNonce = zetaNonce;
    this.atZeta = atZeta;
    this.atZetaNext = atZetaNext;
    this.batchingNonce = batchingNonce;
    this.fri = fri;
    this.queries = queries;
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
    out.writeBytes(keyDigest);
    out.writeBytes(publicsDigest);
    for (int h : logHeights) {
      out.writeInt(h);
    }
    for (int[] r : mainRoots) {
      out.writeDigest(r, 0);
    }
    if (Arrays.stream(auxRoots).anyMatch(Objects::nonNull)) {
      out.writeLong(logUpNonce);
    }
    for (int t = 0; t < auxRoots.length; t++) {
      if (auxRoots[t] != null) {
        out.writeDigest(auxRoots[t], 0);
        out.writeExt4(tableSums[t]);
      }
    }
    for (int[] r : quotientRoots) {
      out.writeDigest(r, 0);
    }
    out.writeLong(zetaNonce);
    for (int t = 0; t < atZeta.length; t++) {
      for (Ext4 v : atZeta[t]) {
        out.writeExt4(v);
      }
      for (Ext4 v : atZetaNext[t]) {
        out.writeExt4(v);
      }
    }
    out.writeLong(batchingNonce);
    fri.write(out);
    for (TableOpening[] query : queries) {
      for (TableOpening o : query) {
        writeRow(out, o.main, o.mainPath);
        writeRow(out, o.prep, o.prepPath);
        writeRow(out, o.aux, o.auxPath);
        writeRow(out, o.quotient, o.quotientPath);
      }
    }
    byte[] bytes = out.toByteArray();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, bytes.length);
    return bytes;
  }

  private static void writeRow(ProofWriter out, int[] row, MerklePath path) {
    if (row == null) {
      return;
    }
    out.writeElements(row, 0, row.length);
    path.write(out);
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
          + ": this build reads only version " + VERSION + (version == 1 || version == 2 ? " (version " + version
          + " predates the key digest in the transcript and batched LogUp; prove again with this build)" : ""));
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
    int[] raw = new int[5];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = in.readInt("parameters");
    }
    SecurityParameters params = vk.config().security();
    int[] expected = {params.logBlowup(), params.numQueries(), params.powBits(), params.challengePowBits(),
        params.logFinalPolyLen()};
    if (!hashName.equals(keyHash.name()) || !Arrays.equals(raw, expected)) {
      throw new VerificationException("proof from another configuration: the proof was made with "
          + describe(hashName, raw) + ", the verifying key is set up for " + describe(keyHash.name(), expected));
    }
    byte[] keyDigest = in.readBytes(DIGEST_BYTES, "key digest");
    if (!Arrays.equals(keyDigest, vk.digest())) {
      throw new VerificationException("proof for another verifying key: the proof was made for key "
          + HexFormat.of().formatHex(keyDigest) + ", this key is " + vk.digestHex());
    }
    byte[] publicsDigest = in.readBytes(DIGEST_BYTES, "public values digest");
    int tables = vk.tables().size();
    int maxLog = BabyBear.TWO_ADICITY - params.logBlowup();
    int[] logHeights = new int[tables];
    for (int t = 0; t < tables; t++) {
      int h = in.readInt("log height");
      int min = Math.max(1, params.minInputLogSize() - params.logBlowup());
      int prep = vk.tables().get(t).preprocessedHeight();
      if (h < min || h > maxLog) {
        throw new VerificationException("table '" + vk.tables().get(t).name() + "': log height " + h
            + " is outside [" + min + ", " + maxLog + "]");
      }
      if (prep != 0 && (1 << h) != prep) {
        throw new VerificationException("table '" + vk.tables().get(t).name() + "': height 2^" + h
            + " differs from its preprocessed height " + prep);
      }
      logHeights[t] = h;
    }
    int[][] mainRoots = new int[tables][];
    for (int t = 0; t < tables; t++) {
      mainRoots[t] = in.readDigest("main root");
    }
    long logUpNonce = vk.hasBus() ? in.readLong("LogUp proof-of-work nonce") : 0;
    int[][] auxRoots = new int[tables][];
    Ext4[] sums = new Ext4[tables];
    for (int t = 0; t < tables; t++) {
      if (vk.shapes[t].auxWidth > 0) {
        auxRoots[t] = in.readDigest("aux root");
        sums[t] = in.readExt4("table sum");
      }
    }
    int[][] quotientRoots = new int[tables][];
    for (int t = 0; t < tables; t++) {
      quotientRoots[t] = in.readDigest("quotient root");
    }
    long zetaNonce = in.readLong("out-of-domain proof-of-work nonce");
    Ext4[][] atZeta = new Ext4[tables][];
    Ext4[][] atZetaNext = new Ext4[tables][];
    for (int t = 0; t < tables; t++) {
      int w = vk.shapes[t].openedWidth();
      atZeta[t] = readExts(in, w, "value at zeta");
      atZetaNext[t] = readExts(in, w, "value at zeta·omega");
    }
    long batchingNonce = in.readLong("batching proof-of-work nonce");
    int maxLogSize = 0;
    for (int h : logHeights) {
      maxLogSize = Math.max(maxLogSize, h + params.logBlowup());
    }
    FriProof fri = FriProof.read(in, params, maxLogSize);
    TableOpening[][] queries = new TableOpening[params.numQueries()][tables];
    for (int q = 0; q < queries.length; q++) {
      for (int t = 0; t < tables; t++) {
        TableShape s = vk.shapes[t];
        int depth = logHeights[t] + params.logBlowup();
        int[] main = in.readElements(s.mainWidth, "main row");
        MerklePath mainPath = MerklePath.read(in, depth);
        int[] prep = null;
        MerklePath prepPath = null;
        if (s.prepWidth > 0) {
          prep = in.readElements(s.prepWidth, "preprocessed row");
          prepPath = MerklePath.read(in, depth);
        }
        int[] aux = null;
        MerklePath auxPath = null;
        if (s.auxWidth > 0) {
          aux = in.readElements(s.auxWidth, "aux row");
          auxPath = MerklePath.read(in, depth);
        }
        int[] quotient = in.readElements(s.quotientWidth, "quotient row");
        MerklePath quotientPath = MerklePath.read(in, depth);
        queries[q][t] = new TableOpening(main, mainPath, prep, prepPath, aux, auxPath, quotient, quotientPath);
      }
    }
    in.finish();
    return new Proof(keyHash, params, keyDigest, publicsDigest, logHeights, mainRoots, logUpNonce, auxRoots, sums, quotientRoots, zetaNonce, atZeta,
        atZetaNext, batchingNonce, fri, queries);
  }

  /** The configuration a header states, on one line whatever bytes its hash name holds. */
  private static String describe(String hash, int[] p) {
    return String.format("%s, log blowup %d, %d queries, %d bits of query proof of work, %d bits of grinding, "
        + "final polynomial 2^%d", hash.replaceAll("[^\\x20-\\x7e]", "?"), p[0], p[1], p[2], p[3], p[4]);
  }

  private static Ext4[] readExts(ProofReader in, int n, String what) throws VerificationException {
    Ext4[] out = new Ext4[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.readExt4(what);
    }
    return out;
  }
}
