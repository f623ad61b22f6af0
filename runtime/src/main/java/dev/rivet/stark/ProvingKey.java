package dev.rivet.stark;

import dev.rivet.air.AirTable;
import dev.rivet.field.Ntt;
import dev.rivet.stark.merkle.MerkleTree;
import java.util.ArrayList;
import java.util.List;

/**
 * The prover's side of setup: the {@link VerifyingKey}, plus each table's preprocessed columns, their LDEs and the
 * one Merkle tree over all of them, computed once and reused by every proof.
 */
public final class ProvingKey {
  private final VerifyingKey verifyingKey;
  final int[][][] preprocessedTraces;
  final int[][][] preprocessedLdes;
  /** The tree over every table's preprocessed LDE, in table order; null when no table has preprocessed columns. */
  final MerkleTree preprocessedTree;

  private ProvingKey(VerifyingKey vk, int[][][] traces, int[][][] ldes, MerkleTree tree) {
    this.verifyingKey = vk;
    this.preprocessedTraces = traces;
    this.preprocessedLdes = ldes;
    this.preprocessedTree = tree;
  }

  /**
   * Commits every table's preprocessed columns and derives both keys.
   *
   * @throws IllegalArgumentException if the tables cannot be proven together (two bus names share an identifier,
   *     a bus has different fields in two tables, a table's degree needs a larger blowup)
   * @throws IllegalStateException if a table with preprocessed columns was decoded from bytes, so holds no values
   *     to commit: set up from the compiled tables
   */
  public static ProvingKey setup(StarkConfig config, List<AirTable> tables) {
    int n = tables.size();
    int[][][] traces = new int[n][][];
    int[][][] ldes = new int[n][][];
    List<int[][]> matrices = new ArrayList<>();
    int logBlowup = config.security().logBlowup();
    for (int t = 0; t < n; t++) {
      AirTable table = tables.get(t);
      int width = table.preprocessedColumns().size();
      if (width == 0) {
        continue;
      }
      traces[t] = new int[width][];
      for (int c = 0; c < width; c++) {
        traces[t][c] = table.preprocessedValues(c);
      }
      int logLde = Integer.numberOfTrailingZeros(table.preprocessedHeight()) + logBlowup;
      ldes[t] = Ntt.lde(traces[t], logBlowup, Cosets.shift(logLde));
      matrices.add(ldes[t]);
    }
    MerkleTree tree = matrices.isEmpty() ? null
        : MerkleTree.commit(config.hash(), config.security().logCapHeight(), matrices);
    return new ProvingKey(new VerifyingKey(config, tables, tree == null ? null : tree.cap()), traces, ldes, tree);
  }

  public VerifyingKey verifyingKey() {
    return verifyingKey;
  }
}
