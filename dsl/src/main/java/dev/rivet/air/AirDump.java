package dev.rivet.air;

import dev.rivet.field.BabyBear;

/** Renders an {@link AirTable} for people: layout, constraints with degrees and sources, interactions. */
final class AirDump {
  /** Long expressions are cut here: a dump is for reading, the encoding is for machines. */
  private static final int MAX_EXPRESSION = 240;

  private AirDump() {}

  static String dump(AirTable t) {
    StringBuilder sb = new StringBuilder();
    sb.append("table ").append(t.name()).append("  (max degree ").append(t.maxDegree())
        .append(", digest ").append(t.digestHex(), 0, 16).append("…)\n");
    sb.append("  main columns (").append(t.width()).append("): ");
    list(sb, t.mainColumns());
    if (!t.preprocessedColumns().isEmpty()) {
      sb.append("  preprocessed columns (").append(t.preprocessedColumns().size()).append(", height ")
          .append(t.preprocessedHeight()).append("): ");
      list(sb, t.preprocessedColumns());
    }
    if (!t.publicValues().isEmpty()) {
      sb.append("  public values (").append(t.publicValues().size()).append("): ");
      list(sb, t.publicValues());
    }
    sb.append("  program: ").append(t.program().size()).append(" slots\n");
    sb.append("  constraints (").append(t.constraints().size()).append("):\n");
    for (AirConstraint c : t.constraints()) {
      sb.append("    #").append(c.index()).append(" deg ").append(c.degree()).append("  ");
      if (!c.name().isEmpty()) {
        sb.append(c.name()).append(": ");
      }
      sb.append(expression(t, c.slot()));
      if (!c.source().equals(SourceLocation.UNKNOWN)) {
        sb.append("    [").append(c.source()).append(']');
      }
      sb.append('\n');
    }
    if (!t.interactions().isEmpty()) {
      sb.append("  interactions (").append(t.interactions().size()).append("):\n");
      for (Interaction in : t.interactions()) {
        sb.append("    ").append(in.direction() == Interaction.Direction.SEND ? "send    " : "receive ")
            .append(in.bus()).append('(');
        for (int i = 0; i < in.arity(); i++) {
          sb.append(i == 0 ? "" : ", ").append(in.fieldNames().get(i)).append(" = ")
              .append(expression(t, in.fieldSlot(i)));
        }
        sb.append(") × ").append(expression(t, in.multiplicitySlot()));
        if (!in.source().equals(SourceLocation.UNKNOWN)) {
          sb.append("    [").append(in.source()).append(']');
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static void list(StringBuilder sb, java.util.List<String> names) {
    sb.append(String.join(", ", names)).append('\n');
  }

  static String expression(AirTable t, int slot) {
    StringBuilder sb = new StringBuilder();
    render(t, slot, 0, sb);
    return sb.length() > MAX_EXPRESSION ? sb.substring(0, MAX_EXPRESSION) + "…" : sb.toString();
  }

  /** Precedence: 0 sum, 1 product, 2 atom; parenthesize when the context binds tighter. */
  private static void render(AirTable t, int s, int context, StringBuilder sb) {
    if (sb.length() > MAX_EXPRESSION) {
      return;
    }
    ConstraintProgram p = t.program();
    switch (p.op(s)) {
      case ConstraintProgram.OP_CONST:
        sb.append(BabyBear.toSigned(p.arg0(s)));
        return;
      case ConstraintProgram.OP_VAR:
        sb.append(variable(t, p.kind(s), p.arg1(s)));
        return;
      case ConstraintProgram.OP_NEG:
        sb.append('-');
        render(t, p.arg0(s), 2, sb);
        return;
      default:
        int prec = p.op(s) == ConstraintProgram.OP_MUL ? 1 : 0;
        if (prec < context) {
          sb.append('(');
        }
        render(t, p.arg0(s), prec, sb);
        sb.append(p.op(s) == ConstraintProgram.OP_ADD ? " + " : p.op(s) == ConstraintProgram.OP_SUB ? " - " : " * ");
        render(t, p.arg1(s), prec + 1, sb);
        if (prec < context) {
          sb.append(')');
        }
    }
  }

  private static String variable(AirTable t, VarKind kind, int index) {
    switch (kind) {
      case MAIN: return t.mainColumns().get(index);
      case MAIN_NEXT: return t.mainColumns().get(index) + "'";
      case PREPROCESSED: return t.preprocessedColumns().get(index);
      case PREPROCESSED_NEXT: return t.preprocessedColumns().get(index) + "'";
      case PUBLIC: return "$" + t.publicValues().get(index);
      case IS_FIRST_ROW: return "is_first_row";
      case IS_LAST_ROW: return "is_last_row";
      default: return "is_transition";
    }
  }
}
