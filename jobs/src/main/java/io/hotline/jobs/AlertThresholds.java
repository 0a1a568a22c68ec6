package io.hotline.jobs;

import io.hotline.jobs.IngestOptions.Option;
import io.hotline.jobs.functions.ServiceHours;
import java.io.Serializable;
import java.time.Duration;
import java.util.Properties;

/**
 * The thresholds of the live alerts, read from the {@code alerts.*} keys of the ingest job's
 * options (keys, defaults and meaning in {@link IngestOptions.Option}). Defaults are set so that a
 * normal simulated week raises no rate, surge or silence alert while a planted topic surge is found
 * within the morning it starts.
 */
public record AlertThresholds(
    String serviceHoursText,
    int minOffered,
    Duration answerRateWindow,
    double answerRateTarget,
    Duration abandonWindow,
    double abandonRate,
    double abandonFactor,
    Duration topicWindow,
    double topicFactor,
    int topicMinCalls,
    double topicMinZ,
    int baselineDays,
    Duration silence,
    int voicemailWorkingDays)
    implements Serializable {

  public AlertThresholds {
    ServiceHours.parse(Option.ALERT_SERVICE_HOURS.key(), serviceHoursText);
    requireRatio(Option.ALERT_ANSWER_RATE_TARGET, answerRateTarget);
    requireRatio(Option.ALERT_ABANDON_RATE, abandonRate);
    requirePositive(Option.ALERT_ANSWER_RATE_WINDOW_MS, answerRateWindow.toMinutes());
    requirePositive(Option.ALERT_ABANDON_WINDOW_MS, abandonWindow.toMinutes());
    requirePositive(Option.ALERT_TOPIC_WINDOW_MS, topicWindow.toMinutes());
    requirePositive(Option.ALERT_SILENCE_MS, silence.toMinutes());
    requirePositive(Option.ALERT_BASELINE_DAYS, baselineDays);
    requirePositive(Option.ALERT_MIN_OFFERED, minOffered);
    requirePositive(Option.ALERT_TOPIC_MIN_CALLS, topicMinCalls);
    requirePositive(Option.ALERT_VOICEMAIL_WORKING_DAYS, voicemailWorkingDays);
  }

  private static void requireRatio(Option o, double value) {
    if (value > 1) {
      throw new IllegalArgumentException(o.key() + " must be from 0 to 1, got: " + value);
    }
  }

  private static void requirePositive(Option o, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          o.key() + " must be at least 1" + (o.key().endsWith("-ms") ? " minute" : ""));
    }
  }

  /** The service hours the thresholds apply in. */
  public ServiceHours serviceHours() {
    return ServiceHours.parse(Option.ALERT_SERVICE_HOURS.key(), serviceHoursText);
  }

  /** The longest window any rate rule looks back over. */
  public Duration longestWindow() {
    Duration a = answerRateWindow.compareTo(abandonWindow) > 0 ? answerRateWindow : abandonWindow;
    return a.compareTo(topicWindow) > 0 ? a : topicWindow;
  }

  /** Every threshold at its default. */
  public static AlertThresholds defaults() {
    return fromProperties(new Properties());
  }

  static AlertThresholds fromProperties(Properties p) {
    return new AlertThresholds(
        Option.ALERT_SERVICE_HOURS.read(p),
        Option.ALERT_MIN_OFFERED.wholeNumber(p),
        Option.ALERT_ANSWER_RATE_WINDOW_MS.millis(p),
        Option.ALERT_ANSWER_RATE_TARGET.decimal(p),
        Option.ALERT_ABANDON_WINDOW_MS.millis(p),
        Option.ALERT_ABANDON_RATE.decimal(p),
        Option.ALERT_ABANDON_FACTOR.decimal(p),
        Option.ALERT_TOPIC_WINDOW_MS.millis(p),
        Option.ALERT_TOPIC_FACTOR.decimal(p),
        Option.ALERT_TOPIC_MIN_CALLS.wholeNumber(p),
        Option.ALERT_TOPIC_MIN_Z.decimal(p),
        Option.ALERT_BASELINE_DAYS.wholeNumber(p),
        Option.ALERT_SILENCE_MS.millis(p),
        Option.ALERT_VOICEMAIL_WORKING_DAYS.wholeNumber(p));
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty(Option.ALERT_SERVICE_HOURS.key(), serviceHoursText);
    p.setProperty(Option.ALERT_MIN_OFFERED.key(), Integer.toString(minOffered));
    p.setProperty(Option.ALERT_ANSWER_RATE_WINDOW_MS.key(), IngestOptions.millis(answerRateWindow));
    p.setProperty(Option.ALERT_ANSWER_RATE_TARGET.key(), Double.toString(answerRateTarget));
    p.setProperty(Option.ALERT_ABANDON_WINDOW_MS.key(), IngestOptions.millis(abandonWindow));
    p.setProperty(Option.ALERT_ABANDON_RATE.key(), Double.toString(abandonRate));
    p.setProperty(Option.ALERT_ABANDON_FACTOR.key(), Double.toString(abandonFactor));
    p.setProperty(Option.ALERT_TOPIC_WINDOW_MS.key(), IngestOptions.millis(topicWindow));
    p.setProperty(Option.ALERT_TOPIC_FACTOR.key(), Double.toString(topicFactor));
    p.setProperty(Option.ALERT_TOPIC_MIN_CALLS.key(), Integer.toString(topicMinCalls));
    p.setProperty(Option.ALERT_TOPIC_MIN_Z.key(), Double.toString(topicMinZ));
    p.setProperty(Option.ALERT_BASELINE_DAYS.key(), Integer.toString(baselineDays));
    p.setProperty(Option.ALERT_SILENCE_MS.key(), IngestOptions.millis(silence));
    p.setProperty(
        Option.ALERT_VOICEMAIL_WORKING_DAYS.key(), Integer.toString(voicemailWorkingDays));
    return p;
  }
}
