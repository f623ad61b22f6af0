package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.PublicValue;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.RangeCheck;
import dev.rivet.field.BabyBear;
import dev.rivet.isa.MemoryMap;

/**
 * The address of a load or store, rs1 + imm, computed in a chip's row and bounded to user memory: the part the
 * word and sub-word memory chips share.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> The fetched immediate as {@code imm_lo} and {@code imm_neg} (an I- or S-format immediate is
 * sign-extended, so its high half is 0xFFFF·imm_neg); rs1's value {@code a_lo}, {@code a_hi} (the chip's rs1 read);
 * the address as {@code w_lo} and {@code addr_hi}, with addr_lo = 4·w_lo + lane, where lane is the chip's byte offset
 * inside the word (0 for word accesses, 2·lane1 + lane0 for sub-word ones). The word index on the memory bus is
 * w = w_lo + 2^14·addr_hi.
 *
 * <p><b>Constraints.</b> The carries k0 = (a_lo + imm_lo − addr_lo) / 2^16 and
 * k1 = (a_hi + 0xFFFF·imm_neg + k0 − addr_hi) / 2^16 are Boolean (degree 2, 0 on padding rows); imm_neg is Boolean.
 * On real rows: w_lo ∈ [0, 2^14) (two U16 lookups, {@link RangeCheck}), addr_hi − 1 ∈ [0, 2^16) and
 * 0xBFFF − addr_hi ∈ [0, 2^16) (one U16 lookup each).
 *
 * <p><b>Soundness.</b> a's halves are a received register version, imm's are fixed by the fetch, lane &lt; 4 is the
 * chip's Boolean lane bits, and w_lo &lt; 2^14, so addr_lo &lt; 2^16 and the low limb equation
 * a_lo + imm_lo = addr_lo + 2^16·k0 holds in the integers (every term below 2^18 ≪ p). The two bounds put addr_hi in
 * [1, 0xBFFF] as an integer (addr_hi = 1 + x with x &lt; 2^16 leaves [1, 2^16]; 0xBFFF − addr_hi below 2^16 in the
 * field then excludes everything above 0xBFFF), so the high limb equation is an integer equation too and, with
 * Boolean carries, addr_hi·2^16 + addr_lo = a + imm mod 2^32 exactly. Hence 0x10000 ≤ address &lt; 0xC0000000: user
 * memory ({@link MemoryMap}), never the invalid page nor kernel memory, where the registers and the journal cursor
 * live. w is then the address's word index, below 2^30, which the memory bus holds without wrapping.
 *
 * <h2>Stores outside the code</h2>
 *
 * <p>The executor traps a store into the program's code region [code_start, code_end) (code is read-only), so a
 * store row must prove its word w is outside it: w &lt; S or w ≥ E for the region's word bounds S = code_start/4,
 * E = code_end/4.
 *
 * <p><b>Why public values.</b> S and E are the chip's public values {@code code_start_word} and
 * {@code code_end_word}, which the verifier supplies from the receipt, where the image ID binds them (as it binds the
 * entry pc). Constants baked into the chip would be sound too, but would put the program into the tables' constraints
 * and so into {@code VerifyingKey.machineDigest()}, which names the machine whatever program it runs. Nor does the
 * preprocessed program table help: it fixes the code's words, not a bound the store chips could compare with.
 *
 * <p><b>Columns and constraints.</b> {@code below_code}, a bit (is the word under the region?), and the gap
 * {@code code_gap_lo} + 2^16·{@code code_gap_hi}, which on store rows (degree 3) equals
 * below_code·(S − 1 − w) + (1 − below_code)·(w − E); U16(code_gap_lo) and code_gap_hi ∈ [0, 2^14) (two U16 lookups,
 * {@link RangeCheck}) on store rows, so the gap is an integer in [0, 2^30). Checking w ≥ S would be redundant for
 * the usual layout (code at {@code MemoryMap.USER_START}, the bottom of user memory, so S is the least word a store
 * reaches) but costs one column, and keeps the check right for a program whose code starts higher.
 *
 * <p><b>Soundness.</b> w lies in [2^14, 3·2^28) (the bounds above), and the verifier accepts only S, E in
 * [2^14, 3·2^28] (a code region in user memory). So S − 1 − w and w − E are integers of magnitude below 3·2^28; a
 * negative one is, in the field, at least p − 3·2^28 &gt; 2^30 (p = 15·2^27 + 1), outside the checked range. Hence
 * the gap equation holds only if, as integers, w &lt; S (below_code = 1) or w ≥ E (below_code = 0): the word is
 * outside [S, E). (A 30-bit difference check alone would not be a comparison for all values below 2^30: p &lt; 2^31.)
 */
