package io.hotline.launcher.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.launcher.Hotline;
import io.hotline.launcher.UserError;
import io.hotline.launcher.stack.StackState;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code hotline simulate} command: determinism of its files, and its argument checks. */
class SimulateCommandTest {
  private static final String[] SMALL_RUN = {
    "simulate", "--centers", "320100,320900", "--from", "2025-03-14", "--to", "2025-03-16"
  };

  @TempDir Path tmp;

  @Test
  void sameArgumentsAndSeedGiveByteIdenticalFiles() throws IOException {
    Path a = simulate(tmp.resolve("a"), "--seed", "42");
    Path b = simulate(tmp.resolve("b"), "--seed", "42");
    for (EventKind kind : EventKind.values()) {
      Path fileA = FileEventSink.fileOf(a, kind);
      assertThat(Files.size(fileA)).as(kind.code()).isPositive();
      assertThat(Files.mismatch(fileA, FileEventSink.fileOf(b, kind)))
          .as(kind.code())
          .isEqualTo(-1);
    }
  }

  @Test
  void anotherSeedGivesOtherTraffic() throws IOException {
    Path a = simulate(tmp.resolve("a"), "--seed", "42");
    Path b = simulate(tmp.resolve("b"), "--seed", "43");
    for (EventKind kind : EventKind.values()) {
      assertThat(Files.mismatch(FileEventSink.fileOf(a, kind), FileEventSink.fileOf(b, kind)))
          .as(kind.code())
          .isNotEqualTo(-1);
    }
  }

  @Test
  void outputDoesNotDependOnThreadsEvenWithFaults() throws IOException {
    String faults = "duplicate=0.01,malformed=0.01,invariant=0.01,late=0.01";
    Path one = simulate(tmp.resolve("one"), "--seed", "5", "--threads", "1", "--faults", faults);
    Path two = simulate(tmp.resolve("two"), "--seed", "5", "--threads", "2", "--faults", faults);
    for (EventKind kind : EventKind.values()) {
      assertThat(Files.mismatch(FileEventSink.fileOf(one, kind), FileEventSink.fileOf(two, kind)))
          .as(kind.code())
          .isEqualTo(-1);
    }
  }

  @Test
  void writesOneJsonObjectPerLineAndReportsCountsAndSpeed() throws IOException {
    Path dir = tmp.resolve("out");
    Result r = hotline(args("--seed", "1", "--out", dir.toString()));
    assertThat(r.exitCode).isZero();
    List<String> cdr = Files.readAllLines(FileEventSink.fileOf(dir, EventKind.CDR));
    assertThat(cdr).isNotEmpty().allMatch(l -> l.startsWith("{\"call_id\":\"") && l.endsWith("}"));
    assertThat(r.err)
        .contains("cdr", "recording", "sms", "events/s")
        .contains(String.format("%,d", cdr.size()));
  }

