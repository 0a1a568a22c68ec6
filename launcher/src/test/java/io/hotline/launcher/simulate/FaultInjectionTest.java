package io.hotline.launcher.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.events.EventParser;
import io.hotline.schemas.events.ParseResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Injected faults appear at about their configured rates and are what they claim to be. */
class FaultInjectionTest {
  private static final double DUPLICATE = 0.02;
  private static final double MALFORMED = 0.01;
  private static final double INVARIANT = 0.01;
  private static final double LATE = 0.02;
  private static final Pattern EMITTED_AT =
      Pattern.compile("\"(?:ended_at|sent_at)\":\"([^\"]+)\"");
  private static final Duration LATE_THRESHOLD = Duration.ofMinutes(10);

  private static SimulationRun run;
  private static SimulationRun clean;
  private static long spoilable;

  @BeforeAll
  static void simulate() {
    FaultRates rates = new FaultRates(DUPLICATE, MALFORMED, INVARIANT, LATE);
    run = SimulationRun.of("320100", "2025-05-12", "2025-05-14", 3, rates);
    clean = SimulationRun.of("320100", "2025-05-12", "2025-05-14", 3);
    spoilable = clean.stats.totalEvents();
  }

  @Test
  void faultsSpoilTheSameTrafficThatRunsClean() {
    assertThat(run.stats.totalEvents()).isEqualTo(spoilable + run.stats.duplicates());
    long intactIds = 0;
    long cleanIds = 0;
    for (EventKind kind : EventKind.values()) {
      Set<String> intact = new HashSet<>();
      List<String> lines = run.lines(kind);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).endsWith("}")) {
          intact.add(run.keys.get(kind).get(i));
        }
      }
      assertThat(new HashSet<>(clean.keys.get(kind))).containsAll(intact);
      intactIds += intact.size();
      cleanIds += clean.keys.get(kind).size();
    }
    // Every clean event is there, except the ones whose only delivery was cut short.
    assertThat(cleanIds - intactIds).isEqualTo(run.stats.malformed());
  }

  @Test
  void countsAreNearTheConfiguredRates() {
    SimulationStats s = run.stats;
    assertThat((double) s.duplicates() / spoilable).isCloseTo(DUPLICATE, within(DUPLICATE * 0.3));
    assertThat((double) s.malformed() / spoilable).isCloseTo(MALFORMED, within(MALFORMED * 0.3));
    assertThat((double) s.brokenInvariants() / spoilable)
        .isCloseTo(INVARIANT, within(INVARIANT * 0.3));
    assertThat((double) s.late() / spoilable).isCloseTo(LATE, within(LATE * 0.3));
  }

  @Test
  void duplicatesAreExactRepeatsOfEarlierLines() {
    long repeats = 0;
    for (EventKind kind : EventKind.values()) {
      Set<String> seen = new HashSet<>();
      for (String line : run.lines(kind)) {
        // Two truncated lines can be cut to the same prefix: only complete lines count.
        if (line.endsWith("}") && !seen.add(line)) {
          repeats++;
        }
      }
    }
    assertThat(repeats).isEqualTo(run.stats.duplicates());
  }

  @Test
  void malformedLinesAreTruncatedJsonAndBrokenInvariantsAreCompleteButRejected() {
    EventParser parser = EventParser.standard();
    long truncated = 0;
    long rejectedComplete = 0;
    for (EventKind kind : EventKind.values()) {
      for (String line : run.lines(kind)) {
        ParseResult<?> result = parser.parse(kind, line.getBytes());
        if (!line.endsWith("}")) {
          truncated++;
          assertThat(result.isValid()).as(line).isFalse();
          assertThat(result.rejection().message()).contains("JSON");
        } else if (!result.isValid()) {
          rejectedComplete++;
          assertThat(result.rejection().field())
              .isIn("answered_at", "queued_at", "ended_at", "duration_ms", "segments");
        }
      }
    }
    assertThat(truncated).isEqualTo(run.stats.malformed());
    assertThat(rejectedComplete).isEqualTo(run.stats.brokenInvariants());
  }

  @Test
  void lateEventsArriveWellAfterTheirNeighbours() {
    long seen = 0;
    long late = 0;
    for (List<String> lines : List.of(run.cdr, run.sms)) {
      Instant newest = Instant.MIN;
      for (String line : lines) {
        Matcher m = EMITTED_AT.matcher(line);
        if (!line.endsWith("}") || !m.find()) {
          continue; // truncated lines have lost their times
        }
        Instant t = Instant.parse(m.group(1).replace("+08:00", "Z")).minus(Duration.ofHours(8));
        seen++;
        if (t.plus(LATE_THRESHOLD).isBefore(newest)) {
          late++;
        }
        newest = t.isAfter(newest) ? t : newest;
      }
    }
    assertThat((double) late / seen).isCloseTo(LATE, within(LATE * 0.4));
  }
}
