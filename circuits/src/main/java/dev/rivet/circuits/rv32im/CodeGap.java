package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.PublicValue;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.RangeCheck;

/**
 * Proves that the written words of a row, a range of word indices [first, last], lie outside the program's code
 * region [code_start, code_end): the executor traps a store into the code (code is read-only) and refuses an ECALL
 * buffer that overlaps it, so every chip that writes user memory proves it. The store chips ({@link UserAddress})
 * pass their one word as both ends; the read table passes the word range of its whole buffer on the call row.
 * With the region's word bounds S = code_start/4 and E = code_end/4, the check is last &lt; S or first ≥ E.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Why public values.</b> S and E are the chip's public values {@code code_start_word} and
 * {@code code_end_word}, which the verifier supplies from the receipt, where the image ID binds them (as it binds the
 * entry pc). Constants baked into the chip would be sound too, but would put the program into the tables' constraints
 * and so into {@code VerifyingKey.machineDigest()}, which names the machine whatever program it runs. Nor does the
 * preprocessed program table help: it fixes the code's words, not a bound a writing chip could compare with.
 *
 * <p><b>Columns and constraints.</b> {@code below_code}, a bit (is the range under the region?), and the gap
 * {@code code_gap_lo} + 2^16·{@code code_gap_hi}, which on the checked rows (degree 2 plus the row flag's) equals
 * below_code·(S − 1 − last) + (1 − below_code)·(first − E); U16(code_gap_lo) and code_gap_hi ∈ [0, 2^14) (two U16
 * lookups, {@link RangeCheck}) on those rows, so the gap is an integer in [0, 2^30). Checking the side below S would
 * be redundant for the usual layout (code at {@code MemoryMap.USER_START}, the bottom of user memory, so S is the
 * least word a write reaches) but costs one column, and keeps the check right for a program whose code starts higher.
 *
 * <p><b>Soundness.</b> The caller proves first and last to be integers in [2^14 − 1, 3·2^28] (words of user memory,
 * or for the read table's empty buffer at the bottom of user memory the word just below it), and the verifier
 * accepts only S, E in [2^14, 3·2^28] (a code region in user memory). So S − 1 − last and first − E are integers of
 * magnitude below 3·2^28; a negative one is, in the field, at least p − 3·2^28 &gt; 2^30 (p = 15·2^27 + 1), outside
 * the checked range. Hence the gap equation holds only if, as integers, last &lt; S (below_code = 1) or first ≥ E
 * (below_code = 0), and either puts every word of [first, last] outside [S, E). (A 30-bit difference check alone
 * would not be a comparison for all values below 2^30: p &lt; 2^31.)
 */
final class CodeGap {
  /** The public value naming the code region's first word index. */
  static final String CODE_START_WORD = "code_start_word";
  /** The public value naming the word index just past the code region. */
  static final String CODE_END_WORD = "code_end_word";

  private final PublicValue codeStartWord;
  private final PublicValue codeEndWord;
  private final Column belowCode;
  private final Column gapLo;
  private final Column gapHi;

  /**
   * Declares the public values and columns in {@code chip} and constrains the word indices [{@code firstWord},
   * {@code lastWord}] (expressions the caller bounds to integers in [2^14 − 1, 3·2^28]) to lie outside the code region
   * on the rows where {@code where} (a Boolean expression) holds, range-checking on {@code bytes}.
   */
  CodeGap(Chip chip, ByteTable bytes, Expr firstWord, Expr lastWord, Expr where) {
    codeStartWord = chip.publicValue(CODE_START_WORD);
    codeEndWord = chip.publicValue(CODE_END_WORD);
    belowCode = chip.column("below_code");
    gapLo = chip.column("code_gap_lo");
    gapHi = chip.column("code_gap_hi");
    chip.assertBool("below_code is a bit", belowCode);
    Expr gap = belowCode.times(codeStartWord.minus(1).minus(lastWord))
        .plus(belowCode.not().times(firstWord.minus(codeEndWord)));
    chip.when(where).assertEq("written words are outside the code region", gapLo.plus(gapHi.times(1 << 16)), gap);
    bytes.lookup(chip.when(where), gapLo);
    RangeCheck.assertBits(chip.when(where), bytes, gapHi, 14);
  }

  /**
   * Fills a checked row's gap to the region of {@code code}, for the word indices [{@code firstWord},
   * {@code lastWord}] outside it.
   */
  void fill(Trace t, int row, int firstWord, int lastWord, DecodedCode code) {
    int start = code.codeStart() >>> 2;
    boolean below = lastWord < start;
    int gap = below ? start - 1 - lastWord : firstWord - (code.codeEnd() >>> 2);
    t.set(belowCode, row, below ? 1 : 0);
    t.set(gapLo, row, gap & 0xffff);
    t.set(gapHi, row, gap >>> 16);
  }

  /** Sets the trace's public values: the word bounds of {@code code}'s region. */
  void fillPublic(Trace t, DecodedCode code) {
    t.setPublic(codeStartWord, code.codeStart() >>> 2);
    t.setPublic(codeEndWord, code.codeEnd() >>> 2);
  }
}
