package io.hotline.jobs.records;

import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallMeasures;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.Value;

/**
 * One valid call reduced to what the batch twin counts after parsing, in 44 bytes on the wire: the
 * 128-bit fingerprint of its id (to drop repeated deliveries), its group as a number, and its
 * {@link CallMeasures} as flags and two durations. Mutable and reused; a Flink {@link Value}, so it
 * is written field by field without Kryo or reflection.
 */
public final class PackedCall implements Value {
  private static final long serialVersionUID = 1L;

  private static final int IVR_ONLY = 1;
  private static final int OFFERED = 1 << 1;
  private static final int ANSWERED = 1 << 2;
  private static final int ABANDONED = 1 << 3;
  private static final int SHORT_ABANDONED = 1 << 4;
  private static final int OUT_OF_HOURS = 1 << 5;
  private static final int VOICEMAIL = 1 << 6;
  private static final int BLOCKED = 1 << 7;
  private static final int NAMES_RECORDING = 1 << 8;
  private static final int SATISFACTION_SHIFT = 9; // 0 = no answer, else 1..3

  public long idHigh;
  public long idLow;

  /** The group, as {@code Grouping.codeOf} numbers it. */
  public long group;

  private int flags;
  private long waitMs;
  private long talkMs;

  /** Sets every field from one call. */
  public PackedCall set(
      long idHigh,
      long idLow,
      long group,
      CallMeasures m,
      Integer satisfaction,
      boolean namesRecording) {
    this.idHigh = idHigh;
    this.idLow = idLow;
    this.group = group;
    int f = 0;
    f |= m.ivrOnly() ? IVR_ONLY : 0;
    f |= m.offered() ? OFFERED : 0;
    f |= m.answered() ? ANSWERED : 0;
    f |= m.abandoned() ? ABANDONED : 0;
    f |= m.shortAbandoned() ? SHORT_ABANDONED : 0;
    f |= m.outOfHours() ? OUT_OF_HOURS : 0;
    f |= m.voicemail() ? VOICEMAIL : 0;
    f |= m.blocked() ? BLOCKED : 0;
    f |= namesRecording ? NAMES_RECORDING : 0;
    f |= (satisfaction == null ? 0 : satisfaction) << SATISFACTION_SHIFT;
    this.flags = f;
    this.waitMs = m.waitMs() == null ? 0 : m.waitMs();
    this.talkMs = m.talkMs() == null ? 0 : m.talkMs();
    return this;
  }

  /** Adds the call to a group's components, through the one definition in {@link CallCounts}. */
  public void addTo(CallCounts counts) {
    boolean offered = (flags & OFFERED) != 0;
    boolean answered = (flags & ANSWERED) != 0;
    CallMeasures m =
        new CallMeasures(
            null, // the instant is only needed to find the group, which is known
            (flags & IVR_ONLY) != 0,
            offered,
            answered,
            (flags & ABANDONED) != 0,
            (flags & SHORT_ABANDONED) != 0,
            offered ? waitMs : null,
            answered ? talkMs : null,
            (flags & OUT_OF_HOURS) != 0,
            (flags & VOICEMAIL) != 0,
            (flags & BLOCKED) != 0);
    int satisfaction = flags >>> SATISFACTION_SHIFT;
    counts.add(m, satisfaction == 0 ? null : satisfaction, (flags & NAMES_RECORDING) != 0);
  }

  @Override
  public void write(DataOutputView out) throws IOException {
    out.writeLong(idHigh);
    out.writeLong(idLow);
    out.writeLong(group);
    out.writeInt(flags);
    out.writeLong(waitMs);
    out.writeLong(talkMs);
  }

  @Override
  public void read(DataInputView in) throws IOException {
    idHigh = in.readLong();
    idLow = in.readLong();
    group = in.readLong();
    flags = in.readInt();
    waitMs = in.readLong();
    talkMs = in.readLong();
  }
}
