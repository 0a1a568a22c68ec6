package io.hotline.launcher.simulate;

import io.hotline.launcher.simulate.Demand.DayKind;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.events.Line;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates one centre's events for one day: Poisson arrivals on the three lines, the IVR, the
 * agent queues (12333 and 12370 share agents during service hours on working days; 12385 has its
 * own agents around the clock), the resulting CDRs and recordings, and the day's SMS traffic.
 * Everything is drawn from streams keyed by (seed, centre, day), so the output is the same on any
 * thread and in any company.
 */
final class CenterDay {
  private static final int[] LINES = {TopicMix.L12333, TopicMix.L12370, TopicMix.L12385};
  private static final byte[][] LINE_NUMBERS = {
    ascii(Line.L12333.number()), ascii(Line.L12370.number()), ascii(Line.L12385.number())
  };

  // Caller behaviour per line (12333, 12370, 12385).
  private static final double[] ASKS_FOR_AGENT = {0.78, 0.85, 0.90};
  private static final double[] MENU_MEAN_S = {30, 25, 15};
  private static final double[] PATIENCE_MEAN_S = {80, 80, 110};
  private static final double[] TALK_MEAN_S = {180, 150, 240};
  private static final double TALK_SIGMA = 0.55;
  private static final double IVR_ONLY_MEAN_S = 80;
  private static final double IVR_COMPLETED = 0.75;
  private static final double LEAVES_VOICEMAIL = 0.30;
  private static final double TRANSFERRED = 0.06;
  private static final double SYSTEM_DROP = 0.005;
  private static final double RATES_CALL = 0.42;
  private static final double RECORDED = 0.97;
  private static final double CLASSIFIED = 0.97;
  private static final double MOBILE_CALLERS = 0.70;
  private static final int CALLERS_PER_BASE_CALL = 60;

  // SMS per base 12333 call on a working day.
  private static final double SMS_MO_PER_CALL = 0.06;
  private static final double SMS_NOTICES_PER_CALL = 0.12;
  private static final double SMS_REPLIED = 0.90;

  /** End reasons as written. */
  static final int COMPLETED = 0;

  static final int CALLER_HANGUP = 1;
  static final int TRANSFERRED_REASON = 2;
  static final int VOICEMAIL = 3;
  static final int OUT_OF_HOURS = 4;
  static final int BLOCKED = 5;
  static final int SYSTEM = 6;
  private static final byte[][] REASONS = {
    ascii("completed"),
    ascii("caller_hangup"),
    ascii("transferred"),
    ascii("voicemail"),
    ascii("out_of_hours"),
    ascii("blocked"),
    ascii("system")
  };

  private static final byte[] CDR_OPEN = ascii("{\"call_id\":\"");
  private static final byte[] K_LINE = ascii("\",\"line\":\"");
  private static final byte[] K_CENTER = ascii("\",\"center\":\"");
  private static final byte[] K_CALLER = ascii("\",\"caller\":\"");
  private static final byte[] K_ARRIVED = ascii("\",\"arrived_at\":");
  private static final byte[] K_QUEUED = ascii(",\"queued_at\":");
  private static final byte[] K_ANSWERED = ascii(",\"answered_at\":");
  private static final byte[] K_ENDED = ascii(",\"ended_at\":");
  private static final byte[] K_REASON = ascii(",\"end_reason\":\"");
  private static final byte[] K_QUEUE = ascii("\",\"queue\":\"");
  private static final byte[] K_AGENT = ascii("\",\"agent_id\":\"");
  private static final byte[] K_TOPIC = ascii("\",\"topic\":\"");
  private static final byte[] K_SATISFACTION = ascii("\",\"satisfaction\":");
  private static final byte[] K_RECORDING_ID = ascii(",\"recording_id\":");

  private static final byte[] REC_OPEN = ascii("{\"recording_id\":\"");
  private static final byte[] K_CALL_ID = ascii("\",\"call_id\":\"");
  private static final byte[] K_STARTED = ascii("\",\"started_at\":");
  private static final byte[] K_DURATION = ascii(",\"duration_ms\":");
  private static final byte[] K_URI = ascii(",\"uri\":\"");
  private static final byte[] K_CODEC = ascii(".wav\",\"codec\":\"wav/pcm16/8k\",\"bytes\":");
  private static final byte[] K_SHA = ascii(",\"sha256\":\"");
  private static final int PCM16_8K_BYTES_PER_SECOND = 16_000;

