package io.hotline.jobs.records;

import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallMeasures;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.Value;

/**
 * Up to {@link #CAPACITY} valid calls bound for one counting task of the batch twin, each reduced
 * to what is counted after parsing, in six numbers: the 128-bit fingerprint of its id (to drop
 * repeated deliveries), its group as a number, its {@link CallMeasures} as flags, and two
 * durations. Shipped as one record so that Flink's cost per record (serialising, choosing the
 * channel, deserialising by reflection) is paid once per batch, not once per call: that cost was a
 * fifth of the counting tasks' time. Mutable and reused; a Flink {@link Value}, written field by
 * field without Kryo or reflection.
 */
public final class PackedCalls implements Value {
  private static final long serialVersionUID = 1L;

  /** Calls in a full batch: 24 KiB, within one of Flink's 32 KiB network buffers. */
  public static final int CAPACITY = 512;

  private static final int WORDS = 6; // numbers per call
  private static final int ID_HIGH = 0;
  private static final int ID_LOW = 1;
  private static final int GROUP = 2;
  private static final int FLAGS = 3;
  private static final int WAIT_MS = 4;
  private static final int TALK_MS = 5;

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

  private int task;
  private int size;
  private long[] words = new long[CAPACITY * WORDS];

  /** An empty batch; Flink needs this one to read batches. */
  public PackedCalls() {}

  /** An empty batch for the counting task {@code task}. */
  public PackedCalls(int task) {
    this.task = task;
  }

  /** The counting task the batch is for. */
  public int task() {
    return task;
  }

  public int size() {
    return size;
  }

  public boolean isFull() {
    return size == CAPACITY;
  }

  /** Empties the batch, to be filled again after it was sent. */
  public void clear() {
    size = 0;
  }

  /** Appends one call. */
  public void add(
      long idHigh,
      long idLow,
      long group,
      CallMeasures m,
      Integer satisfaction,
      boolean namesRecording) {
    if (isFull()) {
      throw new IllegalStateException("a batch holds " + CAPACITY + " calls");
    }
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
    int at = size * WORDS;
    words[at + ID_HIGH] = idHigh;
    words[at + ID_LOW] = idLow;
    words[at + GROUP] = group;
    words[at + FLAGS] = f;
    words[at + WAIT_MS] = m.waitMs() == null ? 0 : m.waitMs();
    words[at + TALK_MS] = m.talkMs() == null ? 0 : m.talkMs();
    size++;
  }

  public long idHigh(int call) {
    return words[call * WORDS + ID_HIGH];
  }

  public long idLow(int call) {
    return words[call * WORDS + ID_LOW];
  }

  /** The group of a call, as {@code Grouping.codeOf} numbers it. */
  public long group(int call) {
    return words[call * WORDS + GROUP];
  }

  /** Adds a call to a group's components, through the one definition in {@link CallCounts}. */
  public void addTo(int call, CallCounts counts) {
    int at = call * WORDS;
    int flags = (int) words[at + FLAGS];
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
            offered ? words[at + WAIT_MS] : null,
            answered ? words[at + TALK_MS] : null,
            (flags & OUT_OF_HOURS) != 0,
            (flags & VOICEMAIL) != 0,
            (flags & BLOCKED) != 0);
    int satisfaction = flags >>> SATISFACTION_SHIFT;
    counts.add(m, satisfaction == 0 ? null : satisfaction, (flags & NAMES_RECORDING) != 0);
  }

  @Override
  public void write(DataOutputView out) throws IOException {
    out.writeInt(task);
    out.writeInt(size);
    for (int i = 0; i < size * WORDS; i++) {
      out.writeLong(words[i]);
    }
  }

  @Override
  public void read(DataInputView in) throws IOException {
    task = in.readInt();
    int n = in.readInt();
    if (n < 0 || n > CAPACITY) {
      throw new IOException("a batch of " + n + " calls; at most " + CAPACITY + " are sent");
    }
    size = n;
    for (int i = 0; i < size * WORDS; i++) {
      words[i] = in.readLong();
    }
  }
}
