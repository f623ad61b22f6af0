package dev.rivet.dsl;

import dev.rivet.air.SourceLocation;
import java.security.CodeSource;

/**
 * Finds where the circuit author is: the first stack frame outside Rivet's DSL and outside the JDK and Kotlin
 * runtime. A DSL frame is one of this package or its subpackages (the gadgets: a gadget's constraint is reported at
 * the author's line that used the gadget; Java and Kotlin layers alike) loaded from the DSL's own code source:
 * the package alone would hide authors' tests that share it, the code source alone would hide every circuit once
 * everything is shaded into one jar.
 */
final class Sources {
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final CodeSource DSL = Sources.class.getProtectionDomain().getCodeSource();

  private Sources() {}

  static SourceLocation caller() {
    return WALKER.walk(frames -> frames
        .filter(f -> !isInternal(f.getDeclaringClass()))
        .findFirst()
        .map(f -> new SourceLocation(f.getFileName() == null ? f.getClassName() : f.getFileName(),
            Math.max(f.getLineNumber(), 0)))
        .orElse(SourceLocation.UNKNOWN));
  }

  private static boolean isInternal(Class<?> c) {
    String n = c.getName();
    if (n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("kotlin.") || n.startsWith("sun.")) {
      return true;
    }
    String dsl = Sources.class.getPackageName();
    if (!c.getPackageName().equals(dsl) && !c.getPackageName().startsWith(dsl + ".")) {
      return false;
    }
    CodeSource cs = c.getProtectionDomain().getCodeSource();
    return DSL == null || cs == null || DSL.getLocation().equals(cs.getLocation());
  }
}
