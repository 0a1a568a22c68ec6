package io.hotline.jobs.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.testing.CallFactory;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventParser;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CdrSerializerTest {
  private static final CdrSerializer SERIALIZER = CdrSerializer.INSTANCE;

  /**
   * Simulated calls of every outcome, and one with non-ASCII text and every optional field empty.
   */
  private static List<Cdr> calls() {
    List<Cdr> calls = new ArrayList<>();
    for (String line : CallFactory.calls(500, 11)) {
      calls.add(EventParser.standard().parseCdr(line).event());
    }
    Cdr first = calls.get(0);
    calls.add(
        new Cdr(
            "通话-1",
            first.line(),
            first.center(),
            null,
            first.arrivedAt(),
            null,
            null,
            first.endedAt().plusNanos(123_456_789),
            first.endReason(),
            "队列·甲",
            null,
            null,
            null,
            null));
    return calls;
  }

  @Test
  void everyCallReadsBackEqualOneAfterAnother() throws Exception {
    List<Cdr> calls = calls();
    DataOutputSerializer out = new DataOutputSerializer(1024);
    for (Cdr c : calls) {
      SERIALIZER.serialize(c, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
    List<Cdr> read = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      read.add(SERIALIZER.deserialize(in));
    }

    assertThat(read).isEqualTo(calls);
    assertThat(in.available()).isZero();
    assertThat(calls).extracting(Cdr::answeredAt).containsNull();
  }

  @Test
  void copyingTheBytesGivesTheSameBytes() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(1024);
    for (Cdr c : calls()) {
      SERIALIZER.serialize(c, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
    DataOutputSerializer copy = new DataOutputSerializer(1024);
    while (in.available() > 0) {
      SERIALIZER.copy(in, copy);
    }

    assertThat(copy.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
  }

  @Test
  void aSnapshotRestoresTheSameSerializer() throws Exception {
    TypeSerializerSnapshot<Cdr> snapshot = SERIALIZER.snapshotConfiguration();
    DataOutputSerializer out = new DataOutputSerializer(64);
    snapshot.writeSnapshot(out);
    TypeSerializerSnapshot<Cdr> read = new CdrSerializer.Snapshot();
    read.readSnapshot(
        snapshot.getCurrentVersion(),
        new DataInputDeserializer(out.getCopyOfBuffer()),
        getClass().getClassLoader());

    assertThat(read.restoreSerializer()).isSameAs(SERIALIZER);
    assertThat(read.resolveSchemaCompatibility(snapshot).isCompatibleAsIs()).isTrue();
  }
}
