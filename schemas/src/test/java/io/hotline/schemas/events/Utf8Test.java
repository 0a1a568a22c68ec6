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
