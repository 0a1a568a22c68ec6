package io.hotline.launcher.simulate;

import io.hotline.launcher.UserError;

/**
 * How often the simulator spoils an event, per emitted event, to exercise the pipeline's handling
 * of bad input: exact duplicate deliveries, malformed (truncated) JSON, broken invariants (an
 * answer before the queue, a negative duration), and late, out-of-order delivery. All zero by
 * default. The kinds exclude each other, so their sum must not exceed 1.
 */
public record FaultRates(double duplicate, double malformed, double invariant, double late) {
  public static final FaultRates NONE = new FaultRates(0, 0, 0, 0);

  public FaultRates {
    check("duplicate", duplicate);
    check("malformed", malformed);
    check("invariant", invariant);
    check("late", late);
    if (duplicate + malformed + invariant + late > 1) {
      throw new UserError("--faults rates add up to more than 1.");
    }
  }

  /**
   * Parses {@code duplicate=0.01,malformed=0.001,invariant=0.001,late=0.01}; omitted kinds are 0.
   */
  public static FaultRates parse(String text) {
    double dup = 0;
    double malformed = 0;
    double invariant = 0;
    double late = 0;
    if (text == null || text.isBlank()) {
      return NONE;
    }
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        throw new UserError(
            "--faults takes kind=rate pairs such as duplicate=0.01,late=0.01, not '" + p + "'.");
      }
      String kind = p.substring(0, eq).trim();
      double rate = parseRate(kind, p.substring(eq + 1).trim());
      switch (kind) {
        case "duplicate" -> dup = rate;
        case "malformed" -> malformed = rate;
        case "invariant" -> invariant = rate;
        case "late" -> late = rate;
        default ->
            throw new UserError(
                "unknown fault kind '"
                    + kind
                    + "' in --faults: use duplicate, malformed, invariant or late.");
      }
    }
    return new FaultRates(dup, malformed, invariant, late);
  }

  /** Whether any fault is injected. */
  public boolean any() {
    return duplicate + malformed + invariant + late > 0;
  }

  private static double parseRate(String kind, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new UserError(
          "--faults " + kind + " rate must be a number between 0 and 1, not '" + text + "'.");
    }
  }

  private static void check(String kind, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new UserError("--faults " + kind + " rate must be between 0 and 1, not " + rate + ".");
    }
  }
}
