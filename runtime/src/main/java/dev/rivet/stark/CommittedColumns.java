package dev.rivet.stark;

/**
 * Base-field columns committed per phase, summed over a key's tables: what a proof's openings and the prover's
 * LDEs scale with. Extension-field columns count as four.
 *
 * @param main the main traces
 * @param preprocessed the preprocessed columns (committed once, at setup)
 * @param logUp LogUp's auxiliary columns
 * @param quotient the quotient chunks
 */
public record CommittedColumns(int main, int preprocessed, int logUp, int quotient) {
  /** The columns of every table of {@code vk}. */
  public static CommittedColumns of(VerifyingKey vk) {
    int main = 0;
    int prep = 0;
    int aux = 0;
    int quotient = 0;
    for (TableShape s : vk.shapes) {
      main += s.mainWidth;
      prep += s.prepWidth;
      aux += s.auxWidth;
      quotient += s.quotientWidth;
    }
    return new CommittedColumns(main, prep, aux, quotient);
  }

  /** The columns of table {@code t} of {@code vk}. */
  public static CommittedColumns ofTable(VerifyingKey vk, int t) {
    TableShape s = vk.shapes[t];
    return new CommittedColumns(s.mainWidth, s.prepWidth, s.auxWidth, s.quotientWidth);
  }
}
