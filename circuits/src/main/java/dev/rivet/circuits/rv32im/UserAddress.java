package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
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
 * <p><b>Stores outside the code.</b> A store row's word w is outside the program's code region ({@link CodeGap},
 * whose columns {@code below_code}, {@code code_gap_lo}, {@code code_gap_hi} and public values {@code code_start_word},
 * {@code code_end_word} this adds, with w as both ends of the range): the bounds above put w in user memory, as that
 * check requires.
 */
final class UserAddress {
  private static final Expr INV_2_16 = Expr.constant(BabyBear.inv(1 << 16));
  private static final int LAST_USER_HIGH = (MemoryMap.USER_END >>> 16) - 1;
  private static final int FIRST_USER_HIGH = MemoryMap.USER_START >>> 16;

  final Column immLo;
  final Column immNeg;
  final Column aLo;
  final Column aHi;
  final Column wLo;
  final Column addrHi;
  private final CodeGap codeGap;

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

    codeGap = new CodeGap(chip, bytes, wordIndex(), wordIndex(), stores);
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
    codeGap.fill(t, row, address >>> 2, address >>> 2, code);
  }

  /** Sets the trace's public values: the word bounds of {@code code}'s region. */
  void fillPublic(Trace t, DecodedCode code) {
    codeGap.fillPublic(t, code);
  }
}
