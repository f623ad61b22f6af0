package dev.rivet.check;

import dev.rivet.dsl.TupleIndex;
import dev.rivet.field.BabyBear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checker's bus balance: for every distinct (bus, tuple), sent minus received in the field, and for each
 * origin (a trace, or a public message) that sent or received it, the row of its first send and first receive.
 *
 * <p>Why this shape: the checker once kept an object per message per row, and ran out of memory on long runs
 * (2<sup>20</sup> rows × ten interactions is ten million messages). Here memory follows the distinct messages:
 * tuples live in one {@link TupleIndex} per bus and arity, the rest in {@code int} arrays by id, and an origin
 * costs one entry (origin, first send row, first receive row) per message it touches, whatever its row count.
 *
 * <p>Messages are numbered in order of first appearance across buses, and each message's origins in order of
 * first appearance, so reports list them as a row-by-row scan would. Not thread-safe: each worker tallies its own
 * rows and the tallies are merged in row order ({@link #addAll}).
 */
final class MessageTally {
  private static final int NONE = -1;
  private static final int ENTRY = 4;

  private final Map<Shape, Integer> shapeNumbers = new HashMap<>();
  private final List<Shape> shapes = new ArrayList<>();
  private final List<PerShape> perShape = new ArrayList<>();
  /** The messages in order of first appearance: (shape, id) pairs. */
  private int[] order = new int[32];
  private int size;
  /** Origin entries, {@value #ENTRY} ints each: origin, first send row, first receive row, next entry. */
  private int[] entries = new int[4 * ENTRY];
  private int entryCount;

  /** A bus and the number of fields of its messages: tuples are compared within one. */
  private record Shape(String bus, int arity) {}

  /** The messages of one shape, by id: their net multiplicity and their first and last origin entries. */
  private static final class PerShape {
    final TupleIndex index;
    int[] net = new int[16];
    int[] head = new int[16];
    int[] tail = new int[16];

    PerShape(int arity) {
      index = new TupleIndex(arity);
    }
  }

  /** The number of a bus's messages with {@code arity} fields, for {@link #add}. */
  int shape(String bus, int arity) {
    return shapeNumbers.computeIfAbsent(new Shape(bus, arity), s -> {
      shapes.add(s);
      perShape.add(new PerShape(arity));
      return shapes.size() - 1;
    });
  }

  /**
   * Counts the message {@code columns[0][row], …} of shape {@code shape}, sent or received {@code multiplicity}
   * times by {@code origin}, on that origin's row {@code originRow}.
   */
  void add(int shape, int[][] columns, int row, boolean send, int multiplicity, int origin, int originRow) {
    PerShape s = perShape.get(shape);
    int id = idOf(shape, s, columns, row);
    s.net[id] = send ? BabyBear.add(s.net[id], multiplicity) : BabyBear.sub(s.net[id], multiplicity);
    int e = originEntry(s, id, origin);
    int at = e * ENTRY + (send ? 1 : 2);
    if (entries[at] == NONE) {
      entries[at] = originRow;
    }
  }

  /** Adds every message of {@code later}, a tally of later rows or origins, keeping the order of appearance. */
  void addAll(MessageTally later) {
    int[] shapeHere = new int[later.shapes.size()];
    int[][][] scratch = new int[shapeHere.length][][];
    for (int k = 0; k < shapeHere.length; k++) {
      Shape sh = later.shapes.get(k);
      shapeHere[k] = shape(sh.bus, sh.arity);
      scratch[k] = new int[sh.arity][1];
    }
    for (int k = 0; k < later.size; k++) {
      int laterShape = later.order[2 * k];
      int laterId = later.order[2 * k + 1];
      PerShape from = later.perShape.get(laterShape);
      int[][] tuple = scratch[laterShape];
      for (int f = 0; f < tuple.length; f++) {
        tuple[f][0] = from.index.get(laterId, f);
      }
      PerShape s = perShape.get(shapeHere[laterShape]);
      int id = idOf(shapeHere[laterShape], s, tuple, 0);
      s.net[id] = BabyBear.add(s.net[id], from.net[laterId]);
      for (int o = from.head[laterId]; o != NONE; o = later.entries[o * ENTRY + 3]) {
        int e = originEntry(s, id, later.entries[o * ENTRY]);
        for (int direction = 1; direction <= 2; direction++) {
          if (entries[e * ENTRY + direction] == NONE) {
            entries[e * ENTRY + direction] = later.entries[o * ENTRY + direction];
          }
        }
      }
    }
  }

  /** The number of distinct messages. */
  int size() {
    return size;
  }

  /** The bus of the {@code k}-th message in order of appearance. */
  String bus(int k) {
    return shapes.get(order[2 * k]).bus;
  }

  /** The field values of the {@code k}-th message. */
  int[] values(int k) {
    return perShape.get(order[2 * k]).index.tuple(order[2 * k + 1]);
  }

  /** Sent minus received of the {@code k}-th message, a field element. */
  int net(int k) {
    return perShape.get(order[2 * k]).net[order[2 * k + 1]];
  }

  /** The origins that sent (or received) the {@code k}-th message, each as {origin, first row}, in order. */
  List<int[]> origins(int k, boolean send) {
    List<int[]> out = new ArrayList<>();
    for (int e = perShape.get(order[2 * k]).head[order[2 * k + 1]]; e != NONE; e = entries[e * ENTRY + 3]) {
      int row = entries[e * ENTRY + (send ? 1 : 2)];
      if (row != NONE) {
        out.add(new int[] {entries[e * ENTRY], row});
      }
    }
    return out;
  }

  private int idOf(int shape, PerShape s, int[][] columns, int row) {
    int before = s.index.size();
    int id = s.index.add(columns, row);
    if (id == before) { // new: no net, no origins yet, and it comes last in order of appearance
      if (id == s.net.length) {
        s.net = Arrays.copyOf(s.net, 2 * id);
        s.head = Arrays.copyOf(s.head, 2 * id);
        s.tail = Arrays.copyOf(s.tail, 2 * id);
      }
      s.head[id] = NONE;
      s.tail[id] = NONE;
      if (2 * size + 2 > order.length) {
        order = Arrays.copyOf(order, 2 * order.length);
      }
      order[2 * size] = shape;
      order[2 * size + 1] = id;
      size++;
    }
    return id;
  }

  /**
   * The entry of {@code origin} for message {@code id}, appended if absent. Origins arrive in order (a trace's
   * rows, then the next trace's), so an origin already seen is the last one.
   */
  private int originEntry(PerShape s, int id, int origin) {
    int last = s.tail[id];
    if (last != NONE && entries[last * ENTRY] == origin) {
      return last;
    }
    int e = entryCount++;
    if ((e + 1) * ENTRY > entries.length) {
      entries = Arrays.copyOf(entries, 2 * entries.length);
    }
    entries[e * ENTRY] = origin;
    entries[e * ENTRY + 1] = NONE;
    entries[e * ENTRY + 2] = NONE;
    entries[e * ENTRY + 3] = NONE;
    if (last == NONE) {
      s.head[id] = e;
    } else {
      entries[last * ENTRY + 3] = e;
    }
    s.tail[id] = e;
    return e;
  }
}
