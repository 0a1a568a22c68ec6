package io.hotline.launcher.simulate;

import io.hotline.schemas.events.EventKind;
import java.io.IOException;

/** Where simulated events go, in emission order: JSON-lines files or Kafka topics. */
public interface EventSink extends AutoCloseable {
  /**
   * Delivers one event: its JSON text is {@code data[start, end)} and its id (the Kafka key) is
   * {@code data[keyStart, keyEnd)}. The array is reused afterwards; copy what must be kept.
   */
  void write(EventKind kind, byte[] data, int start, int end, int keyStart, int keyEnd)
      throws IOException;

  /** Sends or writes everything still buffered and releases the resources. */
  @Override
  void close() throws IOException;
}
