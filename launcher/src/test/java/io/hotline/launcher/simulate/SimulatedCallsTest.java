package io.hotline.launcher.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EndReason;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.events.EventParser;
import io.hotline.schemas.events.Line;
import io.hotline.schemas.events.ParseResult;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.events.Sms;
import io.hotline.schemas.metrics.CallMeasures;
import io.hotline.schemas.reference.HolidayCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks that fault-free simulated traffic is valid and looks like the hotline world of the domain
 * brief: volumes, service hours, queueing, recordings, topics and SMS. One normal week of Nanjing
 * and Yancheng (a small city), plus Nanjing over the Labour Day holiday.
 */
class SimulatedCallsTest {
  private static final String NANJING = "320100";
  private static final String YANCHENG = "320900";
  private static final LocalDate NORMAL_WEDNESDAY = LocalDate.of(2025, 5, 14);
  private static final EventParser PARSER = EventParser.standard();
  private static final HolidayCalendar CALENDAR = HolidayCalendar.standard();
  private static final LocalTime MORNING_OPENS = LocalTime.of(8, 30);
  private static final LocalTime MORNING_CLOSES = LocalTime.of(12, 0);
  private static final LocalTime AFTERNOON_OPENS = LocalTime.of(14, 0);
  private static final LocalTime AFTERNOON_CLOSES = LocalTime.of(17, 30);

  private static SimulationRun week;
  private static List<Cdr> calls;
  private static List<Recording> recordings;
  private static List<Sms> messages;
  private static List<Cdr> holidayCalls;

  @BeforeAll
  static void simulate() {
    week = SimulationRun.of(NANJING + "," + YANCHENG, "2025-05-12", "2025-05-18", 7);
    calls = parseAll(week.cdr, PARSER::parseCdr);
    recordings = parseAll(week.recording, PARSER::parseRecording);
    messages = parseAll(week.sms, PARSER::parseSms);
    holidayCalls =
        parseAll(SimulationRun.of(NANJING, "2025-04-29", "2025-05-06", 11).cdr, PARSER::parseCdr);
  }

  private static <T> List<T> parseAll(List<String> lines, Function<String, ParseResult<T>> parse) {
    List<T> events = new ArrayList<>(lines.size());
    for (String line : lines) {
      ParseResult<T> result = parse.apply(line);
      assertThat(result.isValid()).as("%s%n%s", result, line).isTrue();
      events.add(result.event());
    }
    return events;
  }

  @Test
  void everyFaultFreeEventIsValid() {
    // parseAll has asserted validity of each line; here: nothing is missing or empty.
    assertThat(calls).hasSize(week.cdr.size()).hasSizeGreaterThan(20_000);
    assertThat(recordings).hasSize(week.recording.size()).isNotEmpty();
    assertThat(messages).hasSize(week.sms.size()).isNotEmpty();
    assertThat(week.stats.totalEvents())
        .isEqualTo(week.cdr.size() + week.recording.size() + week.sms.size());
  }

  @Test
  void idsAreUniqueAndAreTheKafkaKeys() {
    assertThat(calls.stream().map(Cdr::callId).distinct().count()).isEqualTo(calls.size());
    assertThat(week.keys.get(EventKind.CDR))
        .containsExactlyElementsOf(calls.stream().map(Cdr::callId).toList());
    assertThat(week.keys.get(EventKind.RECORDING))
        .containsExactlyElementsOf(recordings.stream().map(Recording::recordingId).toList());
    assertThat(week.keys.get(EventKind.SMS))
        .containsExactlyElementsOf(messages.stream().map(Sms::smsId).toList());
  }

  @Test
  void timestampsCarryChinaOffsetAndMilliseconds() {
    assertThat(week.cdr.get(0))
        .containsPattern(
            "\"arrived_at\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+08:00\"");
    assertThat(week.sms.get(0)).containsPattern("\"sent_at\":\"[^\"]+\\.\\d{3}\\+08:00\"");
  }

