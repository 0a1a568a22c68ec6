package io.hotline.jobs.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.jobs.testing.CallFactory;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventParser;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallMeasures;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class PackedCallsTest {

  /** Every kind of call, packed, shipped and read back, adds to its counts as the call itself. */
  @Test
  void callsReadBackAddUpAsTheCallsThemselves() throws IOException {
    List<String> lines = CallFactory.calls(PackedCalls.CAPACITY, 7);
    CallCounts direct = new CallCounts();
    PackedCalls batch = new PackedCalls(3);
    for (int i = 0; i < lines.size(); i++) {
      Cdr c = EventParser.standard().parseCdr(lines.get(i)).event();
      direct.add(c);
      batch.add(i, -i, 42, CallMeasures.of(c), c.satisfaction(), c.recordingId() != null);
    }
    assertThat(batch.isFull()).isTrue();

    PackedCalls read = shipped(batch);

    assertThat(read.task()).isEqualTo(3);
    assertThat(read.size()).isEqualTo(PackedCalls.CAPACITY);
    CallCounts packed = new CallCounts();
    for (int i = 0; i < read.size(); i++) {
      assertThat(read.idHigh(i)).isEqualTo(i);
      assertThat(read.idLow(i)).isEqualTo(-i);
      assertThat(read.group(i)).isEqualTo(42);
      read.addTo(i, packed);
    }
    assertThat(packed).isEqualTo(direct);
    assertThat(direct.answered).isPositive();
    assertThat(direct.abandoned).isPositive();
    assertThat(direct.ivrOnly).isPositive();
  }

  /** A batch is refilled after it is sent; a reused one read again holds only the new calls. */
  @Test
  void aClearedBatchShipsOnlyWhatWasAddedSince() throws IOException {
    Cdr c = EventParser.standard().parseCdr(CallFactory.calls(1, 1).get(0)).event();
    PackedCalls batch = new PackedCalls(0);
    for (int i = 0; i < 10; i++) {
      batch.add(i, i, 1, CallMeasures.of(c), null, false);
    }
    PackedCalls reused = shipped(batch);
    batch.clear();
    batch.add(99, 99, 2, CallMeasures.of(c), null, false);

    DataOutputSerializer out = new DataOutputSerializer(64);
    batch.write(out);
    reused.read(new DataInputDeserializer(out.getCopyOfBuffer()));

    assertThat(reused.size()).isEqualTo(1);
    assertThat(reused.idHigh(0)).isEqualTo(99);
    assertThat(reused.group(0)).isEqualTo(2);
  }

  @Test
  void aFullBatchTakesNoMore_andABatchOfImpossibleSizeIsNotRead() throws IOException {
    Cdr c = EventParser.standard().parseCdr(CallFactory.calls(1, 1).get(0)).event();
    PackedCalls batch = new PackedCalls(0);
    for (int i = 0; i < PackedCalls.CAPACITY; i++) {
      batch.add(i, i, 1, CallMeasures.of(c), null, false);
    }
    assertThatThrownBy(() -> batch.add(0, 0, 1, CallMeasures.of(c), null, false))
        .isInstanceOf(IllegalStateException.class);

    DataOutputSerializer out = new DataOutputSerializer(16);
    out.writeInt(0);
    out.writeInt(PackedCalls.CAPACITY + 1);
    assertThatThrownBy(
            () -> new PackedCalls().read(new DataInputDeserializer(out.getCopyOfBuffer())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("513");
  }

  private static PackedCalls shipped(PackedCalls batch) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(1024);
    batch.write(out);
    PackedCalls read = new PackedCalls();
    read.read(new DataInputDeserializer(out.getCopyOfBuffer()));
    return read;
  }
}
