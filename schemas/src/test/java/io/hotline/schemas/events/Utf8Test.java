package io.hotline.schemas.events;

import static io.hotline.schemas.testing.EventJson.answeredCall;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input that Jackson's own decoder would let through, refused by the parser. */
class Utf8Test {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "C0AF", // overlong '/'
        "E080AF", // overlong '/' in three bytes
        "EDA080", // a surrogate encoded as if it were a character (CESU-8)
        "F4908080", // above U+10FFFF
        "F8888080", // a five-byte form
        "C3", // truncated
        "80", // a continuation byte alone
        "E282" // truncated three-byte sequence
      })
  void malformedBytesInAnyFieldAreRefused(String hex) {
    for (String field : new String[] {"queue", "note"}) {
      byte[] json = splice(answeredCall().with(field, "XX").json(), hex);
      ParseResult<Cdr> r = EventParser.standard().parseCdr(json);
      assertThat(r.isValid()).as(hex + " in " + field).isFalse();
      assertThat(r.rejection().message()).startsWith("(record) = (missing): is not valid UTF-8");
    }
  }

  @Test
  void wellFormedTextIsAccepted() {
    String text = "汉字 é 😀 \uFFFD";
    ParseResult<Cdr> r = EventParser.standard().parseCdr(answeredCall().with("queue", text).json());
    assertThat(r.isValid()).isTrue();
    assertThat(r.event().queue()).isEqualTo(text);
    assertThat(Utf8.firstInvalidByte(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
  }

  @Test
  void theFirstBadByteIsFoundAtAnyPosition_inOrBetweenWordsOfEight() {
    for (int length = 1; length <= 40; length++) {
      for (int at = 0; at < length; at++) {
        byte[] b = "a".repeat(length).getBytes(StandardCharsets.UTF_8);
        b[at] = (byte) 0xFF;
        assertThat(Utf8.firstInvalidByte(b)).as(at + " of " + length).isEqualTo(at);
        byte[] good = ("a".repeat(at) + "汉" + "a".repeat(length)).getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.firstInvalidByte(good)).as("valid, " + at + " of " + length).isEqualTo(-1);
      }
    }
  }

  @Test
  void aRangeOfABufferIsCheckedAloneAndCountedFromItsStart() {
    for (int from = 0; from < 9; from++) {
      for (int length = 1; length <= 24; length++) {
        for (int at = 0; at < length; at++) {
          // Bad bytes just outside the range belong to other records and are not looked at.
          byte[] b = new byte[from + length + 1];
          java.util.Arrays.fill(b, (byte) 0xFF);
          java.util.Arrays.fill(b, from, from + length, (byte) 'a');
          assertThat(Utf8.firstInvalidByte(b, from, length)).isEqualTo(-1);
          b[from + at] = (byte) 0xC0;
          assertThat(Utf8.firstInvalidByte(b, from, length))
              .as(at + " of " + length + " from " + from)
              .isEqualTo(at);
        }
      }
    }
    byte[] cut = "a汉".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.firstInvalidByte(cut, 0, 3)).as("a character cut by the range").isEqualTo(1);
  }

  @Test
  void aRecordWithinABufferIsRefusedAsItsCopyIs() {
    byte[] record = splice(answeredCall().with("queue", "XX").json(), "EDA080");
    byte[] buf = new byte[record.length + 100];
    System.arraycopy(record, 0, buf, 7, record.length);
    buf[3] = (byte) 0xFF; // another record's bad byte
    ParseResult<Cdr> inPlace = EventParser.standard().parseCdr(buf, 7, record.length);
    ParseResult<Cdr> copy = EventParser.standard().parseCdr(record);
    assertThat(inPlace.isValid()).isFalse();
    assertThat(inPlace.rejection()).isEqualTo(copy.rejection());
    byte[] good = answeredCall().json().getBytes(StandardCharsets.UTF_8);
    System.arraycopy(good, 0, buf, 7, good.length);
    assertThat(EventParser.standard().parseCdr(buf, 7, good.length).isValid()).isTrue();
  }

  @Test
  void loneSurrogateEscapesAreRefused() {
    String json = answeredCall().with("queue", "XX").json();
    for (String escape : new String[] {"\\ud800", "\\udc00", "a\\ud800b", "\\udc00\\ud800"}) {
      ParseResult<Cdr> r = EventParser.standard().parseCdr(json.replace("XX", escape));
      assertThat(r.isValid()).as(escape).isFalse();
      assertThat(r.rejection().rule()).isEqualTo("must not contain unpaired surrogates");
    }
    ParseResult<Cdr> pair = EventParser.standard().parseCdr(json.replace("XX", "\\ud83d\\ude00"));
    assertThat(pair.isValid()).isTrue();
    assertThat(pair.event().queue()).isEqualTo("😀");
  }

  private static byte[] splice(String json, String hex) {
    int at = json.indexOf("XX");
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < hex.length(); i += 2) {
      b.write(Integer.parseInt(hex.substring(i, i + 2), 16));
    }
    b.writeBytes(json.substring(at + 2).getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }
}
