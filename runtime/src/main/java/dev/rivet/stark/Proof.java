package dev.rivet.stark;

import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import dev.rivet.stark.fri.FriProof;
import dev.rivet.stark.merkle.MerklePath;
import java.util.Arrays;
import java.util.Objects;

/**
 * A STARK proof that a set of traces satisfies a {@link VerifyingKey}'s tables.
 *
 * <h2>Encoding</h2>
 * {@link #toBytes()} writes, in order (ints little-endian; "elem" a canonical BabyBear element, "ext" four elems,
 * "digest" 8 ints; per-table sizes come from the verifying key, never from the bytes):
 *
 * <pre>
 * | field                 | encoding                                                              |
 * |-----------------------|-----------------------------------------------------------------------|
 * | magic, version        | int 0x52565450 ("RVTP"), int 2                                        |
 * | parameters            | int logBlowup, numQueries, powBits, challengePowBits, logFinalPolyLen |
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
 * <p>Version 2 added {@code challengePowBits} and the nonces; version 3 changed no byte of the layout but the
 * protocol behind it (batched LogUp columns, public bus messages in the statement). Older proofs are refused by
 * name.
 */
public final class Proof {
  static final int MAGIC = 0x52565450;
  static final int VERSION = 3;

  final SecurityParameters params;
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
  Proof(SecurityParameters params, int[] logHeights, int[][] mainRoots, long logUpNonce, int[][] auxRoots,
      Ext4[] tableSums, int[][] quotientRoots, long zetaNonce, Ext4[][] atZeta, Ext4[][] atZetaNext,
      long batchingNonce, FriProof fri, TableOpening[][] queries) {
    this.params = params;
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
    out.writeInt(params.logBlowup());
    out.writeInt(params.numQueries());
    out.writeInt(params.powBits());
    out.writeInt(params.challengePowBits());
    out.writeInt(params.logFinalPolyLen());
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
    return out.toByteArray();
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
   * any of it is used.
   *
   * @throws VerificationException naming the byte offset and field of the first problem
   */
  public static Proof fromBytes(byte[] bytes, VerifyingKey vk) throws VerificationException {
    ProofReader in = new ProofReader(bytes);
    if (in.readInt("magic") != MAGIC) {
      throw new VerificationException("not a Rivet STARK proof (bad magic)");
    }
    int version = in.readInt("version");
    if (version != VERSION) {
      throw new VerificationException("unsupported proof format version " + version + ": this build reads only "
          + "version " + VERSION + (version == 1 ? " (version 1 predates grinding before the challenge rounds; "
          + "prove again with this build)" : version == 2 ? " (version 2 predates batched LogUp columns; prove again "
          + "with this build)" : ""));
    }
    SecurityParameters params;
    try {
      params = new SecurityParameters(in.readInt("logBlowup"), in.readInt("numQueries"), in.readInt("powBits"),
          in.readInt("challengePowBits"), in.readInt("logFinalPolyLen"));
    } catch (IllegalArgumentException e) {
      throw new VerificationException("proof parameters: " + e.getMessage());
    }
    if (params.logBlowup() != vk.config().security().logBlowup()) {
      throw new VerificationException("proof uses log blowup " + params.logBlowup() + " but the verifying key was "
          + "set up for " + vk.config().security().logBlowup());
    }
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
    return new Proof(params, logHeights, mainRoots, logUpNonce, auxRoots, sums, quotientRoots, zetaNonce, atZeta,
        atZetaNext, batchingNonce, fri, queries);
  }

  private static Ext4[] readExts(ProofReader in, int n, String what) throws VerificationException {
    Ext4[] out = new Ext4[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.readExt4(what);
    }
    return out;
  }
}
