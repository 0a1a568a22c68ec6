package io.hotline.jobs.functions;

import static io.hotline.schemas.testing.EventJson.answeredCall;
import static io.hotline.schemas.testing.EventJson.ivrOnlyCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingTest {
  private static Cdr cdr(String json) {
    return EventParser.standard().parseCdr(json).event();
  }

  @Test
  void aGroupsNumberStandsForItsKeyAndSortsLikeIt() {
    List<Cdr> calls =
        List.of(
            cdr(answeredCall().json()),
            cdr(answeredCall().with("line", "12385").with("center", "110100").json()),
            // 23:59 China time on the last of February of a leap year, queued at midnight UTC
            cdr(
                ivrOnlyCall()
                    .with("arrived_at", "2024-02-29T15:59:59.999Z")
                    .with("ended_at", "2024-02-29T16:00:30Z")
                    .json()),
            cdr(
                ivrOnlyCall()
                    .with("arrived_at", "2024-12-31T16:00:00Z")
                    .with("ended_at", "2024-12-31T16:01:00Z")
                    .json()));
    for (Grouping.Period period : Grouping.Period.values()) {
      for (Grouping.Level level : Grouping.Level.values()) {
        Grouping g = new Grouping(period, level);
        List<Long> codes = new ArrayList<>();
        for (Cdr c : calls) {
          assertThat(g.keyOf(g.codeOf(c))).isEqualTo(g.keyOf(c));
          codes.add(g.codeOf(c));
        }
        for (int i = 0; i < calls.size(); i++) {
          for (int j = 0; j < calls.size(); j++) {
            assertThat(Long.signum(Long.compare(codes.get(i), codes.get(j))))
                .isEqualTo(Integer.signum(g.keyOf(calls.get(i)).compareTo(g.keyOf(calls.get(j)))));
          }
        }
      }
    }
  }

  @Test
  void aRegionCodeIsReadAsParseIntWouldReadIt() {
    for (String code :
        List.of("000000", "110100", "320583", "659001", "999999", "32010", "+12345")) {
      assertThat(Grouping.regionNumber(code)).as(code).isEqualTo(Integer.parseInt(code));
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Grouping.regionNumber("32O100"))
        .isInstanceOf(NumberFormatException.class)
        .hasMessageContaining("32O100");
  }
}