  @Test
  void eventsComeInEmissionOrder() {
    assertNonDecreasing(calls.stream().map(Cdr::endedAt).toList());
    assertNonDecreasing(messages.stream().map(Sms::sentAt).toList());
  }

  @Test
  void offeredEqualsAnsweredPlusAbandonedAndAbandonmentComesFromTheQueue() {
    Set<EndReason> abandonReasons = Set.of(EndReason.CALLER_HANGUP, EndReason.OUT_OF_HOURS);
    long offered = 0;
    long answered = 0;
    long abandoned = 0;
    for (Cdr cdr : calls) {
      CallMeasures m = CallMeasures.of(cdr);
      offered += m.offered() ? 1 : 0;
      answered += cdr.answeredAt() != null ? 1 : 0;
      // Independently of the metric definitions: queued, not answered, and ended by hanging up.
      boolean gaveUp =
          cdr.queuedAt() != null
              && cdr.answeredAt() == null
              && abandonReasons.contains(cdr.endReason());
      abandoned += gaveUp ? 1 : 0;
      if (cdr.answeredAt() != null) {
        assertThat(cdr.agentId()).as(cdr.callId()).isNotNull();
      }
      if (Set.of(EndReason.VOICEMAIL, EndReason.BLOCKED).contains(cdr.endReason())) {
        assertThat(cdr.queuedAt()).as(cdr.callId()).isNull();
      }
    }
    assertThat(offered).isPositive().isEqualTo(answered + abandoned);
  }

  @Test
  void nanjingTakesAboutFourThousandCallsOnANormalWorkingDay() {
    long total =
        calls.stream()
            .filter(c -> c.center().equals(NANJING))
            .filter(c -> ChinaTime.day(c.arrivedAt()).equals(NORMAL_WEDNESDAY))
            .count();
    assertThat(total).isBetween(3_000L, 5_000L);
  }

  @Test
  void weekendsAreFarQuieterThanWorkingDays() {
    Map<LocalDate, Long> perDay =
        calls.stream()
            .filter(c -> c.center().equals(NANJING))
            .collect(
                Collectors.groupingBy(c -> ChinaTime.day(c.arrivedAt()), Collectors.counting()));
    long saturday = perDay.get(LocalDate.of(2025, 5, 17));
    assertThat(saturday * 3).isLessThan(perDay.get(NORMAL_WEDNESDAY));
  }

  @Test
  void noAgentAnswers12333Or12370OutsideServiceHoursOrOnHolidays() {
    List<Cdr> all = new ArrayList<>(calls);
    all.addAll(holidayCalls);
    List<Cdr> answered =
        all.stream().filter(c -> c.line() != Line.L12385 && c.answeredAt() != null).toList();
    assertThat(answered).isNotEmpty();
    for (Cdr cdr : answered) {
      LocalDateTime at = ChinaTime.local(cdr.answeredAt());
      assertThat(CALENDAR.isWorkingDay(at.toLocalDate())).as(cdr.callId()).isTrue();
      assertThat(inServiceHours(at.toLocalTime())).as("%s at %s", cdr.callId(), at).isTrue();
    }
    // The holiday run really covers days off, and callers asking for an agent then get voicemail.
    assertThat(holidayCalls)
        .anyMatch(c -> CALENDAR.isHoliday(ChinaTime.day(c.arrivedAt())))
        .anyMatch(c -> c.endReason() == EndReason.VOICEMAIL && c.queuedAt() == null)
        .anyMatch(c -> c.endReason() == EndReason.OUT_OF_HOURS);
  }

  @Test
  void line12385IsAnsweredAroundTheClock() {
    List<Cdr> answered12385 =
        calls.stream().filter(c -> c.line() == Line.L12385 && c.answeredAt() != null).toList();
    assertThat(answered12385)
        .anyMatch(c -> !inServiceHours(ChinaTime.local(c.answeredAt()).toLocalTime()))
        .anyMatch(c -> !CALENDAR.isWorkingDay(ChinaTime.day(c.answeredAt())));
    long share12385 = calls.stream().filter(c -> c.line() == Line.L12385).count();
    long share12370 = calls.stream().filter(c -> c.line() == Line.L12370).count();
    assertThat(share12385).isBetween(calls.size() / 50L, calls.size() / 8L);
    assertThat(share12370).isBetween(calls.size() / 100L, calls.size() / 10L);
  }

