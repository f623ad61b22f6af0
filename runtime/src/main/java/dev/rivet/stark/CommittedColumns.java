package dev.rivet.stark;

/**
 * Base-field columns committed per phase, summed over a key's tables: what a proof's openings and the prover's
 * LDEs scale with. Extension-field columns count as four.
 *
 * @param main the main traces
 * @param preprocessed the preprocessed columns (committed once, at setup)
 * @param logUp LogUp's auxiliary columns
 * @param quotient the chunks of the one quotient of all tables, committed at the largest table's height
 */
public record CommittedColumns(int main, int preprocessed, int logUp, int quotient) {
  /** The columns of every table of {@code vk}. */
  public static CommittedColumns of(VerifyingKey vk) {
    int main = 0;
    int prep = 0;
    int aux = 0;
    for (TableShape s : vk.shapes) {
      main += s.mainWidth;
      prep += s.prepWidth;
      aux += s.auxWidth;
    }
    return new CommittedColumns(main, prep, aux, vk.quotientWidth());
  }

  /** The columns of table {@code t} of {@code vk}: no quotient of its own, its constraints are in the key's one. */
  public static CommittedColumns ofTable(VerifyingKey vk, int t) {
    TableShape s = vk.shapes[t];
    return new CommittedColumns(s.mainWidth, s.prepWidth, s.auxWidth, 0);
  }
}
