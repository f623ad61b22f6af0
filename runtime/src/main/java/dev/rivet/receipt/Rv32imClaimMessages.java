package dev.rivet.receipt;

import dev.rivet.air.Interaction;
import dev.rivet.dsl.PublicMessage;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.VerifyingKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link ClaimMessages#RV32IM}. The bus names and field orders mirror the circuits' {@code StateMessage},
 * {@code HaltMessage} and {@code JournalMessage} as strings, so that verifying loads no circuit class;
 * {@code Rv32imClaimMessagesTest} holds them equal.
 */
final class Rv32imClaimMessages implements ClaimMessages {
  static final String STATE_BUS = "rv32_state";
  static final List<String> STATE_FIELDS = List.of("pc", "clk");
  static final String HALT_BUS = "rv32_halt";
  static final List<String> HALT_FIELDS = List.of("exit_lo", "exit_hi", "journal_length");
  static final String JOURNAL_BUS = "rv32_journal";
  static final List<String> JOURNAL_FIELDS = List.of("index", "value");
  /** The clock of cycle 0: each cycle's clock is 4(c + 1) (StateMessage). */
  static final int FIRST_CLOCK = 4;
  /** The state bus carries a pc as one field element, injective because the program table holds code below 2^30. */
  static final long PC_LIMIT = 1L << 30;

  @Override
  public List<int[]> publicValues(VerifyingKey vk, Claim claim, int entryPc) {
    // everything the claim says travels as bus messages: no table has public values
    return Collections.nCopies(vk.tables().size(), new int[0]);
  }

  @Override
  public List<PublicMessage> messages(Claim claim, int entryPc) throws VerificationException {
    if (Integer.toUnsignedLong(entryPc) >= PC_LIMIT) {
      throw new VerificationException("entry pc 0x" + Integer.toHexString(entryPc) + " is not below 2^30, where "
          + "RV32IM code lives");
    }
    int n = claim.journalLength();
    List<PublicMessage> out = new ArrayList<>(n + 2);
    out.add(new PublicMessage(STATE_BUS, new int[] {entryPc, FIRST_CLOCK}, 1, Interaction.Direction.SEND));
    int exit = claim.exitCode();
    out.add(new PublicMessage(HALT_BUS, new int[] {exit & 0xffff, exit >>> 16, n}, 1,
        Interaction.Direction.RECEIVE));
    for (int i = 0; i < n; i++) {
      out.add(new PublicMessage(JOURNAL_BUS, new int[] {i, claim.journalByte(i) & 0xff}, 1,
          Interaction.Direction.RECEIVE));
    }
    return out;
  }
}
