package dev.rivet.receipt;

import dev.rivet.dsl.PublicMessage;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.VerifyingKey;
import java.util.List;

/**
 * How a machine's proofs state a claim: the public values and the public bus messages a seal must be verified
 * with, derived from the claim, the entry pc and the code region alone. Each machine has one layout, written against
 * bus and public value names (strings), so that verifying a receipt loads no circuit class. {@link #RV32IM} is the
 * RV32IM machine's.
 */
public interface ClaimMessages {
  /**
   * The RV32IM layout (docs/circuits.md, section 4.12): the store chips' and the read table's public values
   * {@code code_start_word}, {@code code_end_word} (the code region's word bounds), no others; the statement sends
   * (entry pc, 4) on {@code rv32_state}, receives (exit_lo, exit_hi, journal length) on {@code rv32_halt} and
   * (i, journal[i]) on {@code rv32_journal} for every journal byte, each once.
   */
  ClaimMessages RV32IM = new Rv32imClaimMessages();

  /**
   * Per table of the key, in its order, the public values the seal is verified with.
   *
   * @throws VerificationException if a table of the key has a public value this layout does not know
   */
  List<int[]> publicValues(VerifyingKey vk, Claim claim, int entryPc, CodeRegion code) throws VerificationException;

  /**
   * The public bus messages the seal is verified with.
   *
   * @throws VerificationException if the claim cannot be stated in this layout (e.g. an entry pc outside what the
   *     machine's state bus can carry)
   */
  List<PublicMessage> messages(Claim claim, int entryPc) throws VerificationException;
}
