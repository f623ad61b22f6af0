package dev.rivet.stark;

import dev.rivet.air.AirCodec;
import dev.rivet.air.AirTable;
import dev.rivet.stark.hash.HashFunction;
import dev.rivet.stark.merkle.MerkleTree;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a verifier needs besides a proof and its public values: the configuration, the tables, and the commitment to
 * every table's preprocessed columns (the cap of one Merkle tree over all their LDEs), made once at
 * {@link ProvingKey#setup setup}. A key travels as bytes
 * ({@link #toBytes()}, {@link #fromBytes}); a verifier built from them needs no circuit class, since each table's
 * compiled constraints are in its {@link AirCodec} encoding.
 *
 * <p>A key holds no preprocessed values: each table's encoding has its preprocessed columns' names and height only,
 * and the values are bound by the preprocessed cap alone, against which the verifier checks every value a proof
 * opens. So a key stays small however large its fixed tables (the RV32IM byte table is 5 × 2^16 values), and a
 * program's code and memory image, held in preprocessed columns, enter the key as a commitment. Hence two
 * identities:
 * <ul>
 *   <li>{@link #machineDigest()}: SHA-256 of the encoding up to the cap (magic, version, hash, parameters, tables):
 *       the machine, the same for every program it runs (unless programs differ in the range of a preprocessed
 *       column that a bus multiplicity reads, which {@link AirCodec} keeps);
 *   <li>{@link #digest()}: SHA-256 of the whole encoding, the cap included: the machine and its preprocessed
 *       values, which proofs and the transcript carry.
 * </ul>
 *
 * <h2>Encoding</h2>
 * Ints are 4 bytes little-endian, as in a {@link Proof}; "digest" is 8 ints.
 * <pre>
 * | field              | encoding                                                                     |
 * |--------------------|------------------------------------------------------------------------------|
 * | magic, version     | the 4 ASCII bytes "RVTK", int 2                                              |
 * | hash               | int byte length (1 to 64), then the UTF-8 {@link HashFunction#name()}        |
 * | parameters         | int logBlowup, numQueries, powBits, challengePowBits, logFinalPolyLen,       |
 * |                    | logFoldingArity, logCapHeight                                                |
 * | table count        | int, at least 1                                                              |
 * | per table, in      | int byte length, then the table's {@link AirCodec} encoding (its columns,    |
 * | proof order:       |   preprocessed height but no values, public-value names in order, constraint |
 * |                    |   program, constraints, bus interactions);                                   |
 * |                    | 32 bytes, the table's digest (SHA-256 of that encoding)                      |
 * | preprocessed cap   | (only if some table has preprocessed columns) the cap's 2^c digests, c the   |
 * |                    | cap height lowered to the smallest preprocessed LDE's log-size               |
 * </pre>
 * The public-value layout a proof's statement follows is the tables' public-value names, in table order.
 * {@link #fromBytes} accepts only the canonical encoding: it re-encodes what it decoded and compares.
 */
public final class VerifyingKey {
  private static final byte[] MAGIC = "RVTK".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 2;
  private static final int MAX_HASH_NAME = 64;
  private static final int DIGEST_BYTES = 32;

  private final StarkConfig config;
  private final List<AirTable> tables;
  private final int[] preprocessedCap;
  final TableShape[] shapes;
  private final byte[] encoding;
  private final byte[] digest;
  private final byte[] machineDigest;
  private final List<String> publicBuses;

  VerifyingKey(StarkConfig config, List<AirTable> tables, int[] preprocessedCap) {
    this.config = config;
    this.tables = List.copyOf(tables);
    this.preprocessedCap = preprocessedCap;
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("a proof needs at least one table");
    }
    Map<Integer, String> busIds = new HashMap<>();
    Map<String, List<String>> busFields = new HashMap<>();
    Map<String, Boolean> publicBuses = new java.util.TreeMap<>();
    this.shapes = new TableShape[tables.size()];
    for (int t = 0; t < tables.size(); t++) {
      AirTable table = tables.get(t);
      shapes[t] = new TableShape(table, config.security().logBlowup());
      table.interactions().forEach(in -> {
        String other = busIds.putIfAbsent(LogUp.busId(in.bus()), in.bus());
        if (other != null && !other.equals(in.bus())) {
          throw new IllegalArgumentException("buses '" + other + "' and '" + in.bus() + "' have the same identifier; "
              + "rename one");
        }
        Boolean open = publicBuses.putIfAbsent(in.bus(), in.publicMessages());
        if (open != null && open != in.publicMessages()) {
          throw new IllegalArgumentException("bus '" + in.bus() + "' accepts public messages in one table but not in "
              + "table '" + table.name() + "'; declare it the same way everywhere");
        }
        List<String> fields = busFields.putIfAbsent(in.bus(), in.fieldNames());
        if (fields != null && !fields.equals(in.fieldNames())) {
          throw new IllegalArgumentException("bus '" + in.bus() + "' has fields " + fields + " in one table and "
              + in.fieldNames() + " in table '" + table.name() + "'");
        }
      });
    }
    this.publicBuses = publicBuses.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    byte[] machine = encodeMachine();
    this.encoding = withCap(machine);
    this.digest = sha256(encoding);
    this.machineDigest = sha256(machine);
  }

  /**
   * The buses that accept public messages ({@code Bus.withPublicMessages()}), sorted: proofs of this key may carry
   * {@code PublicMessage}s on these and on no other.
   */
  public List<String> publicBuses() {
    return publicBuses;
  }

  public StarkConfig config() {
    return config;
  }

  /** The tables, in the order proofs cover them. */
  public List<AirTable> tables() {
    return tables;
  }

  /**
   * log2 of the chunks of the one quotient of all tables: the largest any table needs, since every table's quotient
   * is lifted to the largest height and summed ({@link Prover}).
   */
  int logQuotient() {
    return Arrays.stream(shapes).mapToInt(s -> s.logQuotient).max().getAsInt();
  }

  /** Base columns of the one quotient: four per chunk. */
  int quotientWidth() {
    return 4 << logQuotient();
  }

  /** Whether some table has bus interactions, so that proofs have a LogUp round. */
  boolean hasBus() {
    for (TableShape s : shapes) {
      if (s.auxWidth > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The commitment to every table's preprocessed LDE: the cap (packed digests, {@code logCapHeight} of the
   * parameters, lowered to the smallest LDE's height) of one Merkle tree over them in table order; null when no
   * table has preprocessed columns.
   */
  public int[] preprocessedCommitment() {
    return preprocessedCap == null ? null : preprocessedCap.clone();
  }

  /** The canonical encoding described on this class; a fresh copy. */
  public byte[] toBytes() {
    return encoding.clone();
  }

  /**
   * SHA-256 of {@link #toBytes()}: the key's identity, machine and preprocessed values (through the cap), which
   * proofs and the transcript carry. A fresh copy.
   */
  public byte[] digest() {
    return digest.clone();
  }

  /**
   * SHA-256 of the encoding without the preprocessed cap: the configuration and every table's shape and
   * constraints, not the preprocessed values. Keys for two programs of one machine share it. A fresh copy.
   */
  public byte[] machineDigest() {
    return machineDigest.clone();
  }

  /** {@link #digest()} in lowercase hex. */
  public String digestHex() {
    return HexFormat.of().formatHex(digest);
  }

  /** The encoding up to the preprocessed cap. */
  private byte[] encodeMachine() {
    ProofWriter out = new ProofWriter();
    out.writeBytes(MAGIC);
    out.writeInt(VERSION);
    byte[] hashName = config.hash().name().getBytes(StandardCharsets.UTF_8);
    out.writeInt(hashName.length);
    out.writeBytes(hashName);
    SecurityParameters p = config.security();
    out.writeInt(p.logBlowup());
    out.writeInt(p.numQueries());
    out.writeInt(p.powBits());
    out.writeInt(p.challengePowBits());
    out.writeInt(p.logFinalPolyLen());
    out.writeInt(p.logFoldingArity());
    out.writeInt(p.logCapHeight());
    out.writeInt(tables.size());
    for (int t = 0; t < tables.size(); t++) {
      byte[] table = tables.get(t).encode();
      out.writeInt(table.length);
      out.writeBytes(table);
      out.writeBytes(tables.get(t).digest());
    }
    return out.toByteArray();
  }

  /** The whole encoding: the machine's, then the preprocessed cap if there is one. */
  private byte[] withCap(byte[] machine) {
    ProofWriter out = new ProofWriter();
    out.writeBytes(machine);
    if (preprocessedCap != null) {
      for (int d = 0; d < preprocessedCap.length; d += HashFunction.DIGEST_INTS) {
        out.writeDigest(preprocessedCap, d);
      }
    }
    return out.toByteArray();
  }

  /**
   * Decodes a key from {@link #toBytes()}, treating the bytes as hostile: every length is checked against the
   * bytes that remain before anything is allocated, every table is rebuilt from its encoding and must reproduce its
   * digest, every root must be a digest of the key's hash, and the whole must be the canonical encoding.
   *
   * @throws IllegalArgumentException naming the byte offset and the problem; decoding throws nothing else
   */
  public static VerifyingKey fromBytes(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    try {
      if (bytes.length == 0) {
        throw new IllegalArgumentException("verifying key is empty");
      }
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw error(in, "not a Rivet verifying key (bad magic)");
      }
      int version = in.getInt();
      if (version != VERSION) {
        throw error(in, "unsupported verifying key version " + Integer.toUnsignedString(version)
            + ": this build reads only version " + VERSION);
      }
      HashFunction hash = HashFunction.named(new String(blob(in, MAX_HASH_NAME, "hash name"), StandardCharsets.UTF_8));
      SecurityParameters params = new SecurityParameters(in.getInt(), in.getInt(), in.getInt(), in.getInt(),
          in.getInt(), in.getInt(), in.getInt());
      // each table takes at least a length, a digest and an encoding's magic
      int n = length(in, 1, in.remaining() / (4 + DIGEST_BYTES + 8), "table count");
      List<AirTable> tables = new ArrayList<>(n);
      List<Integer> prepLogSizes = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        AirTable table = AirCodec.decode(blob(in, Integer.MAX_VALUE, "table encoding"));
        if (!Arrays.equals(bytesOf(in, DIGEST_BYTES), table.digest())) {
          throw error(in, "table " + t + " ('" + table.name() + "'): the recorded digest is not that of its "
              + "encoding");
        }
        if (!table.preprocessedColumns().isEmpty()) {
          prepLogSizes.add(Integer.numberOfTrailingZeros(table.preprocessedHeight()) + params.logBlowup());
        }
        tables.add(table);
      }
      int[] cap = null;
      if (!prepLogSizes.isEmpty()) {
        int digests = 1 << MerkleTree.capHeight(params.logCapHeight(),
            prepLogSizes.stream().mapToInt(Integer::intValue).toArray());
        cap = new int[HashFunction.DIGEST_INTS * digests];
        for (int i = 0; i < cap.length; i++) {
          cap[i] = in.getInt();
        }
        for (int d = 0; d < cap.length; d += HashFunction.DIGEST_INTS) {
          if (!hash.isDigest(cap, d)) {
            throw error(in, "the preprocessed cap's digest " + d / HashFunction.DIGEST_INTS + " is not a "
                + hash.name() + " digest");
          }
        }
      }
      if (in.hasRemaining()) {
        throw error(in, in.remaining() + " trailing bytes");
      }
      VerifyingKey vk = new VerifyingKey(new StarkConfig(params, hash), tables, cap);
      if (!Arrays.equals(vk.encoding, bytes)) {
        throw new IllegalArgumentException("verifying key is not in canonical form (a table's encoding is not the "
            + "one its compiled table re-encodes to)");
      }
      return vk;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("verifying key truncated at byte " + in.position() + " of " + bytes.length);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("verifying key")) {
        throw e;
      }
      throw new IllegalArgumentException("verifying key invalid near byte " + in.position() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // a bug reached by hostile bytes must still be this method's one exception; the cause is kept for the report
      throw new IllegalArgumentException("verifying key invalid near byte " + in.position() + ": " + e, e);
    }
  }

  private static IllegalArgumentException error(ByteBuffer in, String problem) {
    return new IllegalArgumentException("verifying key invalid at byte " + in.position() + ": " + problem);
  }

  private static int length(ByteBuffer in, int min, int max, String what) {
    int n = in.getInt();
    if (n < min || n > max) {
      throw error(in, what + " " + Integer.toUnsignedString(n) + " is outside [" + min + ", " + max + "]");
    }
    return n;
  }

  /** A length (1 to max) and that many bytes, which must be there before they are allocated. */
  private static byte[] blob(ByteBuffer in, int max, String what) {
    int n = length(in, 1, max, what + " length");
    if (n > in.remaining()) {
      throw new IllegalArgumentException("verifying key truncated at byte " + in.position() + ": " + what + " needs "
          + n + " bytes, " + in.remaining() + " remain");
    }
    return bytesOf(in, n);
  }

  private static byte[] bytesOf(ByteBuffer in, int n) {
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