  @Test
  void waitsAreLongerInTheBusiestHourThanInAQuietOne() {
    Map<Integer, List<Long>> waitsByHour = new TreeMap<>();
    for (Cdr cdr : calls) {
      CallMeasures m = CallMeasures.of(cdr);
      if (cdr.center().equals(NANJING) && cdr.line() != Line.L12385 && m.offered()) {
        int hour = ChinaTime.local(cdr.queuedAt()).getHour();
        waitsByHour.computeIfAbsent(hour, h -> new ArrayList<>()).add(m.waitMs());
      }
    }
    int busiest = hourWith(waitsByHour, true);
    int quiet = hourWith(waitsByHour, false);
    assertThat(busiest).isNotEqualTo(quiet);
    assertThat(mean(waitsByHour.get(busiest))).isGreaterThan(mean(waitsByHour.get(quiet)));
  }

  @Test
  void abandonmentRateIsPlausible() {
    for (String center : List.of(NANJING, YANCHENG)) {
      List<CallMeasures> m =
          calls.stream().filter(c -> c.center().equals(center)).map(CallMeasures::of).toList();
      double offered = m.stream().filter(CallMeasures::offered).count();
      double abandoned = m.stream().filter(CallMeasures::abandoned).count();
      assertThat(abandoned / offered).as(center).isBetween(0.02, 0.25);
    }
  }

  @Test
  void recordingsMatchAnsweredCalls() {
    Map<String, Cdr> byId =
        calls.stream().collect(Collectors.toMap(Cdr::callId, Function.identity()));
    for (Recording r : recordings) {
      Cdr cdr = byId.get(r.callId());
      assertThat(cdr).as(r.recordingId()).isNotNull();
      assertThat(cdr.answeredAt()).isNotNull();
      assertThat(cdr.recordingId()).isEqualTo(r.recordingId());
      assertThat(r.center()).isEqualTo(cdr.center());
      assertThat(r.agentId()).isEqualTo(cdr.agentId());
      assertThat(r.startedAt()).isEqualTo(cdr.answeredAt());
      long talk = Duration.between(cdr.answeredAt(), cdr.endedAt()).toMillis();
      assertThat(r.durationMs()).isBetween(talk - 1_000, talk);
      assertThat(r.bytes()).isEqualTo(16 * r.durationMs());
      assertThat(r.codec()).isEqualTo("wav/pcm16/8k");
      assertThat(r.sha256()).matches("[0-9a-f]{64}");
      LocalDate day = ChinaTime.day(cdr.arrivedAt());
      assertThat(r.uri())
          .isEqualTo(
              String.format(
                  "recordings/%s/%04d/%02d/%02d/%s.wav",
                  r.center(),
                  day.getYear(),
                  day.getMonthValue(),
                  day.getDayOfMonth(),
                  r.recordingId()));
    }
    long answered = calls.stream().filter(c -> c.answeredAt() != null).count();
    long withRecordingId = calls.stream().filter(c -> c.recordingId() != null).count();
    assertThat(recordings).hasSize((int) withRecordingId);
    assertThat((double) recordings.size() / answered).isBetween(0.95, 0.99);
  }

  @Test
  void satisfactionIsOftenMissingAndWorseAfterLongWaits() {
    List<Cdr> answered = calls.stream().filter(c -> c.answeredAt() != null).toList();
    long unrated = answered.stream().filter(c -> c.satisfaction() == null).count();
    assertThat((double) unrated / answered.size()).isBetween(0.4, 0.8);
    double shortWaitDissatisfied = dissatisfiedShare(answered, w -> w < 10_000);
    double longWaitDissatisfied = dissatisfiedShare(answered, w -> w > 40_000);
    assertThat(longWaitDissatisfied).isGreaterThan(2 * shortWaitDissatisfied);
  }

