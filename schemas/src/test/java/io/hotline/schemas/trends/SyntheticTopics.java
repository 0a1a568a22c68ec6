package io.hotline.schemas.trends;

import io.hotline.schemas.reference.HolidayCalendar;
import io.hotline.schemas.reference.Topic;
import io.hotline.schemas.reference.Topics;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Synthetic daily topic counts with known structure: a Zipf-like mix over the code table's
 * sub-categories, fewer calls at weekends and holidays, a different mix on rest days, a weekday
 * rhythm, Poisson noise — and whatever a test plants on top.
 */
final class SyntheticTopics {
  /** A multiplier on one topic's rate on one day; 1 means unchanged. */
  interface Plant {
    double on(String topic, LocalDate day);
  }

  static final Plant NOTHING = (topic, day) -> 1;
  static final List<String> CODES =
      Topics.standard().all().stream().filter(t -> t.level() == 2).map(Topic::code).toList();

  private static final HolidayCalendar CALENDAR = HolidayCalendar.standard();

  private SyntheticTopics() {}

  /** The topic with the given rank in the mix (0 = most frequent). */
  static String rank(int i) {
    return CODES.get(i);
  }

  /** Whether the topic is one that rest-day callers ask about three times as often. */
  static boolean restDayTopic(int rank) {
    return rank % 5 == 0;
  }

  static TopicCounts generate(LocalDate from, LocalDate to, long seed, Plant plant) {
    Well19937c random = new Well19937c(seed);
    TopicCounts counts = new TopicCounts();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      boolean working = CALENDAR.isWorkingDay(day);
      double volume = (working ? 6_000 : 1_200) * weekdayRhythm(day.getDayOfWeek());
      double norm = norm(working);
      for (int i = 0; i < CODES.size(); i++) {
        String topic = CODES.get(i);
        double mean = volume * weight(i, working) / norm * plant.on(topic, day);
        if (mean > 0) {
          long n = new PoissonDistribution(random, mean, 1e-12, 10_000).sample();
          counts.add(day, topic, n);
        }
      }
    }
    return counts;
  }

  private static double weekdayRhythm(DayOfWeek d) {
    return switch (d) {
      case MONDAY -> 1.25;
      case FRIDAY -> 0.9;
      default -> 1.0;
    };
  }

  private static double weight(int rank, boolean working) {
    double w = 1 / Math.pow(rank + 1, 0.8);
    if (!working && restDayTopic(rank)) {
      w *= 3;
    } else if (!working && rank % 7 == 0) {
      w *= 0.3;
    }
    return w;
  }

  private static double norm(boolean working) {
    double sum = 0;
    for (int i = 0; i < CODES.size(); i++) {
      sum += weight(i, working);
    }
    return sum;
  }
}
