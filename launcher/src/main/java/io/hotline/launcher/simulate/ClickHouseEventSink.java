package io.hotline.launcher.simulate;

import io.hotline.jobs.clickhouse.CallRows;
import io.hotline.jobs.clickhouse.DeadLetterRows;
import io.hotline.jobs.clickhouse.RecordingRows;
import io.hotline.jobs.clickhouse.SmsRows;
import io.hotline.jobs.clickhouse.TableRows;
import io.hotline.jobs.functions.RecordParser;
import io.hotline.jobs.privacy.CallerPseudonymizer;
import io.hotline.jobs.records.DeadLetter;
import io.hotline.jobs.records.IngestRecord;
import io.hotline.jobs.records.Origin;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.TsvRow;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.events.Sms;
import io.hotline.schemas.metrics.CallMeasures;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads events straight into ClickHouse's {@code calls}, {@code recordings}, {@code sms} and {@code
 * dead_letters}, bypassing Kafka and Flink: for loading history and for benchmarks over realistic
 * volume, where the ingest job's ~30k records/s would take hours.
 *
 * <p>Each event goes through the ingest job's own {@link RecordParser} (the shared event parser,
 * the caller pseudonymised with the given secret, refused records masked into dead letters) and
 * becomes a row through the job's own row writers, so the rows are the ones the job writes: same
 * columns, version 1, never flagged late (a bulk load has no event-time windows, so nothing is
 * late). Repeated deliveries are not dropped here but written again with identical content and
 * version, which {@code FINAL} reads as one row, as it does for the job's replays; loading the same
 * simulation twice therefore changes no {@code FINAL} count either.
 *
 * <p>Events are copied into batches on the simulator's thread; a few workers each parse a whole
 * batch into TabSeparated text and insert it, so parsing one batch overlaps inserting another.
 * Large inserts keep ClickHouse's part count (and merge work) low. A failed insert is retried; a
 * batch that cannot be written fails the load, which then reports how much was written.
 */
public final class ClickHouseEventSink implements EventSink {
  /** Events per batch: about 120k calls per insert, the size ClickHouse handles best. */
  public static final int DEFAULT_BATCH_EVENTS = 200_000;

  /** The {@code source} column of the rows loaded this way. */
  public static final String SOURCE = "simulate";

  private static final int INSERT_ATTEMPTS = 5;
  private static final long FIRST_BACKOFF_MS = 500;
  private static final EventKind[] KINDS = EventKind.values();

  private final ClickHouseHttp http;
  private final String callerSecret;
  private final String deadLetterSource;
  private final int batchEvents;
  private final ExecutorService workers;
  private final Semaphore slots;
  private final ThreadLocal<Worker> worker;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final long[] lineNumbers = new long[KINDS.length];
  private final long startNanos = System.nanoTime();
  private final Counts counts = new Counts();
  private Batch current;
  private boolean closed;

  /**
   * @param http where to insert; the tables must exist (migrations applied)
   * @param callerSecret the HMAC secret of caller pseudonyms, as the ingest job's
   * @param deadLetterSource names the input in dead letters, whose positions are the event's line
   *     number among the events of its type (as in the files {@code --out} writes), so the same
   *     simulation loaded again replaces its dead letters instead of adding them
   * @param threads workers parsing and inserting batches
   * @param batchEvents events per batch
   */
  public ClickHouseEventSink(
      ClickHouseHttp http,
      String callerSecret,
      String deadLetterSource,
      int threads,
      int batchEvents) {
    if (threads < 1 || batchEvents < 1) {
      throw new IllegalArgumentException("threads and batch size must be 1 or more");
    }
    // Fails here, before any work, when the secret is too short.
    new CallerPseudonymizer(callerSecret);
    this.http = http;
    this.callerSecret = callerSecret;
    this.deadLetterSource = deadLetterSource;
    this.batchEvents = batchEvents;
    this.workers = Executors.newFixedThreadPool(threads, namedThreads());
    // Batches being worked on plus one waiting: the simulator blocks beyond that, bounding memory.
    this.slots = new Semaphore(threads + 1);
    // A pseudonymizer holds a Mac, which is not thread-safe: one parser per worker thread.
    this.worker = ThreadLocal.withInitial(Worker::new);
    this.current = new Batch(batchEvents, 1 << 20);
  }

