package io.hotline.launcher.simulate;

import io.hotline.schemas.events.Line;
import io.hotline.schemas.reference.Topic;
import io.hotline.schemas.reference.Topics;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What callers ask about: a weight per topic code for each line, moved by the season (January
 * pensions, graduates in summer) and by the planned {@link TopicSurge}s. Pension (14xx), social
 * security card (2505), employment (03xx) and insurance administration lead on 12333; exam
 * registration (2403) dominates 12370. The topic table has no disability classification, so 12385
 * calls are classified with the nearest general codes (difficult-group employment, residents'
 * pension and medical aid, complaints as 0102 信访工作).
 */
final class TopicMix {
  /** The three lines, as indexes into per-line arrays. */
  static final int L12333 = Line.L12333.ordinal();

  static final int L12370 = Line.L12370.ordinal();
  static final int L12385 = Line.L12385.ordinal();

  private static final double TAIL_WEIGHT = 0.08;
  private static final double OTHER_CATEGORY_WEIGHT = 0.05;

  private static final Map<String, Double> WEIGHTS_12333 =
      weights(
          "1402", 12, "1404", 5, "1406", 3.5, "1401", 2, "1403", 2, "1409", 1, "14", 1.2, "2505",
          10, "2504", 1.2, "25", 0.4, "0302", 5, "0301", 4, "0305", 3, "0304", 2, "0306", 1, "0307",
          1, "03", 0.8, "1502", 5, "1501", 1, "1602", 6, "1605", 4, "1603", 3, "1604", 1, "16", 0.6,
          "1702", 1.5, "1703", 2, "1802", 2, "2102", 4, "2106", 5, "21", 0.8, "1001", 3, "1104", 3,
          "1101", 1, "2302", 1.5, "2303", 1.5, "0202", 2, "0601", 2, "0604", 1.5, "0606", 1, "0702",
          1.5, "0706", 1, "0804", 1, "0901", 1, "1202", 1, "1307", 0.5, "2403", 0.5, "01", 1,
          "0119", 1, "26", 0.05, "27", 0.02);

  private static final Map<String, Double> WEIGHTS_12370 =
      weights("2403", 70, "2402", 5, "2401", 3, "2409", 4, "24", 4, "0804", 12, "0119", 2);

  private static final Map<String, Double> WEIGHTS_12385 =
      weights(
          "01", 10, "0119", 8, "0102", 12, "0307", 14, "1404", 10, "1603", 8, "1606", 6, "0601", 5,
          "2505", 5, "1406", 4, "1104", 3, "03", 3);

  private final List<TopicSurge> surges;
  private final String[][] codes = new String[3][];
  private final byte[][][] codeBytes = new byte[3][][];
  private final byte[][][] queueBytes = new byte[3][][];
  private final double[][] baseWeights = new double[3][];

  TopicMix(Topics topics, List<TopicSurge> surges) {
    this.surges = List.copyOf(surges);
    init(L12333, withTail(topics, WEIGHTS_12333), topics);
    init(L12370, WEIGHTS_12370, topics);
    init(L12385, WEIGHTS_12385, topics);
  }

  /** The topic weights of one line in one province on one day, ready to draw from. */
  record Day(double[] cumulative, double volumeFactor) {}

  Day forDay(int line, String province, LocalDate day) {
    String[] c = codes[line];
    double[] w = baseWeights[line];
    double[] cumulative = new double[c.length];
    double plain = 0;
    double total = 0;
    for (int i = 0; i < c.length; i++) {
      double seasonal = w[i] * seasonal(line, c[i], day);
      plain += seasonal;
      total += seasonal * surge(c[i], province, day);
      cumulative[i] = total;
    }
    // Surge calls come on top of the usual ones: the day gets busier, other topics keep theirs.
    return new Day(cumulative, total / plain);
  }

  byte[] code(int line, int index) {
    return codeBytes[line][index];
  }

  /** The skill queue a caller with this need chooses in the IVR menu. */
  byte[] queue(int line, int index) {
    return queueBytes[line][index];
  }

  private double surge(String code, String province, LocalDate day) {
    double m = 1.0;
    for (TopicSurge s : surges) {
      if (s.topic().equals(code) && s.appliesTo(province, day)) {
        m *= s.multiplier();
      }
    }
    return m;
  }

  /** Seasonal topic moves on 12333; the overall volume moves in {@link Demand}. */
  private static double seasonal(int line, String code, LocalDate day) {
    if (line != L12333) {
      return 1.0;
    }
    int month = day.getMonthValue();
    switch (code) {
      case "1402":
        return month == 1 ? 1.5 : 1.0;
      case "1404":
        return month == 1 || month == 12 ? 1.5 : 1.0;
      case "1406":
        return month == 1 ? 1.6 : 1.0;
      case "2102":
        return month == 1 || month == 7 ? 1.4 : 1.0;
      case "2106", "0302":
        return month == 2 || month == 3 ? 1.6 : 1.0;
      case "1502", "1001":
        return month == 2 || month == 3 ? 1.35 : 1.0;
      case "0305":
        return month == 6 || month == 7 ? 2.0 : 1.0;
      case "1104":
        return month == 12 || month == 1 ? 1.5 : 1.0;
      default:
        return 1.0;
    }
  }

  private void init(int line, Map<String, Double> weights, Topics topics) {
    List<String> known = new ArrayList<>();
    List<Double> w = new ArrayList<>();
    weights.forEach(
        (code, weight) -> {
          if (!topics.isKnown(code)) {
            throw new IllegalStateException("topic " + code + " is not in the topic table");
          }
          known.add(code);
          w.add(weight);
        });
    int n = known.size();
    codes[line] = known.toArray(new String[0]);
    codeBytes[line] = new byte[n][];
    queueBytes[line] = new byte[n][];
    baseWeights[line] = new double[n];
    for (int i = 0; i < n; i++) {
      codeBytes[line][i] = known.get(i).getBytes(StandardCharsets.US_ASCII);
      queueBytes[line][i] = queueName(line, known.get(i)).getBytes(StandardCharsets.US_ASCII);
      baseWeights[line][i] = w.get(i);
    }
  }

  /** Adds every other code of the table with a small weight: agents use the whole table. */
  private static Map<String, Double> withTail(Topics topics, Map<String, Double> explicit) {
    Map<String, Double> all = new LinkedHashMap<>(explicit);
    for (Topic t : topics.all()) {
      all.putIfAbsent(t.code(), t.isCategory() ? OTHER_CATEGORY_WEIGHT : TAIL_WEIGHT);
    }
    return all;
  }

  static String queueName(int line, String code) {
    if (line == L12370) {
      return "12370-exam";
    }
    if (line == L12385) {
      return "12385-service";
    }
    return switch (code.substring(0, 2)) {
      case "13", "14", "19", "20" -> "12333-pension";
      case "03", "04", "06", "09", "15" -> "12333-employment";
      case "16", "17", "18" -> "12333-medical";
      case "25" -> "12333-card";
      case "02", "10", "11", "12", "23" -> "12333-labour";
      case "21", "22" -> "12333-insurance";
      default -> "12333-general";
    };
  }

  private static Map<String, Double> weights(Object... pairs) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
    }
    return m;
  }
}
