package io.hotline.jobs;

import static io.hotline.schemas.testing.EventJson.abandonedCall;
import static io.hotline.schemas.testing.EventJson.answeredCall;
import static io.hotline.schemas.testing.EventJson.ivrOnlyCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.functions.Grouping;
import io.hotline.jobs.records.DeadLetter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch twin in a Flink MiniCluster over a small file with known answers. */
class MetricsBatchJobIT {
  @TempDir Path dir;

  @Test
  void countsPerDayAndCentre_duplicatesOnce_badLinesToDeadLetters() throws Exception {
    Path file = dir.resolve("cdr.jsonl");
    Files.write(
        file,
        List.of(
            answeredCall().json(),
            abandonedCall().json(),
            ivrOnlyCall().json(),
            answeredCall().json(), // a duplicate delivery
            "{not json",
            "",
            answeredCall()
                .with("call_id", "c-next-day")
                .with("arrived_at", "2025-03-15T09:00:00+08:00")
                .with("queued_at", "2025-03-15T09:00:01+08:00")
                .with("answered_at", "2025-03-15T09:00:31+08:00")
                .with("ended_at", "2025-03-15T09:01:31+08:00")
                .with("satisfaction", 3)
                .json(),
            abandonedCall()
                .with("call_id", "c-short")
                .with("ended_at", "2025-03-14T09:00:12+08:00")
                .json(),
            answeredCall().with("call_id", "c-other-line").with("line", "12370").json()));

    List<DeadLetter> dead = new ArrayList<>();
    MetricsBatchJob.Result result =
        MetricsBatchJob.run(
            file, new Grouping(Grouping.Period.DAY, Grouping.Level.CENTER), 2, dead::add);
    StringWriter csv = new StringWriter();
    MetricsCsv.write(result.rows(), csv);

    assertThat(csv.toString().split("\n"))
        .containsExactly(
            MetricsCsv.HEADER,
            // answered (wait 10 s, talk 280 s, satisfied), abandoned after 10 s, short abandon
            // after 2 s, IVR-only: SL counts the answered call over offered minus short abandons.
            "2025-03-14,12333,320100,4,1,3,1,2,1,0.3333,0.6667,0.5000,0.5000,10.0,7.3,280.0,1.0000",
            "2025-03-14,12370,320100,1,0,1,1,0,0,1.0000,0.0000,1.0000,1.0000,10.0,10.0,280.0,1.0000",
            // answered after 30 s: outside SL15 and SL20; dissatisfied
            "2025-03-15,12333,320100,1,0,1,1,0,0,1.0000,0.0000,0.0000,0.0000,30.0,30.0,60.0,0.0000");
    assertThat(result.accepted()).isEqualTo(6);
    assertThat(result.duplicates()).isEqualTo(1);
    assertThat(result.rejected()).isEqualTo(1);
    assertThat(dead)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.origin().toString()).isEqualTo("cdr.jsonl:5");
              assertThat(d.reason()).startsWith("(record) = (missing): is not valid JSON");
            });
  }

  @Test
  void nationLevelByMonthRollsUpEveryCentre() throws Exception {
    Path file = dir.resolve("cdr.jsonl");
    Files.write(
        file,
        List.of(
            answeredCall().json(),
            answeredCall().with("call_id", "c-sh").with("center", "310100").json(),
            abandonedCall().with("center", "440300").json()));

    MetricsBatchJob.Result result =
        MetricsBatchJob.run(
            file, new Grouping(Grouping.Period.MONTH, Grouping.Level.NATION), 2, d -> {});

    assertThat(result.rows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key().period()).isEqualTo("2025-03");
              assertThat(r.key().region()).isEqualTo("000000");
              assertThat(r.counts().offered).isEqualTo(3);
              assertThat(r.counts().answered).isEqualTo(2);
            });
  }
}