  @Override
  public void write(EventKind kind, byte[] data, int start, int end, int keyStart, int keyEnd)
      throws IOException {
    throwIfFailed();
    current.add(kind, data, start, end, ++lineNumbers[kind.ordinal()]);
    if (current.count == batchEvents) {
      submit(current);
      // Sized like the last one, so the next batch's bytes are not copied over and over growing.
      current = new Batch(batchEvents, current.size + current.size / 8);
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (current.count > 0 && failure.get() == null) {
        submit(current);
      }
      current = null;
      workers.shutdown();
      if (!workers.awaitTermination(1, TimeUnit.HOURS)) {
        throw new IOException("ClickHouse inserts did not finish within an hour");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for ClickHouse inserts", e);
    } finally {
      workers.shutdownNow();
      counts.nanos.set(System.nanoTime() - startNanos);
    }
    throwIfFailed();
  }

  /** Rows written so far (all of them once {@link #close} has returned normally). */
  public Counts counts() {
    return counts;
  }

  private void submit(Batch batch) throws IOException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a free ClickHouse insert", e);
    }
    workers.execute(
        () -> {
          try {
            if (failure.get() == null) {
              worker.get().load(batch);
            }
          } catch (Exception e) {
            failure.compareAndSet(null, e);
          } catch (Throwable t) {
            // Even an Error (out of memory) must fail the load, never lose a batch unreported.
            failure.compareAndSet(null, new IOException("a load worker failed: " + t, t));
            throw t;
          } finally {
            slots.release();
          }
        });
  }

  private void throwIfFailed() throws IOException {
    Exception e = failure.get();
    if (e != null) {
      throw new IOException(
          e.getMessage() + " (" + counts.summary().strip() + " before the failure)", e);
    }
  }

  private static ThreadFactory namedThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "clickhouse-load-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Raw events in emission order, copied out of the simulator's reused buffers. */
  private static final class Batch {
    private byte[] data;
    private int size;
    private final int[] ends;
    private final byte[] kinds;
    private final long[] lineNumbers;
    private int count;

    Batch(int capacity, int bytes) {
      data = new byte[bytes];
      ends = new int[capacity];
      kinds = new byte[capacity];
      lineNumbers = new long[capacity];
    }

    void add(EventKind kind, byte[] src, int start, int end, long lineNumber) {
      int length = end - start;
      if (size + length > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + length));
      }
      System.arraycopy(src, start, data, size, length);
      size += length;
      ends[count] = size;
      kinds[count] = (byte) kind.ordinal();
      lineNumbers[count++] = lineNumber;
    }
  }

  /**
   * One table's rows of a batch, as TabSeparated text. The buffer is kept from batch to batch:
   * grown anew each time, its copying cost a fifth of a worker's time.
   */
  private static final class Table<T> {
    final TableRows<T> rows;
    final StringBuilder text = new StringBuilder(1 << 20);
    long count;

    Table(TableRows<T> rows) {
      this.rows = rows;
    }

    void clear() {
      text.setLength(0);
      count = 0;
    }

    void add(T value) {
      TsvRow row = new TsvRow(text);
      rows.write(value, row);
      row.end();
      count++;
    }
  }

  /** A worker thread's parser and row buffers. */
  private final class Worker {
    private final RecordParser parser =
        new RecordParser(new CallerPseudonymizer(ClickHouseEventSink.this.callerSecret));
    private final String[] deadLetterSources = new String[KINDS.length];
    private final Table<Cdr> calls = new Table<>(new CallRows(SOURCE, false));
    private final Table<Recording> recordings = new Table<>(new RecordingRows(SOURCE));
    private final Table<Sms> sms = new Table<>(new SmsRows(SOURCE));
    private final Table<DeadLetter> deadLetters = new Table<>(new DeadLetterRows());

    Worker() {
      for (EventKind kind : KINDS) {
        deadLetterSources[kind.ordinal()] = deadLetterSource + "/" + kind.code() + ".jsonl";
      }
    }

    void load(Batch b) throws IOException, InterruptedException {
      calls.clear();
      recordings.clear();
      sms.clear();
      deadLetters.clear();
      Instant receivedAt = Instant.now();
      int start = 0;
      for (int i = 0; i < b.count; i++) {
        int k = b.kinds[i];
        byte[] utf8 = Arrays.copyOfRange(b.data, start, b.ends[i]);
        start = b.ends[i];
        IngestRecord r =
            parser.parse(
                KINDS[k], Origin.file(deadLetterSources[k], b.lineNumbers[i]), utf8, receivedAt);
        if (r.deadLetter() != null) {
          deadLetters.add(r.deadLetter());
        } else if (r.cdr() != null) {
          calls.add(r.cdr());
          counts.sawCallDay(ChinaTime.day(CallMeasures.countedAt(r.cdr())).toEpochDay());
        } else if (r.recording() != null) {
          recordings.add(r.recording());
        } else {
          sms.add(r.sms());
        }
      }
      // Dead letters last: a batch that fails half-way leaves no dead letter without its rows.
      insert(calls, counts.calls);
      insert(recordings, counts.recordings);
      insert(sms, counts.sms);
      insert(deadLetters, counts.deadLetters);
    }

    private void insert(Table<?> t, AtomicLong counter) throws IOException, InterruptedException {
      if (t.count == 0) {
        return;
      }
      String body = t.text.toString();
      long backoff = FIRST_BACKOFF_MS;
      for (int attempt = 1; ; attempt++) {
        try {
          // Retrying is safe: rows inserted twice have the same key and version, FINAL keeps one.
          http.insert(t.rows.table(), t.rows.columns(), body);
          break;
        } catch (IOException e) {
          if (attempt == INSERT_ATTEMPTS) {
            throw new IOException(
                "could not insert "
                    + t.count
                    + " rows into "
                    + t.rows.table()
                    + " after "
                    + attempt
                    + " attempts: "
                    + e.getMessage(),
                e);
          }
          Thread.sleep(backoff);
          backoff *= 2;
        }
      }
      counter.addAndGet(t.count);
      counts.inserts.incrementAndGet();
      counts.bytes.addAndGet(body.length());
    }
  }

  /** What a load wrote: rows per table, inserts, and how long it took. */
  public static final class Counts {
    final AtomicLong calls = new AtomicLong();
    final AtomicLong recordings = new AtomicLong();
    final AtomicLong sms = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();
    final AtomicLong inserts = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong nanos = new AtomicLong();
    final AtomicLong firstCallDay = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastCallDay = new AtomicLong(Long.MIN_VALUE);

    void sawCallDay(long epochDay) {
      if (epochDay < firstCallDay.get()) {
        firstCallDay.accumulateAndGet(epochDay, Math::min);
      }
      if (epochDay > lastCallDay.get()) {
        lastCallDay.accumulateAndGet(epochDay, Math::max);
      }
    }

    /**
     * The first and last day (China time) calls were counted on, empty if none was written. A call
     * that arrives just before midnight of the last simulated day is counted on the day after.
     */
    public Optional<LocalDate[]> callDays() {
      return calls() == 0
          ? Optional.empty()
          : Optional.of(
              new LocalDate[] {
                LocalDate.ofEpochDay(firstCallDay.get()), LocalDate.ofEpochDay(lastCallDay.get())
              });
    }

    public long calls() {
      return calls.get();
    }

    public long recordings() {
      return recordings.get();
    }

    public long sms() {
      return sms.get();
    }

    public long deadLetters() {
      return deadLetters.get();
    }

    public long rows() {
      return calls() + recordings() + sms() + deadLetters();
    }

    public double seconds() {
      return nanos.get() / 1e9;
    }

    /** The lines printed at the end of a load. */
    public String summary() {
      return String.format(
          Locale.ROOT,
          "clickhouse: %,d calls, %,d recordings, %,d sms, %,d dead letters%n"
              + "clickhouse: %,d rows (%,.1f MB of TabSeparated) in %,d inserts, %.1f s:"
              + " %,.0f rows/s%n",
          calls(),
          recordings(),
          sms(),
          deadLetters(),
          rows(),
          bytes.get() / 1e6,
          inserts.get(),
          seconds(),
          seconds() == 0 ? 0 : rows() / seconds());
    }
  }
}
