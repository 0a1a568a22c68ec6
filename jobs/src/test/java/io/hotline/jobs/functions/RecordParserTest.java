package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.privacy.CallerPseudonymizer;
import io.hotline.jobs.records.IngestRecord;
import io.hotline.jobs.records.Origin;
import io.hotline.jobs.testing.BadInput;
import io.hotline.schemas.events.EventKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The ingest's parsing step over the bad-input corpus: every case decided, none throws. */
class RecordParserTest {
  private static final Instant RECEIVED = Instant.parse("2025-03-20T02:00:00Z");
  private final RecordParser parser =
      new RecordParser(new CallerPseudonymizer("a-test-secret-of-32-characters!!"));

  @Test
  void everyCaseOfTheCorpusIsRefusedOrStoredAsExpected() {
    SoftAssertions soft = new SoftAssertions();
    long line = 0;
    for (BadInput.Case c : BadInput.corpus()) {
      IngestRecord r =
          parser.parse(EventKind.CDR, Origin.file("corpus.jsonl", ++line), c.bytes(), RECEIVED);
      if (c.expect() == BadInput.Expect.REJECTED) {
        soft.assertThat(r.isValid()).as("refused: " + c.name()).isFalse();
        if (!r.isValid()) {
          soft.assertThat(r.deadLetter().reason()).as("reason of " + c.name()).isNotBlank();
          soft.assertThat(r.deadLetter().reason())
              .as("reason of " + c.name())
              .doesNotContain(BadInput.PHONE);
          soft.assertThat(r.deadLetter().rawMasked())
              .as("raw of " + c.name())
              .doesNotContain(BadInput.PHONE);
        }
      } else {
        soft.assertThat(r.isValid())
            .as("stored: " + c.name() + (r.isValid() ? "" : " " + r.deadLetter().reason()))
            .isTrue();
        if (r.isValid()) {
          soft.assertThat(r.cdr().callId()).as(c.name()).isEqualTo(c.callId());
          soft.assertThat(r.cdr().caller()).as(c.name()).doesNotContain(BadInput.PHONE);
        }
      }
    }
    soft.assertAll();
  }

  @Test
  void aPhoneNumberInAnotherFieldIsMaskedInTheReasonToo() {
    String json = BadInput.call("c-1").with("center", "13912345678").json();
    IngestRecord r =
        parser.parse(
            EventKind.CDR,
            Origin.file("cdr.jsonl", 1),
            json.getBytes(StandardCharsets.UTF_8),
            RECEIVED);

    assertThat(r.deadLetter().reason())
        .isEqualTo("center = \"***\": must be a 6-digit GB/T 2260 code");
    assertThat(r.deadLetter().rawMasked()).doesNotContain("13912345678");
  }

  @Test
  void strayUnicodeSurrogatesAreRefused() {
    // A lone surrogate cannot be encoded: ClickHouse would receive '?' and two different ids
    // would become one row, while the batch twin counted two calls.
    String json = BadInput.call("c-X").json().replace("c-X", "c-\\ud800");
    IngestRecord r =
        parser.parse(
            EventKind.CDR,
            Origin.file("cdr.jsonl", 1),
            json.getBytes(StandardCharsets.UTF_8),
            RECEIVED);
    assertThat(r.isValid()).isFalse();
  }
}
