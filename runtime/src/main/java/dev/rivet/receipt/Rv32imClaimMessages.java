package dev.rivet.receipt;

import dev.rivet.air.AirTable;
import dev.rivet.air.Interaction;
import dev.rivet.dsl.PublicMessage;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.VerifyingKey;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ClaimMessages#RV32IM}. The bus names and field orders mirror the circuits' {@code StateMessage},
 * {@code HaltMessage} and {@code JournalMessage} as strings, so that verifying loads no circuit class;
 * {@code Rv32imClaimMessagesTest} holds them equal. Likewise the public value names mirror the store chips' and the
 * read table's ({@code CodeGap}), and the test holds the values equal to {@code Rv32imMachine.publicValues()}.
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
  /** The store chips' and the read table's public values: the code region's first word index and the one past it. */
  static final String CODE_START_WORD = "code_start_word";
  static final String CODE_END_WORD = "code_end_word";

  @Override
  public List<int[]> publicValues(VerifyingKey vk, Claim claim, int entryPc, CodeRegion code)
      throws VerificationException {
    // the claim itself travels as bus messages; the public values are the code bounds the stores stay out of
    List<int[]> out = new ArrayList<>(vk.tables().size());
    for (AirTable table : vk.tables()) {
      List<String> names = table.publicValues();
      int[] values = new int[names.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = switch (names.get(i)) {
          case CODE_START_WORD -> code.startWord();
          case CODE_END_WORD -> code.endWord();
          default -> throw new VerificationException("the key's table '" + table.name() + "' has the public value '"
              + names.get(i) + "', which the RV32IM claim does not supply");
        };
      }
      out.add(values);
    }
    return out;
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
