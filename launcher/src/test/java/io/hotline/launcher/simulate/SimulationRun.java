package io.hotline.launcher.simulate;

import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.reference.Regions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Test helper: runs a small simulation in memory and keeps every emitted line, by type. */
final class SimulationRun implements EventSink {
  final List<String> cdr = new ArrayList<>();
  final List<String> recording = new ArrayList<>();
  final List<String> sms = new ArrayList<>();

  /** The Kafka key of every line, in the same order as the lines. */
  final Map<EventKind, List<String>> keys = new EnumMap<>(EventKind.class);

  SimulationStats stats;

  private SimulationRun() {}

  static SimulationRun of(String centers, String from, String to, long seed, FaultRates faults) {
    SimulationSpec spec =
        new SimulationSpec(
            LocalDate.parse(from),
            LocalDate.parse(to),
            Centers.ofCodes(centers, seed, Regions.standard()),
            seed,
            faults);
    SimulationRun run = new SimulationRun();
    try {
      run.stats = new Simulator(spec, 2).run(run);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return run;
  }

  static SimulationRun of(String centers, String from, String to, long seed) {
    return of(centers, from, to, seed, FaultRates.NONE);
  }

  List<String> lines(EventKind kind) {
    return switch (kind) {
      case CDR -> cdr;
      case RECORDING -> recording;
      case SMS -> sms;
    };
  }

  @Override
  public void write(EventKind kind, byte[] data, int start, int end, int keyStart, int keyEnd) {
    lines(kind).add(new String(data, start, end - start, StandardCharsets.UTF_8));
    keys.computeIfAbsent(kind, k -> new ArrayList<>())
        .add(new String(data, keyStart, keyEnd - keyStart, StandardCharsets.UTF_8));
  }

  @Override
  public void close() {}
}
