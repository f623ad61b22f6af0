package dev.rivet.air;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical binary encoding of an {@link AirTable}, whose SHA-256 is the table's digest.
 *
 * <p>Source locations are deliberately absent: the digest identifies the mathematics and the names, so a chip
 * written in Java and the same chip written in Kotlin are the same circuit. So are preprocessed values: the
 * encoding is the table's shape, and a verifying key binds the values by its commitment to them (a decoded table
 * has none, see {@link AirTable#hasPreprocessedValues()}). Only the signed range of the preprocessed columns that a
 * bus multiplicity reads is kept, since the verifier's {@link MultiplicityBounds} need it. All integers are
 * big-endian.
 *
 * <pre>
 * | field                | encoding                                                          |
 * |----------------------|-------------------------------------------------------------------|
 * | magic                | the 8 ASCII bytes "RIVETAIR"                                      |
 * | version              | u16, currently 2                                                  |
 * | name                 | str (u32 byte length, then UTF-8)                                 |
 * | max degree           | u8                                                                |
 * | main columns         | u32 count, then str per column                                    |
 * | preprocessed columns | u32 count, then str per column                                    |
 * | preprocessed height  | u32 (0 when there are no preprocessed columns)                    |
 * | public values        | u32 count, then str per value                                     |
 * | program              | u32 slot count, then per slot: u8 op and its arguments:           |
 * |                      |   CONST u32 value; VAR u8 kind, u32 index; ADD/SUB/MUL u32 a, u32 b;|
 * |                      |   NEG u32 a                                                       |
 * | constraints          | u32 count, then per constraint: str name (may be empty), u32 slot |
 * | interactions         | u32 count, then per interaction: str bus, u8 direction            |
 * |                      |   (0 send, 1 receive), u32 arity, arity × (str field, u32 slot),  |
 * |                      |   u32 multiplicity slot, u8 public messages (0 no, 1 yes)         |
 * | multiplicity ranges  | per preprocessed column some multiplicity reads (known from the   |
 * |                      |   program and interactions above), in column order: i32 lo, i32 hi,|
 * |                      |   the least and greatest of its values as signed field elements   |
 * </pre>
 *
 * <p>{@link #decode} treats its input as hostile: every count is checked against the bytes that remain before
 * anything is allocated, and the result goes through {@link AirTable}'s validation.
 */
public final class AirCodec {
  private static final byte[] MAGIC = "RIVETAIR".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 2;
  private static final VarKind[] KINDS = VarKind.values();

  private AirCodec() {}

  /** Encodes a table canonically. */
  public static byte[] encode(AirTable t) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeShort(VERSION);
      writeString(out, t.name());
      out.writeByte(t.maxDegree());
      writeStrings(out, t.mainColumns());
      writeStrings(out, t.preprocessedColumns());
      out.writeInt(t.preprocessedHeight());
      writeStrings(out, t.publicValues());
      ConstraintProgram p = t.program();
      out.writeInt(p.size());
      for (int s = 0; s < p.size(); s++) {
        byte op = p.op(s);
        out.writeByte(op);
        switch (op) {
          case ConstraintProgram.OP_CONST: out.writeInt(p.arg0(s)); break;
          case ConstraintProgram.OP_VAR: out.writeByte(p.arg0(s)); out.writeInt(p.arg1(s)); break;
          case ConstraintProgram.OP_NEG: out.writeInt(p.arg0(s)); break;
          default: out.writeInt(p.arg0(s)); out.writeInt(p.arg1(s));
        }
      }
      out.writeInt(t.constraints().size());
      for (AirConstraint c : t.constraints()) {
        writeString(out, c.name());
        out.writeInt(c.slot());
      }
      out.writeInt(t.interactions().size());
      for (Interaction in : t.interactions()) {
        writeString(out, in.bus());
        out.writeByte(in.direction().ordinal());
        out.writeInt(in.arity());
        for (int i = 0; i < in.arity(); i++) {
          writeString(out, in.fieldNames().get(i));
          out.writeInt(in.fieldSlot(i));
        }
        out.writeInt(in.multiplicitySlot());
        out.writeByte(in.publicMessages() ? 1 : 0);
      }
      for (int c = 0; c < t.preprocessedColumns().size(); c++) {
        long[] range = t.multiplicityRange(c);
        if (range != null) {
          out.writeInt((int) range[0]);
          out.writeInt((int) range[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes a table from its canonical encoding.
   *
   * @throws IllegalArgumentException naming the byte offset and the problem, for any malformed input
   */
  public static AirTable decode(byte[] encoding) {
    Reader in = new Reader(encoding);
    try {
      byte[] magic = in.bytes(MAGIC.length);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw in.error("not an AIR table encoding (bad magic)");
      }
      int version = in.u16();
      if (version != VERSION) {
        throw in.error("unsupported AIR encoding version " + version + " (this build reads " + VERSION + ")");
      }
      String name = in.string();
      int maxDegree = in.u8();
      List<String> main = in.strings();
      List<String> prepNames = in.strings();
      int height = in.u32();
      if (prepNames.isEmpty() ? height != 0 : height <= 0 || Integer.bitCount(height) != 1) {
        throw in.error("preprocessed height " + height + " does not fit " + prepNames.size() + " columns");
      }
      List<String> publics = in.strings();
      int slots = in.count(5);
      ConstraintProgram.Builder builder = new ConstraintProgram.Builder();
      int[] remap = new int[slots];
      for (int s = 0; s < slots; s++) {
        int op = in.u8();
        int slot;
        switch (op) {
          case ConstraintProgram.OP_CONST: slot = builder.constant(in.u32()); break;
          case ConstraintProgram.OP_VAR: {
            int kind = in.u8();
            if (kind >= KINDS.length) {
              throw in.error("unknown variable kind " + kind);
            }
            slot = builder.variable(KINDS[kind], in.u32());
            break;
          }
          case ConstraintProgram.OP_NEG: slot = builder.operation((byte) op, earlier(in, remap, s), 0); break;
          case ConstraintProgram.OP_ADD: case ConstraintProgram.OP_SUB: case ConstraintProgram.OP_MUL:
            slot = builder.operation((byte) op, earlier(in, remap, s), earlier(in, remap, s));
            break;
          default: throw in.error("unknown op code " + op + " in slot " + s);
        }
        remap[s] = slot;
      }
      ConstraintProgram program = builder.build();
      int nConstraints = in.count(8);
      List<AirConstraint> constraints = new ArrayList<>(nConstraints);
      for (int i = 0; i < nConstraints; i++) {
        String cname = in.string();
        int slot = earlier(in, remap, slots);
        constraints.add(new AirConstraint(i, cname, slot, program.degree(slot), SourceLocation.UNKNOWN));
      }
      int nInteractions = in.count(14);
      List<Interaction> interactions = new ArrayList<>(nInteractions);
      for (int i = 0; i < nInteractions; i++) {
        String bus = in.string();
        int dir = in.u8();
        if (dir > 1) {
          throw in.error("unknown interaction direction " + dir);
        }
        int arity = in.count(8);
        List<String> fields = new ArrayList<>(arity);
        int[] fieldSlots = new int[arity];
        for (int f = 0; f < arity; f++) {
          fields.add(in.string());
          fieldSlots[f] = earlier(in, remap, slots);
        }
        int mult = earlier(in, remap, slots);
        int publicMessages = in.u8();
        if (publicMessages > 1) {
          throw in.error("bad public-messages flag " + publicMessages);
        }
        interactions.add(new Interaction(bus, fields, Interaction.Direction.values()[dir], fieldSlots, mult,
            publicMessages == 1, SourceLocation.UNKNOWN));
      }
      boolean[] ranged = MultiplicityBounds.preprocessedColumnsOfMultiplicities(program, interactions,
          prepNames.size());
      long[][] ranges = new long[prepNames.size()][];
      for (int c = 0; c < ranges.length; c++) {
        if (ranged[c]) {
          ranges[c] = new long[] {in.u32(), in.u32()};
        }
      }
      if (in.remaining() != 0) {
        throw in.error(in.remaining() + " trailing bytes");
      }
      return new AirTable(name, maxDegree, main, prepNames, height, ranges, publics, program, constraints,
          interactions);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("AIR encoding truncated at byte " + in.position());
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("AIR encoding")) {
        throw e;
      }
      throw new IllegalArgumentException("AIR encoding invalid near byte " + in.position() + ": " + e.getMessage(), e);
    }
  }

  private static int earlier(Reader in, int[] remap, int limit) {
    int s = in.u32();
    if (s < 0 || s >= limit) {
      throw in.error("slot reference " + s + " is not below " + limit);
    }
    return remap[s];
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
    out.writeInt(strings.size());
    for (String s : strings) {
      writeString(out, s);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** A bounds-checked big-endian reader that refuses counts larger than the bytes left could hold. */
  private static final class Reader {
    private final ByteBuffer buf;

    Reader(byte[] data) {
      this.buf = ByteBuffer.wrap(data);
    }

    int position() {
      return buf.position();
    }

    int remaining() {
      return buf.remaining();
    }

    IllegalArgumentException error(String problem) {
      return new IllegalArgumentException("AIR encoding invalid at byte " + buf.position() + ": " + problem);
    }

    int u8() {
      return buf.get() & 0xff;
    }

    int u16() {
      return buf.getShort() & 0xffff;
    }

    int u32() {
      return buf.getInt();
    }

    byte[] bytes(int n) {
      byte[] b = new byte[n];
      buf.get(b);
      return b;
    }

    /** A count of items each taking at least {@code minBytes} bytes: it cannot exceed what remains. */
    int count(int minBytes) {
      int n = buf.getInt();
      if (n < 0 || (minBytes > 0 && (long) n * minBytes > buf.remaining())) {
        throw error("count " + n + " exceeds the " + buf.remaining() + " bytes left");
      }
      return n;
    }

    String string() {
      int n = count(1);
      return new String(bytes(n), StandardCharsets.UTF_8);
    }

    List<String> strings() {
      int n = count(4);
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(string());
      }
      return out;
    }
  }
}