  @Test
  void userErrorsAreOneSentenceWithExitCodeTwo() {
    Result r =
        hotline(
            "simulate",
            "--centers",
            "999999",
            "--from",
            "2025-03-14",
            "--to",
            "2025-03-14",
            "--seed",
            "1",
            "--out",
            tmp.toString());
    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err.strip())
        .startsWith("hotline: unknown centre code '999999'")
        .doesNotContain("\n");
  }

  @Test
  void fromAfterToIsRefused() {
    assertThat(errorOf("--from", "2025-03-15", "--to", "2025-03-14", "--scale", "city"))
        .isEqualTo("--from 2025-03-15 is after --to 2025-03-14.");
  }

  @Test
  void badDatesScalesAndCodesAreRefused() {
    assertThat(errorOf("--from", "14.3.2025", "--to", "2025-03-14", "--scale", "city"))
        .isEqualTo("--from must be a date like 2025-03-14, not '14.3.2025'.");
    assertThat(errorOf("--from", "2025-03-14", "--to", "2025-03-14", "--scale", "county"))
        .isEqualTo("--scale must be city, province or nation, not 'county'.");
    assertThat(errorOf("--from", "2025-03-14", "--to", "2025-03-14", "--centers", "000000"))
        .startsWith("000000 is the whole country");
    assertThat(errorOf("--from", "1999-03-14", "--to", "2025-03-14", "--scale", "city"))
        .startsWith("--from must be in the years 2000-2099");
  }

  @Test
  void centresAndScaleAndOutAndKafkaExcludeEachOther() {
    assertThat(
            errorOf(
                "--from",
                "2025-03-14",
                "--to",
                "2025-03-14",
                "--scale",
                "city",
                "--centers",
                "320100"))
        .startsWith("give either --centers CODES or --scale");
    assertThat(
            error("--from", "2025-03-14", "--to", "2025-03-14", "--scale", "city", "--seed", "1"))
        .isEqualTo("give one of --out DIR, --kafka or --clickhouse.");
    assertThat(
            error(
                "--from",
                "2025-03-14",
                "--to",
                "2025-03-14",
                "--scale",
                "city",
                "--seed",
                "1",
                "--out",
                "x",
                "--bootstrap",
                "h:1"))
        .isEqualTo("--bootstrap only applies with --kafka.");
  }

  @Test
  void clickHouseOptionsOnlyApplyWithClickHouse() {
    assertThat(
            error(
                "--from",
                "2025-03-14",
                "--to",
                "2025-03-14",
                "--scale",
                "city",
                "--seed",
                "1",
                "--out",
                "x",
                "--clickhouse"))
        .isEqualTo("give one of --out DIR, --kafka or --clickhouse.");
    assertThat(
            error(
                "--from",
                "2025-03-14",
                "--to",
                "2025-03-14",
                "--scale",
                "city",
                "--seed",
                "1",
                "--kafka",
                "--database",
                "bench"))
        .isEqualTo("--clickhouse-url and --database only apply with --clickhouse.");
  }

  @Test
  void clickHouseDefaultsToTheStacksAndTakesAnotherUrlOrDatabase() {
    ClickHouseConfig stack =
        ClickHouseConfig.defaults().withUrl("http://127.0.0.1:28123").withDatabase("stackdb");
    new StackState(stack, KafkaConfig.defaults(), true, 1, 29000, true, 2, 29093).save(tmp);
    String[] base = {
      "--from",
      "2025-03-14",
      "--to",
      "2025-03-14",
      "--scale",
      "city",
      "--seed",
      "1",
      "--clickhouse",
      "--var",
      tmp.toString()
    };
    assertThat(parse(base).clickHouseConfig()).isEqualTo(stack);
    List<String> other = new ArrayList<>(List.of(base));
    other.addAll(List.of("--clickhouse-url", "http://10.0.0.5:8123", "--database", "bench_load"));
    assertThat(parse(other.toArray(String[]::new)).clickHouseConfig())
        .isEqualTo(stack.withUrl("http://10.0.0.5:8123").withDatabase("bench_load"));
    List<String> bad = new ArrayList<>(List.of(base));
    bad.addAll(List.of("--database", "bad-name"));
    assertThatThrownBy(() -> parse(bad.toArray(String[]::new)).clickHouseConfig())
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("clickhouse.database must be letters, digits and underscores");
  }

  @Test
  void faultSpecificationsAreChecked() {
    assertThat(
            errorOf(
                "--from",
                "2025-03-14",
                "--to",
                "2025-03-14",
                "--scale",
                "city",
                "--faults",
                "dup=0.1"))
        .startsWith("unknown fault kind 'dup'");
    assertThat(
            errorOf(
                "--from",
                "2025-03-14",
                "--to",
                "2025-03-14",
                "--scale",
                "city",
                "--faults",
                "late=2"))
        .isEqualTo("--faults late rate must be between 0 and 1, not 2.0.");
    assertThat(
            errorOf(
                "--from",
                "2025-03-14",
                "--to",
                "2025-03-14",
                "--scale",
                "city",
                "--faults",
                "late=0.6,duplicate=0.6"))
        .isEqualTo("--faults rates add up to more than 1.");
  }

  @Test
  void provinceCodesStandForTheirCities() {
    SimulateCommand cmd =
        parse(
            "--from",
            "2025-03-14",
            "--to",
            "2025-03-14",
            "--seed",
            "1",
            "--out",
            "x",
            "--centers",
            "320000,320100,660000");
    SimulationSpec spec = cmd.simulationSpec();
    assertThat(spec.centers()).hasSize(14).anyMatch(c -> c.code().equals("660000"));
    assertThat(spec.centers().stream().map(Center::code)).doesNotHaveDuplicates();
  }

  // ---- helpers ----

  private Path simulate(Path dir, String... extra) {
    List<String> all = new ArrayList<>(List.of(extra));
    all.addAll(List.of("--out", dir.toString()));
    Result r = hotline(args(all.toArray(String[]::new)));
    assertThat(r.exitCode).as(r.err).isZero();
    return dir;
  }

  private static String[] args(String... extra) {
    List<String> all = new ArrayList<>(List.of(SMALL_RUN));
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }

  private record Result(int exitCode, String err) {}

  /** Runs the real command line in-process and captures what it prints on stderr. */
  private static Result hotline(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Hotline.run(args);
      return new Result(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }

  private static SimulateCommand parse(String... args) {
    SimulateCommand cmd = new SimulateCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd;
  }

  /** The UserError message for arguments that have a seed and an output directory. */
  private static String errorOf(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--seed", "1", "--out", "unused"));
    return error(all.toArray(String[]::new));
  }

  private static String error(String... args) {
    SimulateCommand cmd = parse(args);
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(cmd::simulationSpec)
        .isInstanceOf(UserError.class)
        .satisfies(t -> thrown[0] = t);
    return thrown[0].getMessage();
  }
}