  @Test
  void topicsFollowARealisticMix() {
    List<String> topics =
        calls.stream()
            .filter(c -> c.line() == Line.L12333 && c.topic() != null)
            .map(Cdr::topic)
            .toList();
    double pension = share(topics, t -> t.startsWith("14"));
    double card = share(topics, t -> t.equals("2505"));
    double employment = share(topics, t -> t.startsWith("03"));
    assertThat(pension).isBetween(0.15, 0.40);
    assertThat(card).isBetween(0.04, 0.15);
    assertThat(employment).isBetween(0.08, 0.25);
    assertThat(topics)
        .anyMatch(t -> t.length() == 2)
        .allMatch(t -> t.length() == 2 || t.length() == 4);
    assertThat(
            calls.stream()
                .filter(c -> c.line() == Line.L12370 && c.topic() != null)
                .map(Cdr::topic))
        .contains("2403");
  }

  @Test
  void callersAndAgentsLookReal() {
    Map<String, Set<String>> agentBlocks = new HashMap<>();
    for (Cdr cdr : calls) {
      assertThat(cdr.caller()).matches("1[35789]\\d{9}|0\\d{10}");
      if (cdr.agentId() != null) {
        assertThat(cdr.agentId()).matches("\\d{5}");
        agentBlocks
            .computeIfAbsent(cdr.center(), c -> new java.util.TreeSet<>())
            .add(cdr.agentId().substring(0, 2));
      }
    }
    // Work numbers belong to the centre: each centre's agents share a number block.
    assertThat(agentBlocks.get(NANJING)).hasSize(1);
    assertThat(agentBlocks.get(NANJING)).doesNotContainAnyElementsOf(agentBlocks.get(YANCHENG));
  }

  @Test
  void smsFlowsBothWaysAndMostIsDelivered() {
    assertThat(messages)
        .anyMatch(m -> m.direction() == Sms.Direction.MO)
        .anyMatch(m -> m.direction() == Sms.Direction.MT)
        .anyMatch(m -> m.status() == Sms.Status.FAILED)
        .anyMatch(m -> m.segments() == 3)
        .allMatch(m -> m.segments() >= 1 && m.segments() <= 3);
    double delivered = share(messages, m -> m.status() == Sms.Status.DELIVERED);
    assertThat(delivered).isBetween(0.93, 0.995);
  }

  // ---- helpers ----

  private static boolean inServiceHours(LocalTime t) {
    return (!t.isBefore(MORNING_OPENS) && t.isBefore(MORNING_CLOSES))
        || (!t.isBefore(AFTERNOON_OPENS) && t.isBefore(AFTERNOON_CLOSES));
  }

  /** The service hour with the most (or, among those with some traffic, fewest) offered calls. */
  private static int hourWith(Map<Integer, List<Long>> waitsByHour, boolean most) {
    int best = -1;
    for (Map.Entry<Integer, List<Long>> e : waitsByHour.entrySet()) {
      int n = e.getValue().size();
      if (n < 50) {
        continue;
      }
      if (best < 0
          || (most && n > waitsByHour.get(best).size())
          || (!most && n < waitsByHour.get(best).size())) {
        best = e.getKey();
      }
    }
    return best;
  }

  private static double mean(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).average().orElseThrow();
  }

  private static double dissatisfiedShare(List<Cdr> answered, Predicate<Long> waitMs) {
    List<Cdr> rated =
        answered.stream()
            .filter(c -> c.satisfaction() != null)
            .filter(c -> waitMs.test(Duration.between(c.queuedAt(), c.answeredAt()).toMillis()))
            .toList();
    assertThat(rated).hasSizeGreaterThan(30);
    return share(rated, c -> c.satisfaction() == 3);
  }

  private static <T> double share(List<T> items, Predicate<T> p) {
    return (double) items.stream().filter(p).count() / items.size();
  }

  private static void assertNonDecreasing(List<Instant> times) {
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i)).as("event %d", i).isAfterOrEqualTo(times.get(i - 1));
    }
  }
}