final class UserAddress {
  private static final Expr INV_2_16 = Expr.constant(BabyBear.inv(1 << 16));
  private static final int LAST_USER_HIGH = (MemoryMap.USER_END >>> 16) - 1;
  private static final int FIRST_USER_HIGH = MemoryMap.USER_START >>> 16;
  /** The public value naming the code region's first word index. */
  static final String CODE_START_WORD = "code_start_word";
  /** The public value naming the word index just past the code region. */
  static final String CODE_END_WORD = "code_end_word";

  final Column immLo;
  final Column immNeg;
  final Column aLo;
  final Column aHi;
  final Column wLo;
  final Column addrHi;
  private final PublicValue codeStartWord;
  private final PublicValue codeEndWord;
  private final Column belowCode;
  private final Column gapLo;
  private final Column gapHi;

  /**
   * Declares the columns and public values in {@code chip} and constrains the address, with {@code lane} the byte
   * offset inside the word (a Boolean-bounded expression below 4), range-checking on {@code adapter}'s real rows;
   * where {@code stores} (a Boolean expression, 1 on store rows) holds, the word is outside the code region.
   */
  UserAddress(Chip chip, Adapter adapter, ByteTable bytes, Expr lane, Expr stores) {
    immLo = chip.column("imm_lo");
    immNeg = chip.column("imm_neg");
    aLo = chip.column("a_lo");
    aHi = chip.column("a_hi");
    wLo = chip.column("w_lo");
    addrHi = chip.column("addr_hi");
    chip.assertBool("the immediate's sign is a bit", immNeg);
    Expr addrLo = wLo.times(4).plus(lane);
    Expr carry0 = aLo.plus(immLo).minus(addrLo).times(INV_2_16);
    Expr carry1 = aHi.plus(immHi()).plus(carry0).minus(addrHi).times(INV_2_16);
    chip.assertBool("address: the low carry is a bit", carry0);
    chip.assertBool("address: the high carry is a bit", carry1);
    RangeCheck.assertBits(adapter.onReal(), bytes, wLo, 14);
    bytes.lookup(adapter.onReal(), addrHi.minus(FIRST_USER_HIGH));
    bytes.lookup(adapter.onReal(), Expr.constant(LAST_USER_HIGH).minus(addrHi));

    codeStartWord = chip.publicValue(CODE_START_WORD);
    codeEndWord = chip.publicValue(CODE_END_WORD);
    belowCode = chip.column("below_code");
    gapLo = chip.column("code_gap_lo");
    gapHi = chip.column("code_gap_hi");
    chip.assertBool("below_code is a bit", belowCode);
    Expr w = wordIndex();
    Expr gap = belowCode.times(codeStartWord.minus(1).minus(w)).plus(belowCode.not().times(w.minus(codeEndWord)));
    chip.when(stores).assertEq("a store's word is outside the code region", gapLo.plus(gapHi.times(1 << 16)), gap);
    bytes.lookup(chip.when(stores), gapLo);
    RangeCheck.assertBits(chip.when(stores), bytes, gapHi, 14);
  }

  /** The immediate's high half, as the fetch sends it. */
  Expr immHi() {
    return immNeg.times(0xffff);
  }

  /** The accessed word's index on the memory bus. */
  Expr wordIndex() {
    return wLo.plus(addrHi.times(1 << 14));
  }

  /** Fills the columns for rs1's value {@code a} and the immediate {@code imm}; returns the byte address. */
  int fill(Trace t, int row, int a, int imm) {
    int address = a + imm;
    t.set(immLo, row, imm & 0xffff);
    t.set(immNeg, row, imm >>> 31);
    Words.fillHalves(t, row, aLo, aHi, a);
    t.set(wLo, row, (address & 0xffff) >>> 2);
    t.set(addrHi, row, address >>> 16);
    return address;
  }

  /** Fills a store row's gap to the code region, for the byte address {@code address} outside it. */
  void fillStore(Trace t, int row, int address, DecodedCode code) {
    int w = address >>> 2;
    int start = code.codeStart() >>> 2;
    boolean below = w < start;
    int gap = below ? start - 1 - w : w - (code.codeEnd() >>> 2);
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
