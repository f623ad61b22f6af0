package dev.rivet.stark;

import dev.rivet.air.AirTable;
import dev.rivet.field.Ntt;
import dev.rivet.stark.merkle.MerkleTree;
import java.util.List;

/**
 * The prover's side of setup: the {@link VerifyingKey}, plus each table's preprocessed columns, their LDE and
 * its Merkle tree, computed once and reused by every proof.
 */
public final class ProvingKey {
  private final VerifyingKey verifyingKey;
  final int[][][] preprocessedTraces;
  final int[][][] preprocessedLdes;
  final MerkleTree[] preprocessedTrees;

  private ProvingKey(VerifyingKey vk, int[][][] traces, int[][][] ldes, MerkleTree[] trees) {
    this.verifyingKey = vk;
    this.preprocessedTraces = traces;
    this.preprocessedLdes = ldes;
    this.preprocessedTrees = trees;
  }

  /**
   * Commits every table's preprocessed columns and derives both keys.
   *
   * @throws IllegalArgumentException if the tables cannot be proven together (two bus names share an identifier,
   *     a bus has different fields in two tables, a table's degree needs a larger blowup)
   */
  public static ProvingKey setup(StarkConfig config, List<AirTable> tables) {
    int n = tables.size();
    int[][][] traces = new int[n][][];
    int[][][] ldes = new int[n][][];
    MerkleTree[] trees = new MerkleTree[n];
    int[][] roots = new int[n][];
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
      trees[t] = MerkleTree.commit(config.hash(), ldes[t]);
      roots[t] = trees[t].root();
    }
    return new ProvingKey(new VerifyingKey(config, tables, roots), traces, ldes, trees);
  }

  public VerifyingKey verifyingKey() {
    return verifyingKey;
  }
}
