package io.hotline.schemas.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test factory for contract events as JSON text: start from a named, valid event and change the one
 * field a test is about, e.g. {@code EventJson.answeredCall().with("line", "12345").json()}.
 */
public final class EventJson {
  /** A Friday morning in Nanjing, the instant most test calls start from. */
  public static final String BEGINNING = "2025-03-14T09:00:00.000+08:00";

  public static final String TEN_SECONDS_LATER = "2025-03-14T09:00:10.000+08:00";
  public static final String TWENTY_SECONDS_LATER = "2025-03-14T09:00:20.000+08:00";
  public static final String FIVE_MINUTES_LATER = "2025-03-14T09:05:00.000+08:00";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, Object> fields = new LinkedHashMap<>();

  private EventJson() {}

  /** A call queued at BEGINNING+10 s, answered at +20 s, ended at +5 min. */
  public static EventJson answeredCall() {
    return new EventJson()
        .with("call_id", "c-0001")
        .with("line", "12333")
        .with("center", "320100")
        .with("caller", "13800000000")
        .with("arrived_at", BEGINNING)
        .with("queued_at", TEN_SECONDS_LATER)
        .with("answered_at", TWENTY_SECONDS_LATER)
        .with("ended_at", FIVE_MINUTES_LATER)
        .with("end_reason", "completed")
        .with("queue", "pension")
        .with("agent_id", "10543")
        .with("topic", "1402")
        .with("satisfaction", 1)
        .with("recording_id", "r-0001");
  }

  /** A caller who queued at BEGINNING+10 s and hung up at +20 s. */
  public static EventJson abandonedCall() {
    return answeredCall()
        .with("call_id", "c-0002")
        .with("answered_at", null)
        .with("ended_at", TWENTY_SECONDS_LATER)
        .with("end_reason", "caller_hangup")
        .without("agent_id")
        .without("topic")
        .with("satisfaction", null)
        .with("recording_id", null);
  }

  /** A call served by the IVR alone. */
  public static EventJson ivrOnlyCall() {
    return abandonedCall()
        .with("call_id", "c-0003")
        .with("queued_at", null)
        .with("end_reason", "completed");
  }

  public static EventJson recording() {
    return new EventJson()
        .with("recording_id", "r-0001")
        .with("call_id", "c-0001")
        .with("center", "320100")
        .with("agent_id", "10543")
        .with("started_at", TWENTY_SECONDS_LATER)
        .with("duration_ms", 280_000)
        .with("uri", "recordings/320100/2025/03/14/r-0001.wav")
        .with("codec", "wav/pcm16/8k")
        .with("bytes", 4_480_000)
        .with("sha256", "ab".repeat(32));
  }

  public static EventJson sms() {
    return new EventJson()
        .with("sms_id", "s-0001")
        .with("line", "12333")
        .with("center", "320100")
        .with("direction", "mo")
        .with("sent_at", BEGINNING)
        .with("segments", 1)
        .with("status", "delivered");
  }

  /** Sets a field; {@code null} writes JSON null. */
  public EventJson with(String field, Object value) {
    fields.put(field, value);
    return this;
  }

  public EventJson without(String field) {
    fields.remove(field);
    return this;
  }

  public String json() {
    try {
      return MAPPER.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return json();
  }
}
