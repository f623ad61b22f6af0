package dev.rivet.check;

import java.util.Arrays;
import java.util.List;

/**
 * A message whose sends and receives on a bus do not cancel.
 *
 * @param bus the bus name
 * @param fieldNames the bus's field names
 * @param values the message's field values
 * @param net sent minus received, as a field element (non-zero), shown signed
 * @param senders tables that sent this message (with the row of the first send)
 * @param receivers tables that received this message (with the row of the first receive)
 * @param sendingTables every table that sends on this bus, whether or not it sent this message
 * @param receivingTables every table that receives on this bus: where a missing partner was expected
 */
public record BusImbalance(String bus, List<String> fieldNames, int[] values, long net, List<String> senders,
    List<String> receivers, List<String> sendingTables, List<String> receivingTables) {

  public BusImbalance {
    values = values.clone();
    senders = List.copyOf(senders);
    receivers = List.copyOf(receivers);
    sendingTables = List.copyOf(sendingTables);
    receivingTables = List.copyOf(receivingTables);
  }

  @Override
  public int[] values() {
    return values.clone();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("bus '").append(bus).append("': message (");
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(fieldNames.get(i)).append('=').append(values[i]);
    }
    sb.append(") is ").append(net > 0 ? "sent " + net + " more time" + (net == 1 ? "" : "s") + " than received"
        : "received " + (-net) + " more time" + (net == -1 ? "" : "s") + " than sent");
    sb.append("; sent by ").append(side(senders, "sending", sendingTables));
    sb.append("; received by ").append(side(receivers, "receiving", receivingTables));
    return sb.toString();
  }

  private String side(List<String> actual, String verb, List<String> declared) {
    if (!actual.isEmpty()) {
      return String.join(", ", actual);
    }
    return "no table (tables " + verb + " on bus '" + bus + "': "
        + (declared.isEmpty() ? "none" : "'" + String.join("', '", declared) + "'") + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BusImbalance b && bus.equals(b.bus) && Arrays.equals(values, b.values) && net == b.net
        && senders.equals(b.senders) && receivers.equals(b.receivers);
  }

  @Override
  public int hashCode() {
    return bus.hashCode() * 31 + Arrays.hashCode(values);
  }
}
