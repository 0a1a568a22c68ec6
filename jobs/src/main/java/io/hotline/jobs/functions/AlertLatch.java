package io.hotline.jobs.functions;

import io.hotline.jobs.records.Alert;
import io.hotline.jobs.records.AlertRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.MapState;

/**
 * De-duplicates alerts: one open alert per centre × rule × subject until its condition stops
 * holding. Each observation of a condition goes through {@link #observe}, which says whether that
 * opened or cleared an alert; an alert already open is not repeated. The open alerts live in the
 * calling function's keyed state, so they survive restarts with it.
 */
final class AlertLatch {
  private final MapState<String, Alert> open;

  /** The latch of a keyed function, its open alerts in the function's keyed state. */
  static AlertLatch inState(org.apache.flink.api.common.functions.RuntimeContext context) {
    return new AlertLatch(
        context.getMapState(
            new org.apache.flink.api.common.state.MapStateDescriptor<>(
                "open-alerts",
                org.apache.flink.api.common.typeinfo.Types.STRING,
                org.apache.flink.api.common.typeinfo.TypeInformation.of(Alert.class))));
  }

  AlertLatch(MapState<String, Alert> open) {
    this.open = open;
  }

  /**
   * One observation of a condition at event time {@code atMillis}: returns the alert that opened
   * (the condition holds and none is open) or cleared (it no longer holds and one is open).
   */
  Optional<Alert> observe(
      String center,
      AlertRule rule,
      String subject,
      boolean holds,
      long atMillis,
      double value,
      double threshold,
      Supplier<String> detail)
      throws Exception {
    String key = key(rule, subject);
    Alert current = open.get(key);
    Instant at = Instant.ofEpochMilli(atMillis);
    if (holds && current == null) {
      Alert opened = new Alert(center, rule, subject, at, null, at, value, threshold, detail.get());
      open.put(key, opened);
      return Optional.of(opened);
    }
    if (!holds && current != null) {
      open.remove(key);
      return Optional.of(current.cleared(at, value));
    }
    return Optional.empty();
  }

  /** The subjects (e.g. topic codes) of a rule's open alerts. */
  List<String> openSubjects(AlertRule rule) throws Exception {
    List<String> subjects = new ArrayList<>();
    for (Alert a : open.values()) {
      if (a.rule() == rule) {
        subjects.add(a.subject());
      }
    }
    return subjects;
  }

  boolean isOpen(AlertRule rule, String subject) throws Exception {
    return open.contains(key(rule, subject));
  }

  boolean isEmpty() throws Exception {
    return open.isEmpty();
  }

  private static String key(AlertRule rule, String subject) {
    return rule.code() + ":" + subject;
  }
}
