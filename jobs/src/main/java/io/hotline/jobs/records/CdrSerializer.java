package io.hotline.jobs.records;

import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EndReason;
import io.hotline.schemas.events.Line;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link Cdr} between the ingest job's operators: one mask of the fields present, ids and
 * codes as UTF-8 bytes (for the ASCII they nearly always are, one array copy each way), instants as
 * seconds and nanoseconds, enums as their ordinal. Flink's serializer for records wrote each String
 * a character at a time, behind a null flag per field.
 *
 * <p>Only for calls in flight between operators, never for keyed state, so a new {@code Cdr} field
 * or enum constant needs no migration (as long as unaligned checkpoints, which would store calls in
 * flight, stay off). UTF-8 gives back the same String because the parser refuses text with an
 * unpaired surrogate; ids are hashed into buckets on both sides of a shuffle, so they must.
 */
public final class CdrSerializer extends TypeSerializerSingleton<Cdr> {
  private static final long serialVersionUID = 1L;

  public static final CdrSerializer INSTANCE = new CdrSerializer();

  private static final Line[] LINES = Line.values();
  private static final EndReason[] END_REASONS = EndReason.values();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public Cdr createInstance() {
    return null;
  }

  @Override
  public Cdr copy(Cdr from) {
    return from;
  }

  @Override
  public Cdr copy(Cdr from, Cdr reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(Cdr c, DataOutputView out) throws IOException {
    out.writeShort(presentFields(c));
    writeString(c.callId(), out);
    if (c.line() != null) {
      out.writeByte(c.line().ordinal());
    }
    writeString(c.center(), out);
    writeString(c.caller(), out);
    writeInstant(c.arrivedAt(), out);
    writeInstant(c.queuedAt(), out);
    writeInstant(c.answeredAt(), out);
    writeInstant(c.endedAt(), out);
    if (c.endReason() != null) {
      out.writeByte(c.endReason().ordinal());
    }
    writeString(c.queue(), out);
    writeString(c.agentId(), out);
    writeString(c.topic(), out);
    if (c.satisfaction() != null) {
      out.writeInt(c.satisfaction());
    }
    writeString(c.recordingId(), out);
  }

  @Override
  public Cdr deserialize(DataInputView in) throws IOException {
    int present = in.readShort();
    return new Cdr(
        has(present, 0) ? readString(in) : null,
        has(present, 1) ? LINES[in.readByte()] : null,
        has(present, 2) ? readString(in) : null,
        has(present, 3) ? readString(in) : null,
        has(present, 4) ? readInstant(in) : null,
        has(present, 5) ? readInstant(in) : null,
        has(present, 6) ? readInstant(in) : null,
        has(present, 7) ? readInstant(in) : null,
        has(present, 8) ? END_REASONS[in.readByte()] : null,
        has(present, 9) ? readString(in) : null,
        has(present, 10) ? readString(in) : null,
        has(present, 11) ? readString(in) : null,
        has(present, 12) ? Integer.valueOf(in.readInt()) : null,
        has(present, 13) ? readString(in) : null);
  }

  @Override
  public Cdr deserialize(Cdr reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  /** Bit i set when the record's i-th component is not null, in declaration order. */
  private static int presentFields(Cdr c) {
    return bit(c.callId(), 0)
        | bit(c.line(), 1)
        | bit(c.center(), 2)
        | bit(c.caller(), 3)
        | bit(c.arrivedAt(), 4)
        | bit(c.queuedAt(), 5)
        | bit(c.answeredAt(), 6)
        | bit(c.endedAt(), 7)
        | bit(c.endReason(), 8)
        | bit(c.queue(), 9)
        | bit(c.agentId(), 10)
        | bit(c.topic(), 11)
        | bit(c.satisfaction(), 12)
        | bit(c.recordingId(), 13);
  }

  private static int bit(Object field, int index) {
    return field == null ? 0 : 1 << index;
  }

  private static boolean has(int present, int field) {
    return (present & (1 << field)) != 0;
  }

  private static void writeString(String s, DataOutputView out) throws IOException {
    if (s != null) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  private static String readString(DataInputView in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void writeInstant(Instant t, DataOutputView out) throws IOException {
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  private static Instant readInstant(DataInputView in) throws IOException {
    long seconds = in.readLong();
    return Instant.ofEpochSecond(seconds, in.readInt());
  }

  @Override
  public TypeSerializerSnapshot<Cdr> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Lets Flink check that a restored job reads calls the same way. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Cdr> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