  private static final byte[] SMS_OPEN = ascii("{\"sms_id\":\"");
  private static final byte[] K_DIRECTION = ascii("\",\"direction\":\"");
  private static final byte[] K_SENT = ascii("\",\"sent_at\":");
  private static final byte[] K_SEGMENTS = ascii(",\"segments\":");
  private static final byte[] K_STATUS = ascii(",\"status\":\"");
  private static final byte[] MO = ascii("mo");
  private static final byte[] MT = ascii("mt");
  private static final byte[] DELIVERED = ascii("delivered");
  private static final byte[] FAILED = ascii("failed");
  private static final byte[] PENDING = ascii("pending");
  private static final byte[] CLOSE_STRING_OBJECT = ascii("\"}");

  private static final long SECOND = 1000;

  private final SimulationModel model;
  private final Center center;
  private final LocalDate day;
  private final long dayStart;
  private final int centerNumber;
  private final long epochDay;
  private final EventBuffer out;
  private final Faults faults;
  private final SplittableRandom content;
  private final TopicMix.Day[] mix = new TopicMix.Day[3];

  private final byte[] centerBytes;
  private final byte[][] callIdPrefix = new byte[3][];
  private final byte[] uriPrefix;
  private final byte[] smsIdPrefix;
  private final int areaCode;
  private final int callerPool;
  private final int rosterShift;

  /** One call through IVR and queue; times are epoch milliseconds, -1 when absent. */
  private static final class Call {
    final int line;
    final int seq;
    final long arrived;
    long requested = -1;
    long queued = -1;
    long answered = -1;
    long ended;
    long patience;
    int reason;
    int topic = -1;
    int agent = -1;
    int satisfaction;
    boolean recorded;
    boolean classified;
    int caller;

    Call(int line, int seq, long arrived) {
      this.line = line;
      this.seq = seq;
      this.arrived = arrived;
    }
  }

