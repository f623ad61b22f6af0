package dev.rivet.cli;

import dev.rivet.air.AirTable;
import dev.rivet.field.BabyBear;
import dev.rivet.stark.VerifyingKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The text form of a statement's public values, as {@code rivet demo-tables --out} writes them and
 * {@code rivet verify-proof --publics} reads them: one line per table of the key, in the key's order,
 * {@code <table name>: <value> <value> …} (decimal, canonical field elements, in the table's public-value order;
 * nothing after the colon for a table without public values). Lines starting with {@code #} are comments; the
 * writer names each table's public values in one.
 */
final class PublicValuesFile {
  private PublicValuesFile() {}

  static String write(VerifyingKey vk, List<int[]> values) {
    StringBuilder out = new StringBuilder("# public values of key " + vk.digestHex() + "\n");
    for (int t = 0; t < values.size(); t++) {
      AirTable table = vk.tables().get(t);
      out.append("# ").append(table.name()).append(": ").append(String.join(" ", table.publicValues())).append('\n');
      out.append(table.name()).append(':');
      for (int v : values.get(t)) {
        out.append(' ').append(v);
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * Reads the values for {@code vk}'s tables; {@code text} null means no file, which fits only a key whose tables
   * take no public values.
   *
   * @throws IllegalArgumentException naming the line and what is wrong
   */
  static List<int[]> read(VerifyingKey vk, String text) {
    List<AirTable> tables = vk.tables();
    List<int[]> values = new ArrayList<>();
    if (text == null) {
      for (AirTable table : tables) {
        if (!table.publicValues().isEmpty()) {
          throw new IllegalArgumentException("table '" + table.name() + "' takes public values ("
              + String.join(", ", table.publicValues()) + "): give them with --publics FILE");
        }
        values.add(new int[0]);
      }
      return values;
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "line " + (i + 1) + ": ";
      int t = values.size();
      int colon = line.lastIndexOf(':');
      if (t == tables.size() || colon < 0 || !line.substring(0, colon).equals(tables.get(t).name())) {
        throw new IllegalArgumentException(where + "expected " + (t == tables.size() ? "no more tables"
            : "'" + tables.get(t).name() + ": …', table " + (t + 1) + " of the key"));
      }
      String rest = line.substring(colon + 1).strip();
      String[] words = rest.isEmpty() ? new String[0] : rest.split("\\s+");
      List<String> names = tables.get(t).publicValues();
      if (words.length != names.size()) {
        throw new IllegalArgumentException(where + "table '" + tables.get(t).name() + "' takes " + names.size()
            + " public values (" + String.join(", ", names) + "), " + words.length + " given");
      }
      int[] pv = new int[words.length];
      for (int j = 0; j < words.length; j++) {
        long v;
        try {
          v = Long.parseLong(words[j]);
        } catch (NumberFormatException e) {
          v = -1;
        }
        if (v < 0 || v >= BabyBear.P) {
          throw new IllegalArgumentException(where + names.get(j) + " = '" + words[j]
              + "' is not a field element (a decimal in [0, " + BabyBear.P + "))");
        }
        pv[j] = (int) v;
      }
      values.add(pv);
    }
    if (values.size() != tables.size()) {
      throw new IllegalArgumentException("values for " + values.size() + " of the key's " + tables.size()
          + " tables; missing '" + tables.get(values.size()).name() + "'");
    }
    return values;
  }
}
