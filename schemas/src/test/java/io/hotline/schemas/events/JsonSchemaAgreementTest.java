package io.hotline.schemas.events;

import static io.hotline.schemas.testing.EventJson.abandonedCall;
import static io.hotline.schemas.testing.EventJson.answeredCall;
import static io.hotline.schemas.testing.EventJson.ivrOnlyCall;
import static io.hotline.schemas.testing.EventJson.recording;
import static io.hotline.schemas.testing.EventJson.sms;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.hotline.schemas.testing.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schema files and {@link EventParser} must agree: what the parser accepts, the
 * schema accepts; what breaks the structure, both refuse. Rules a schema cannot state (reference
 * codes, cross-field order, calendar validity) are refused by the parser alone.
 */
class JsonSchemaAgreementTest {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          b ->
              b.schemaMappers(
                  m -> m.mapPrefix("https://hotline.example/schemas/", "classpath:json-schema/")));

  enum Expect {
    BOTH_ACCEPT,
    BOTH_REJECT,
    PARSER_ONLY_REJECTS
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        c("cdr", answeredCall(), Expect.BOTH_ACCEPT),
        c("cdr", abandonedCall(), Expect.BOTH_ACCEPT),
        c("cdr", ivrOnlyCall(), Expect.BOTH_ACCEPT),
        c("cdr", answeredCall().with("topic", "26").with("extra", List.of(1)), Expect.BOTH_ACCEPT),
        c("cdr", answeredCall().without("call_id"), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("call_id", "x".repeat(65)), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("line", "12345"), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("line", 12333), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("center", "32010"), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("caller", 13800000000L), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("arrived_at", "2025-03-14T09:00:00"), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("arrived_at", "2025-03-14T09:00:00+0800"), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("end_reason", "dropped"), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("topic", "140"), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("satisfaction", 4), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("satisfaction", "1"), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("agent_id", 10543), Expect.BOTH_REJECT),
        c("cdr", answeredCall().with("center", "999900"), Expect.PARSER_ONLY_REJECTS),
        c("cdr", answeredCall().with("topic", "9999"), Expect.PARSER_ONLY_REJECTS),
        c("cdr", answeredCall().with("queued_at", null), Expect.PARSER_ONLY_REJECTS),
        c(
            "cdr",
            answeredCall().with("arrived_at", "2025-02-30T09:00:00+08:00"),
            Expect.PARSER_ONLY_REJECTS),
        c(
            "cdr",
            answeredCall().with("ended_at", "2025-03-16T09:00:00+08:00"),
            Expect.PARSER_ONLY_REJECTS),
        c("recording", recording(), Expect.BOTH_ACCEPT),
        c("recording", recording().with("duration_ms", -1), Expect.BOTH_REJECT),
        c("recording", recording().with("duration_ms", 1.5), Expect.BOTH_REJECT),
        c("recording", recording().with("sha256", "xyz"), Expect.BOTH_REJECT),
        c("recording", recording().without("uri"), Expect.BOTH_REJECT),
        c("sms", sms(), Expect.BOTH_ACCEPT),
        c("sms", sms().with("direction", "in"), Expect.BOTH_REJECT),
        c("sms", sms().with("segments", 0), Expect.BOTH_REJECT),
        c("sms", sms().with("status", "sent"), Expect.BOTH_REJECT),
        c("sms", sms().without("sent_at"), Expect.BOTH_REJECT));
  }

  private static Arguments c(String kind, EventJson json, Expect expect) {
    return Arguments.of(kind, json.json(), expect);
  }

  @ParameterizedTest(name = "{0} {2}: {1}")
  @MethodSource("cases")
  void schemaAndParserAgree(String kind, String json, Expect expect) {
    JsonSchema schema =
        FACTORY.getSchema(
            SchemaLocation.of("https://hotline.example/schemas/" + kind + ".schema.json"));
    boolean schemaAccepts = schema.validate(json, InputFormat.JSON).isEmpty();
    boolean parserAccepts =
        EventParser.standard()
            .parse(EventKind.ofCode(kind).orElseThrow(), json.getBytes(StandardCharsets.UTF_8))
            .isValid();

    assertThat(schemaAccepts).as("schema accepts").isEqualTo(expect != Expect.BOTH_REJECT);
    assertThat(parserAccepts).as("parser accepts").isEqualTo(expect == Expect.BOTH_ACCEPT);
  }
}
