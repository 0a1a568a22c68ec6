package io.hotline.jobs.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotline.jobs.records.Alert;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * An alert as the JSON message of the alert topic: the same fields as the {@code alerts} table. The
 * topic is written at least once, so a consumer keeps the latest message per {@code alert_id}
 * ({@code status} open, then cleared), as the table does.
 */
public final class AlertJson implements SerializationSchema<Alert> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public byte[] serialize(Alert a) {
    return toJson(a).getBytes(StandardCharsets.UTF_8);
  }

  public static String toJson(Alert a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("alert_id", a.alertId());
    n.put("center", a.center());
    n.put("province", a.province());
    n.put("rule", a.rule().code());
    n.put("subject", a.subject());
    n.put("status", a.isOpen() ? "open" : "cleared");
    n.put("opened_at", a.openedAt().toString());
    n.put("cleared_at", a.isOpen() ? null : a.clearedAt().toString());
    n.put("value", a.value());
    n.put("threshold", a.threshold());
    n.put("detail", a.detail());
    return n.toString();
  }
}