  private CenterDay(SimulationModel model, Center center, LocalDate day, EventBuffer out) {
    this.model = model;
    this.center = center;
    this.day = day;
    this.dayStart = ChinaTime.startOf(day).toEpochMilli();
    this.centerNumber = Integer.parseInt(center.code());
    this.epochDay = day.toEpochDay();
    long seed = model.seed();
    this.faults =
        new Faults(model.faults(), Rand.stream(seed, centerNumber, epochDay, Rand.FAULTS));
    this.content = Rand.stream(seed, centerNumber, epochDay, Rand.CONTENT);
    this.out = out;
    this.centerBytes = ascii(center.code());
    String date =
        String.format("%04d%02d%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    for (int line : LINES) {
      callIdPrefix[line] =
          ascii(center.code() + "-" + date + "-" + Line.values()[line].number() + "-");
    }
    this.uriPrefix =
        ascii(
            String.format(
                "recordings/%s/%04d/%02d/%02d/R",
                center.code(), day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
    this.smsIdPrefix = ascii("S" + center.code() + "-" + date + "-");
    this.areaCode = 100 + (int) Math.floorMod(Rand.hash(0, centerNumber, 3), 900);
    this.callerPool = Math.max(2000, center.base12333() * CALLERS_PER_BASE_CALL);
    int staff = Math.max(1, center.seats() - center.agents12385());
    this.rosterShift = (int) Math.floorMod(epochDay * 7, staff);
  }

  /**
   * The events of one centre on one day, written into {@code buffer} (emptied first) in generation
   * order; the writer sorts them by emission time.
   */
  static EventBuffer generate(
      SimulationModel model, Center center, LocalDate day, EventBuffer buffer) {
    buffer.reset();
    return new CenterDay(model, center, day, buffer).run();
  }

  /** A first guess of a centre-day's event count, so buffers seldom have to grow. */
  static int expectedEvents(Center center) {
    return (int) (center.base12333() * 2.5) + 64;
  }

  private EventBuffer run() {
    Demand demand = model.demand();
    DayKind kind = demand.kind(day);
    for (int line : LINES) {
      mix[line] = model.topics().forDay(line, center.provinceCode(), day);
    }
    long seed = model.seed();
    double base = center.base12333();
    List<Call> calls = new ArrayList<>((int) (base * 1.3) + 16);
    arrive(
        calls,
        TopicMix.L12333,
        Rand.stream(seed, centerNumber, epochDay, Rand.ARRIVALS_12333),
        base * demand.factor12333(day) * mix[TopicMix.L12333].volumeFactor(),
        demand.intraday12333(kind));
    arrive(
        calls,
        TopicMix.L12370,
        Rand.stream(seed, centerNumber, epochDay, Rand.ARRIVALS_12370),
        base * demand.factor12370(day) * mix[TopicMix.L12370].volumeFactor(),
        demand.intraday12333(kind));
    arrive(
        calls,
        TopicMix.L12385,
        Rand.stream(seed, centerNumber, epochDay, Rand.ARRIVALS_12385),
        base * demand.factor12385(day) * mix[TopicMix.L12385].volumeFactor(),
        demand.intraday12385());

    SplittableRandom r = Rand.stream(seed, centerNumber, epochDay, Rand.CALLS);
    for (Call call : calls) {
      throughIvr(call, r);
    }
    serveSharedQueue(calls, kind, r);
    serve12385(calls, r);
    for (Call call : calls) {
      writeCdr(call);
      if (call.recorded) {
        writeRecording(call);
      }
    }
    sms(Rand.stream(seed, centerNumber, epochDay, Rand.SMS), kind);
    return out;
  }

  // ---- calls ----

  /** A non-homogeneous Poisson process: a Poisson count per half-hour, uniform within it. */
  private void arrive(
      List<Call> calls, int line, SplittableRandom r, double expected, double[] profile) {
    int seq = 0;
    long[] times = new long[64];
    for (int slot = 0; slot < Demand.SLOTS; slot++) {
      int n = Rand.poisson(r, expected * profile[slot]);
      if (n > times.length) {
        times = new long[Math.max(n, times.length * 2)];
      }
      long slotStart = dayStart + slot * Demand.SLOT_MILLIS;
      for (int k = 0; k < n; k++) {
        times[k] = slotStart + r.nextLong(Demand.SLOT_MILLIS);
      }
      Arrays.sort(times, 0, n);
      for (int k = 0; k < n; k++) {
        calls.add(new Call(line, ++seq, times[k]));
      }
    }
  }

  /** The IVR menu: self-service only, or a request for an agent with a need and a patience. */
  private void throughIvr(Call call, SplittableRandom r) {
    int line = call.line;
    call.caller = r.nextInt(callerPool);
    if (r.nextDouble() >= ASKS_FOR_AGENT[line]) {
      call.ended = call.arrived + Math.max(5 * SECOND, ms(Rand.logNormal(r, IVR_ONLY_MEAN_S, 0.7)));
      call.reason = r.nextDouble() < IVR_COMPLETED ? COMPLETED : CALLER_HANGUP;
      return;
    }
    call.requested =
        call.arrived + Math.max(3 * SECOND, ms(Rand.logNormal(r, MENU_MEAN_S[line], 0.5)));
    call.topic = Rand.pick(r, mix[line].cumulative());
    call.patience = ms(Rand.exponential(r, PATIENCE_MEAN_S[line]));
  }

  /** 12333 and 12370 share one team of agents, on statutory working days in service hours. */
  private void serveSharedQueue(List<Call> calls, DayKind kind, SplittableRandom r) {
    List<Call> asking = new ArrayList<>();
    for (Call call : calls) {
      if (call.line != TopicMix.L12385 && call.requested >= 0) {
        asking.add(call);
      }
    }
    asking.sort(Comparator.comparingLong(c -> c.requested));
    AgentQueue[] sessions = new AgentQueue[Demand.AGENT_SESSIONS.length];
    int agents = center.agents12333();
    for (Call call : asking) {
      int s = kind == DayKind.WORKING ? sessionOf(call.requested - dayStart) : -1;
      if (s < 0) {
        outOfHours(call, r);
        continue;
      }
      if (sessions[s] == null) {
        long[] hours = Demand.AGENT_SESSIONS[s];
        sessions[s] =
            new AgentQueue(agents, 0, dayStart + hours[0], dayStart + hours[1], 3 + agents / 3);
      }
      serve(call, sessions[s], r);
    }
  }

  /** 12385 city centres answer 7×24 with their own small team. */
  private void serve12385(List<Call> calls, SplittableRandom r) {
    int agents = center.agents12385();
    AgentQueue queue =
        new AgentQueue(
            agents, center.agents12333(), dayStart, Long.MAX_VALUE, Math.max(6, 3 * agents));
    for (Call call : calls) {
      if (call.line == TopicMix.L12385 && call.requested >= 0) {
        serve(call, queue, r);
      }
    }
  }

  private static int sessionOf(long offset) {
    for (int s = 0; s < Demand.AGENT_SESSIONS.length; s++) {
      if (offset >= Demand.AGENT_SESSIONS[s][0] && offset < Demand.AGENT_SESSIONS[s][1]) {
        return s;
      }
    }
    return -1;
  }

  private void serve(Call call, AgentQueue queue, SplittableRandom r) {
    switch (queue.offer(call.requested, call.patience)) {
      case AgentQueue.ANSWERED -> answer(call, queue, r);
      case AgentQueue.ABANDONED -> {
        call.queued = call.requested;
        call.ended = call.requested + call.patience;
        call.reason = CALLER_HANGUP;
      }
      case AgentQueue.CLOSED -> {
        call.queued = call.requested;
        call.ended = queue.closesAt();
        call.reason = OUT_OF_HOURS;
      }
      default -> { // BLOCKED: never admitted to the queue, hears a busy announcement
        call.ended = call.requested + 3 * SECOND + r.nextLong(5 * SECOND);
        call.reason = BLOCKED;
      }
    }
  }

  private void answer(Call call, AgentQueue queue, SplittableRandom r) {
    call.queued = call.requested;
    call.answered = queue.answeredAt();
    call.agent = queue.agent();
    long talk = Math.max(15 * SECOND, ms(Rand.logNormal(r, TALK_MEAN_S[call.line], TALK_SIGMA)));
    double u = r.nextDouble();
    if (u < TRANSFERRED) {
      call.reason = TRANSFERRED_REASON;
    } else if (u < TRANSFERRED + SYSTEM_DROP) {
      call.reason = SYSTEM;
      talk = (long) (talk * (0.1 + 0.8 * r.nextDouble()));
    } else {
      call.reason = COMPLETED;
    }
    call.ended = call.answered + talk;
    // A short wrap-up before the agent takes the next caller.
    queue.release(call.agent, call.ended + 5 * SECOND + r.nextLong(25 * SECOND));
    if (call.reason == COMPLETED && r.nextDouble() < RATES_CALL) {
      call.satisfaction = satisfaction(r, call.answered - call.queued);
    }
    call.recorded = r.nextDouble() < RECORDED;
    call.classified = r.nextDouble() < CLASSIFIED;
  }

  /** Post-call survey: mostly satisfied, but a long wait makes 不满意 much more likely. */
  private static int satisfaction(SplittableRandom r, long waitMs) {
    double waitS = waitMs / 1000.0;
    double dissatisfied = 0.015 + Math.min(0.30, waitS / 500);
    double basic = 0.06 + Math.min(0.08, waitS / 2000);
    double u = r.nextDouble();
    return u < dissatisfied ? 3 : u < dissatisfied + basic ? 2 : 1;
  }

  /**
   * Outside agent hours a caller asking for an agent leaves a voicemail or is told to call back.
   */
  private void outOfHours(Call call, SplittableRandom r) {
    if (r.nextDouble() < LEAVES_VOICEMAIL) {
      call.ended =
          call.requested + 8 * SECOND + Math.max(3 * SECOND, ms(Rand.logNormal(r, 40, 0.5)));
      call.reason = VOICEMAIL;
    } else {
      call.ended = call.requested + 6 * SECOND + r.nextLong(14 * SECOND);
      call.reason = OUT_OF_HOURS;
    }
  }

  // ---- writing ----

  private void writeCdr(Call call) {
    int fault = faults.next();
    int i = out.begin(EventKind.CDR, call.ended);
    out.put(CDR_OPEN);
    out.markKeyStart(i);
    putCallId(call);
    out.markKeyEnd(i);
    out.put(K_LINE);
    out.put(LINE_NUMBERS[call.line]);
    out.put(K_CENTER);
    out.put(centerBytes);
    out.put(K_CALLER);
    putCaller(call.caller);
    long arrived = call.arrived;
    long queued = call.queued;
    long answered = call.answered;
    long ended = call.ended;
    if (fault == Faults.INVARIANT) {
      // Break the contract's time order the way buggy platforms do.
      if (answered >= 0) {
        answered = queued - faults.invariantShift();
      } else if (queued >= 0) {
        queued = arrived - faults.invariantShift();
      } else {
        ended = arrived - faults.invariantShift();
      }
    }
    out.put(K_ARRIVED);
    out.putTimestamp(arrived);
    out.put(K_QUEUED);
    putTimeOrNull(queued);
    out.put(K_ANSWERED);
    putTimeOrNull(answered);
    out.put(K_ENDED);
    out.putTimestamp(ended);
    out.put(K_REASON);
    out.put(REASONS[call.reason]);
    if (call.queued >= 0) {
      out.put(K_QUEUE);
      out.put(model.topics().queue(call.line, call.topic));
    }
    if (call.answered >= 0) {
      out.put(K_AGENT);
      out.putInt(agentNumber(call));
      if (call.classified) {
        out.put(K_TOPIC);
        out.put(model.topics().code(call.line, call.topic));
      }
    }
    out.put(K_SATISFACTION);
    if (call.satisfaction > 0) {
      out.put((byte) ('0' + call.satisfaction));
    } else {
      out.putNull();
    }
    out.put(K_RECORDING_ID);
    if (call.recorded) {
      out.put((byte) '"');
      out.put((byte) 'R');
      putCallId(call);
      out.put((byte) '"');
    } else {
      out.putNull();
    }
    out.put((byte) '}');
    out.finish(i);
    faults.apply(fault, out, i);
  }

  private void writeRecording(Call call) {
    int fault = faults.next();
    // The recorder posts its metadata a few seconds after the call, once the file is closed.
    long emit = call.ended + SECOND + content.nextLong(7 * SECOND);
    int i = out.begin(EventKind.RECORDING, emit);
    out.put(REC_OPEN);
    out.markKeyStart(i);
    out.put((byte) 'R');
    putCallId(call);
    out.markKeyEnd(i);
    out.put(K_CALL_ID);
    putCallId(call);
    out.put(K_CENTER);
    out.put(centerBytes);
    out.put(K_AGENT);
    out.putInt(agentNumber(call));
    out.put(K_STARTED);
    out.putTimestamp(call.answered);
    long duration = Math.max(0, call.ended - call.answered - content.nextInt(400));
    out.put(K_DURATION);
    out.putLong(fault == Faults.INVARIANT ? -duration : duration);
    out.put(K_URI);
    out.put(uriPrefix);
    putCallId(call);
    out.put(K_CODEC);
    out.putLong(duration * PCM16_8K_BYTES_PER_SECOND / 1000);
    out.put(K_SHA);
    for (int k = 0; k < 4; k++) {
      out.putHex(content.nextLong());
    }
    out.put(CLOSE_STRING_OBJECT);
    out.finish(i);
    faults.apply(fault, out, i);
  }

  private void putCallId(Call call) {
    out.put(callIdPrefix[call.line]);
    out.putPadded(call.seq, 6);
  }

  private void putTimeOrNull(long t) {
    if (t >= 0) {
      out.putTimestamp(t);
    } else {
      out.putNull();
    }
  }

  /** A fake but plausible number: a mobile (1[35789]x xxxx xxxx) or a local fixed line. */
  private void putCaller(int index) {
    long h = Rand.hash(model.seed(), centerNumber, index);
    if (Rand.unit(h) < MOBILE_CALLERS) {
      out.put((byte) '1');
      out.put((byte) "35789".charAt((int) ((h >>> 8) & 0xFFFF) % 5));
      out.putPadded((int) ((h >>> 24) % 1_000_000_000L), 9);
    } else {
      out.put((byte) '0');
      out.putPadded(areaCode, 3);
      out.putPadded(2_000_000 + (int) ((h >>> 24) % 7_000_000), 7);
    }
  }

  private int agentNumber(Call call) {
    int staff12333 = center.seats() - center.agents12385();
    if (call.agent < center.agents12333()) {
      // Rotas: a different part of the team is on duty each day.
      return center.agentNumber((call.agent + rosterShift) % staff12333);
    }
    return center.agentNumber(staff12333 + call.agent - center.agents12333());
  }

  // ---- SMS ----

  private void sms(SplittableRandom r, DayKind kind) {
    double base = center.base12333() * model.demand().factorSms(day);
    double[] profile = model.demand().intraday12385();
    int seq = 0;
    for (int slot = 0; slot < Demand.SLOTS; slot++) {
      int n = Rand.poisson(r, base * SMS_MO_PER_CALL * profile[slot]);
      long slotStart = dayStart + slot * Demand.SLOT_MILLIS;
      for (int k = 0; k < n; k++) {
        long sent = slotStart + r.nextLong(Demand.SLOT_MILLIS);
        double u = r.nextDouble();
        int line = u < 0.86 ? TopicMix.L12333 : u < 0.90 ? TopicMix.L12370 : TopicMix.L12385;
        writeSms(
            ++seq,
            line,
            true,
            sent,
            r.nextDouble() < 0.85 ? 1 : r.nextDouble() < 0.8 ? 2 : 3,
            DELIVERED);
        if (r.nextDouble() < SMS_REPLIED) {
          long reply = sent + 3 * SECOND + ms(Rand.logNormal(r, 40, 0.8));
          writeSms(++seq, line, false, reply, segments(r), mtStatus(r));
        }
      }
    }
    // Batch notifications (benefit paid, card ready) go out mid-morning and mid-afternoon.
    double notices =
        center.base12333() * SMS_NOTICES_PER_CALL * (kind == DayKind.WORKING ? 1.0 : 0.1);
    int n = Rand.poisson(r, notices);
    for (int k = 0; k < n; k++) {
      boolean morning = r.nextDouble() < 0.6;
      long from = dayStart + (morning ? 9 * 3600 : 15 * 3600) * SECOND;
      long span = (morning ? 150 : 90) * 60 * SECOND;
      int line = r.nextDouble() < 0.95 ? TopicMix.L12333 : TopicMix.L12370;
      writeSms(++seq, line, false, from + r.nextLong(span), segments(r), mtStatus(r));
    }
  }

  private static int segments(SplittableRandom r) {
    double u = r.nextDouble();
    return u < 0.5 ? 1 : u < 0.85 ? 2 : 3;
  }

  private static byte[] mtStatus(SplittableRandom r) {
    double u = r.nextDouble();
    return u < 0.965 ? DELIVERED : u < 0.985 ? FAILED : PENDING;
  }

  private void writeSms(int seq, int line, boolean mo, long sent, int segments, byte[] status) {
    int fault = faults.next();
    int i = out.begin(EventKind.SMS, sent);
    out.put(SMS_OPEN);
    out.markKeyStart(i);
    out.put(smsIdPrefix);
    out.putPadded(seq, 6);
    out.markKeyEnd(i);
    out.put(K_LINE);
    out.put(LINE_NUMBERS[line]);
    out.put(K_CENTER);
    out.put(centerBytes);
    out.put(K_DIRECTION);
    out.put(mo ? MO : MT);
    out.put(K_SENT);
    out.putTimestamp(sent);
    out.put(K_SEGMENTS);
    out.putLong(fault == Faults.INVARIANT ? 0 : segments);
    out.put(K_STATUS);
    out.put(status);
    out.put(CLOSE_STRING_OBJECT);
    out.finish(i);
    faults.apply(fault, out, i);
  }

  private static long ms(double seconds) {
    return (long) (seconds * 1000);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
