package io.hotline.jobs.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotline.jobs.records.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** A dead letter as the JSON message of the dead-letter topic. */
public final class DeadLetterJson implements SerializationSchema<DeadLetter> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public byte[] serialize(DeadLetter d) {
    return toJson(d).getBytes(StandardCharsets.UTF_8);
  }

  /** The same JSON the batch twin writes to its dead-letter file, one object per line. */
  public static String toJson(DeadLetter d) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", d.kind() == null ? "unknown" : d.kind().code());
    n.put("source", d.origin().source());
    n.put("partition", d.origin().partition());
    n.put("offset", d.origin().offset());
    n.put("field", d.field());
    n.put("reason", d.reason());
    n.put("raw", d.rawMasked());
    n.put("received_at", d.receivedAt().toString());
    return n.toString();
  }
}
