package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The lookup tables of one machine, each created once however many chips ask for it. A machine assembly makes one
 * registry, hands it to every chip's constructor (which asks for "the byte table" and sends to it), and then proves
 * the tables that were asked for beside its chips:
 *
 * <pre>{@code
 * SharedTables shared = new SharedTables();
 * Alu alu = new Alu(shared);                       // calls shared.bytes()
 * Memory memory = new Memory(shared);              // the same ByteTable instance
 * List<Trace> traces = new ArrayList<>(List.of(alu.fill(...), memory.fill(...)));
 * traces.addAll(shared.newTraces());               // one trace per table, counters zero
 * Lookups.deriveMultiplicities(traces);            // counts every chip's lookups into the one table
 * }</pre>
 *
 * A table appearing twice would split the counts between two copies, and {@code deriveMultiplicities} refuses it
 * (the same message held by two rows); one instance per registry rules that out by construction.
 */
public final class SharedTables {
  private final Map<Class<? extends Chip>, Chip> tables = new LinkedHashMap<>();

  /** The standard 2^16-row byte table (ranges of 8 and 16 bits, AND, OR, XOR). */
  public ByteTable bytes() {
    return get(ByteTable.class, ByteTable::new);
  }

  /** The 256-row byte range table. */
  public ByteRangeTable byteRange() {
    return get(ByteRangeTable.class, ByteRangeTable::new);
  }

  /** The tables asked for so far, in the order first asked. */
  public synchronized List<Chip> chips() {
    return List.copyOf(tables.values());
  }

  /** A fresh trace for each table asked for (heights are fixed by their preprocessed columns), counters zero. */
  public List<Trace> newTraces() {
    List<Trace> out = new ArrayList<>();
    for (Chip table : chips()) {
      out.add(table.newTrace(table.table().preprocessedHeight()));
    }
    return out;
  }

  private synchronized <T extends Chip> T get(Class<T> type, Supplier<T> create) {
    return type.cast(tables.computeIfAbsent(type, k -> create.get()));
  }
}
