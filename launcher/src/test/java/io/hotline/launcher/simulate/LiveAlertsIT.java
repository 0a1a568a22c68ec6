package io.hotline.launcher.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.IngestJob;
import io.hotline.jobs.IngestOptions;
import io.hotline.jobs.testing.KafkaExtension;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.LiveAlerts;
import io.hotline.schemas.kafka.KafkaConfig;
import io.hotline.schemas.reference.HolidayCalendar;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live alerts end to end: simulated events into a real Kafka broker, the ingest job in a local
 * MiniCluster, alerts and recording matches in a real ClickHouse, read back with {@link LiveAlerts}
 * as the dashboard does. The simulator's planted topic surge is found on the morning it starts, and
 * a quiet simulated week raises no rate, surge or silence alert.
 */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class})
class LiveAlertsIT {
  private static final String JIANGSU = "320000";
  private static final String NANJING = "320100";
  private static final String SUZHOU = "320500";
  private static final HolidayCalendar CALENDAR = HolidayCalendar.standard();

  @Test
  void plantedTopicSurgeIsFoundOnItsFirstMorning(KafkaConfig kafka, ClickHouseConfig clickHouse)
      throws Exception {
    long seed = 0;
    TopicSurge surge = null;
    while (surge == null) {
      seed++;
      surge =
          TopicSurges.ofYear(seed, 2025).stream()
              .filter(s -> s.provinces().contains(JIANGSU))
              .filter(s -> s.from().getMonthValue() > 1 && CALENDAR.isWorkingDay(s.from()))
              .findFirst()
              .orElse(null);
    }
    // Three days of the usual mix before it form the baseline.
    simulate(kafka, NANJING, surge.from().minusDays(3), surge.from(), seed);
    ingest(kafka, clickHouse);

    List<LiveAlerts.Alert> alerts =
        new LiveAlerts(clickHouse)
            .openAndRecent(Regions.standard().find(JIANGSU).orElseThrow(), Instant.EPOCH, 100);
    Instant morning = ChinaTime.at(LocalDateTime.of(surge.from(), LocalTime.of(8, 30)));
    Instant noon = ChinaTime.at(LocalDateTime.of(surge.from(), LocalTime.NOON));
    String topic = surge.topic();
    List<LiveAlerts.Alert> surges =
        alerts.stream()
            .filter(a -> a.rule().equals("topic_surge") && a.subject().equals(topic))
            .sorted(Comparator.comparing(LiveAlerts.Alert::openedAt))
            .toList();
    assertThat(surges).as("alerts of %s: %s", surge, alerts).isNotEmpty();
    // Found the morning it starts; a surge of many days may open again later, never flap.
    assertThat(surges.get(0).openedAt()).isBetween(morning, noon);
    assertThat(surges).allMatch(a -> a.center().equals(NANJING)).hasSizeLessThanOrEqualTo(2);
    // No other topic surged, and nothing else went wrong in the simulated centre.
    assertThat(alerts)
        .filteredOn(a -> !a.rule().equals("voicemail_overdue"))
        .allMatch(a -> a.rule().equals("topic_surge") && a.subject().equals(topic));

    // A replay of the same topics by a fresh consumer group writes the same alerts and matches:
    // same ids, same states, no row added under FINAL.
    ClickHouseHttp ch = new ClickHouseHttp(clickHouse);
    String alertRows = "SELECT alert_id, status, value FROM alerts FINAL ORDER BY alert_id";
    String matchRows =
        "SELECT outcome, count(), sum(answered) FROM recording_matches FINAL"
            + " GROUP BY outcome ORDER BY outcome";
    List<List<String>> alertsBefore = ch.query(alertRows);
    List<List<String>> matchesBefore = ch.query(matchRows);
    ingest(kafka, clickHouse, "replay");
    assertThat(ch.query(alertRows)).isEqualTo(alertsBefore);
    assertThat(ch.query(matchRows)).isEqualTo(matchesBefore);

    // The recording join: the simulator records (almost) every answered call.
    List<LiveAlerts.RecordingFigures> figures =
        new LiveAlerts(clickHouse)
            .recordingFigures(
                Regions.standard().find(NANJING).orElseThrow(),
                surge.from().minusDays(3),
                surge.from());
    assertThat(figures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.answered()).isPositive();
              assertThat(f.coverage()).isGreaterThan(0.9);
              assertThat(f.orphans()).isZero();
            });
  }

  @Test
  void quietSimulatedWeekRaisesNoAlert(KafkaConfig kafka, ClickHouseConfig clickHouse)
      throws Exception {
    long seed = 1;
    LocalDate monday = LocalDate.of(2025, 3, 3);
    while (!TopicSurges.between(seed, monday.minusDays(7), monday.plusDays(6)).stream()
        .noneMatch(s -> s.provinces().contains(JIANGSU))) {
      monday = monday.plusDays(7);
    }
    assertThat(monday.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    simulate(kafka, NANJING + "," + SUZHOU, monday, monday.plusDays(6), seed);
    ingest(kafka, clickHouse);

    // The simulator never calls voicemail back (the contract has no callback record), so overdue
    // voicemail is expected; nothing else may alert in a normal week.
    List<List<String>> rows =
        new ClickHouseHttp(clickHouse)
            .query(
                "SELECT rule, center, subject, toString(opened_at), detail FROM alerts FINAL"
                    + " WHERE rule != 'voicemail_overdue' ORDER BY opened_at");
    assertThat(rows).as("alerts in the week from %s", monday).isEmpty();
  }

  private static void simulate(
      KafkaConfig kafka, String centers, LocalDate from, LocalDate to, long seed) throws Exception {
    SimulationSpec spec =
        new SimulationSpec(
            from, to, Centers.ofCodes(centers, seed, Regions.standard()), seed, FaultRates.NONE);
    try (EventSink sink = new KafkaEventSink(kafka)) {
      new Simulator(spec, 2).run(sink);
    }
  }

  private static void ingest(KafkaConfig kafka, ClickHouseConfig clickHouse) throws Exception {
    ingest(kafka, clickHouse, "hotline-ingest");
  }

  private static void ingest(KafkaConfig kafka, ClickHouseConfig clickHouse, String group)
      throws Exception {
    IngestJob.run(
        IngestOptions.demo(kafka, clickHouse)
            .untilCaughtUp(true)
            .withRestartAttempts(0)
            .withGroupId(group));
  }
}
