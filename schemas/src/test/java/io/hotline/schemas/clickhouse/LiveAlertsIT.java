package io.hotline.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dashboard's reads of alerts and recording matches, against a real ClickHouse. */
@ExtendWith(ClickHouseExtension.class)
class LiveAlertsIT {

  private static Region region(String code) {
    return Regions.standard().find(code).orElseThrow();
  }

  @Test
  void openAlertsComeFirstAndAClearedAlertShowsOnceAsCleared(ClickHouseConfig config)
      throws Exception {
    ClickHouseHttp ch = new ClickHouseHttp(config);
    ch.insert(
        "alerts",
        LiveAlerts.ALERT_COLUMNS,
        String.join(
            "",
            "320100:center_silent:100\t320100\t320000\tcenter_silent\t\topen\t2025-03-14 09:20:00"
                + "\t\\N\t2025-03-14 09:20:00\t20\t20\t无数据\t1\n",
            "320100:center_silent:100\t320100\t320000\tcenter_silent\t\tcleared"
                + "\t2025-03-14 09:20:00\t2025-03-14 09:40:00\t2025-03-14 09:40:00\t40\t20\t无数据\t2\n",
            "320500:topic_surge:1101:200\t320500\t320000\ttopic_surge\t1101\topen"
                + "\t2025-03-14 10:00:00\t\\N\t2025-03-14 10:00:00\t30\t15\t话题\t1\n",
            "110100:answer_rate_low:300\t110100\t110000\tanswer_rate_low\t\topen"
                + "\t2025-03-14 11:00:00\t\\N\t2025-03-14 11:00:00\t0.3\t0.5\t接通率\t1\n"));
    LiveAlerts live = new LiveAlerts(config);
    Instant since = Instant.parse("2025-03-14T00:00:00Z");

    List<LiveAlerts.Alert> jiangsu = live.openAndRecent(region("320000"), since, 10);
    assertThat(jiangsu)
        .extracting(LiveAlerts.Alert::alertId)
        .containsExactly("320500:topic_surge:1101:200", "320100:center_silent:100");
    assertThat(jiangsu.get(1).open()).isFalse();
    assertThat(jiangsu.get(1).clearedAt()).isEqualTo(Instant.parse("2025-03-14T01:40:00Z"));
    assertThat(jiangsu.get(0).subject()).isEqualTo("1101");

    assertThat(live.openAndRecent(region("000000"), since, 10)).hasSize(3);
    assertThat(live.openAndRecent(region("110100"), since, 10))
        .singleElement()
        .satisfies(a -> assertThat(a.rule()).isEqualTo("answer_rate_low"));
    // Closed before the period asked for: only open ones remain.
    assertThat(live.openAndRecent(region("320000"), Instant.parse("2025-03-15T00:00:00Z"), 10))
        .extracting(LiveAlerts.Alert::alertId)
        .containsExactly("320500:topic_surge:1101:200");
  }

  @Test
  void recordingFiguresPerCentre(ClickHouseConfig config) throws Exception {
    ClickHouseHttp ch = new ClickHouseHttp(config);
    String day = "2025-03-14\t2025-03-14 09:00:00";
    ch.insert(
        "recording_matches",
        LiveAlerts.MATCH_COLUMNS,
        String.join(
            "",
            "c1\tr1\t320100\t320000\t" + day + "\tmatched\t1\t180000\t180000\t1\n",
            "c2\tr2\t320100\t320000\t" + day + "\tshort_recording\t1\t180000\t20000\t1\n",
            "c3\t\t320100\t320000\t" + day + "\tno_recording\t1\t180000\t\\N\t1\n",
            "c3\t\t320100\t320000\t" + day + "\tno_recording\t1\t180000\t\\N\t1\n",
            "c4\tr4\t320100\t320000\t" + day + "\torphan\t0\t\\N\t60000\t1\n",
            "c5\tr5\t110100\t110000\t" + day + "\tmatched\t1\t60000\t60000\t1\n"));

    List<LiveAlerts.RecordingFigures> figures =
        new LiveAlerts(config)
            .recordingFigures(
                region("320000"), LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31));

    assertThat(figures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.center()).isEqualTo("320100");
              assertThat(f.answered()).isEqualTo(3);
              assertThat(f.recorded()).isEqualTo(2);
              assertThat(f.withoutRecording()).isEqualTo(1);
              assertThat(f.shortRecordings()).isEqualTo(1);
              assertThat(f.orphans()).isEqualTo(1);
              assertThat(f.coverage()).isEqualTo(2 / 3.0);
            });
  }
}
