package io.hotline.schemas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.schemas.local.ServerProcess.Readiness;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real child processes ({@code sleep}, {@code sh}) as stand-ins for a server. */
class ServerProcessTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(10);

  @TempDir Path dir;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void findsTheRecordedProcessWhileItIsAliveAndTrusted() throws Exception {
    Process sleeper = start("sleep", "60");
    ServerProcess server = recorded(sleeper);

    assertThat(server.find()).map(ProcessHandle::pid).contains(sleeper.pid());
    assertThat(server.isRunning()).isTrue();
    assertThat(server.pid()).hasValue(sleeper.pid());
    assertThat(new ServerProcess("test", server.pidFile(), p -> false).find()).isEmpty();

    sleeper.destroyForcibly().waitFor();
    assertThat(server.find()).isEmpty();
    assertThat(server.isRunning()).isFalse();
    assertThat(server.pid()).isEmpty();
  }

  @Test
  void aPidFileWithoutANumberRecordsNothing() throws IOException {
    ServerProcess server = new ServerProcess("test", dir.resolve("x.pid"), p -> true);
    Files.writeString(server.pidFile(), "not a pid\n");

    assertThat(server.find()).isEmpty();
    assertThat(server.stop(LONG)).isFalse();
    assertThat(server.pidFile()).doesNotExist();
  }

  @Test
  void stopEndsTheServerWithSigtermAndForgetsIt() throws Exception {
    Process sleeper = start("sleep", "60");
    ServerProcess server = recorded(sleeper);

    assertThat(server.stop(LONG)).isTrue();

    assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(sleeper.exitValue()).isEqualTo(128 + 15);
    assertThat(server.pidFile()).doesNotExist();
  }

  @Test
  void stopKillsAServerThatIgnoresSigterm() throws Exception {
    // SIG_IGN survives exec, so sleep itself ignores SIGTERM; "ready" says the trap is set.
    Process stubborn = start("sh", "-c", "trap '' TERM; echo ready; exec sleep 60");
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(stubborn.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("ready");
    }
    ServerProcess server = recorded(stubborn);

    assertThat(server.stop(Duration.ofMillis(300))).isTrue();

    assertThat(stubborn.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(stubborn.exitValue()).isEqualTo(128 + 9);
    assertThat(server.pidFile()).doesNotExist();
  }

  @Test
  void awaitReadyReturnsOnceTheServerAnswers() throws Exception {
    Process sleeper = start("sleep", "60");
    ServerProcess server = recorded(sleeper);
    int[] polls = {0};

    Readiness result =
        server.awaitReady(sleeper.toHandle(), sleeper, LONG, POLL, () -> ++polls[0] == 3);

    assertThat(result).isEqualTo(Readiness.READY);
    assertThat(polls[0]).isEqualTo(3);
    assertThat(sleeper.isAlive()).isTrue();
    assertThat(server.pidFile()).exists();
  }

  @Test
  void awaitReadyReportsAServerThatDiedAndForgetsIt() throws Exception {
    Process quitter = start("true");
    ServerProcess server = recorded(quitter);
    quitter.waitFor();

    assertThat(server.awaitReady(quitter.toHandle(), quitter, LONG, POLL, () -> false))
        .isEqualTo(Readiness.EXITED);
    assertThat(server.pidFile()).doesNotExist();
  }

  @Test
  void onTimeoutAServerStartedNowIsKilled() throws Exception {
    Process sleeper = start("sleep", "60");
    ServerProcess server = recorded(sleeper);

    assertThat(
            server.awaitReady(
                sleeper.toHandle(), sleeper, Duration.ofMillis(200), POLL, () -> false))
        .isEqualTo(Readiness.TIMED_OUT);

    assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(server.pidFile()).doesNotExist();
  }

  @Test
  void onTimeoutAServerOfAnEarlierCommandIsLeftAlone() throws Exception {
    Process sleeper = start("sleep", "60");
    ServerProcess server = recorded(sleeper);

    assertThat(
            server.awaitReady(sleeper.toHandle(), null, Duration.ofMillis(200), POLL, () -> false))
        .isEqualTo(Readiness.TIMED_OUT);

    assertThat(sleeper.isAlive()).isTrue();
    assertThat(server.find()).isPresent();
  }

  @Test
  void launchAppendsOutputAndErrorsToTheLogAndGivesNoInput() throws Exception {
    Path log = Files.writeString(dir.resolve("server.log"), "earlier run\n");
    // cat ends at once only when its input is empty rather than this JVM's.
    List<String> command = List.of("sh", "-c", "pwd; echo oops >&2; cat");

    Process p = ServerProcess.launch(command, dir, log, "sh");
    started.add(p);

    assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readAllLines(log))
        .containsExactly("earlier run", dir.toRealPath().toString(), "oops");
  }

  @Test
  void aCommandThatCannotStartIsNamed() {
    List<String> command = List.of(dir.resolve("no-such-server").toString());

    assertThatThrownBy(() -> ServerProcess.launch(command, dir, dir.resolve("log"), "the server"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot start the server: ");
  }

  @Test
  void aTakenPortIsRefusedWithWhatItIsFor() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> ServerProcess.requireFree("Kafka controller", "127.0.0.1", port))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "Kafka controller port "
                  + port
                  + " on 127.0.0.1 is already in use by another process: choose another port");
    }
  }

  @Test
  void portsOutsideTheTcpRangeAreRefused() {
    assertThat(ServerProcess.requirePort("Kafka port", 65535)).isEqualTo(65535);
    assertThatThrownBy(() -> ServerProcess.requirePort("Kafka port", 65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Kafka port must be between 1 and 65535, got 65536");
  }

  @Test
  void lastLinesShowTheEndOfTheFirstNonEmptyLog() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.log"));
    Path log = dir.resolve("server.log");
    Files.write(log, IntStream.rangeClosed(1, 7).mapToObj(i -> "line " + i).toList());

    assertThat(ServerProcess.lastLines(List.of(dir.resolve("absent.log"), empty, log), l -> false))
        .isEqualTo(":\n  line 3\n  line 4\n  line 5\n  line 6\n  line 7");
    assertThat(ServerProcess.lastLines(List.of(empty), l -> false)).isEmpty();
  }

  @Test
  void lastLinesPreferTheChosenLinesWhenThereAreAny() throws IOException {
    Path log = dir.resolve("server.log");
    Files.write(log, List.of("INFO a", "ERROR b", "INFO c", "ERROR d", "INFO e"));

    assertThat(ServerProcess.lastLines(List.of(log), l -> l.startsWith("ERROR")))
        .isEqualTo(":\n  ERROR b\n  ERROR d");
  }

  private Process start(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    started.add(p);
    return p;
  }

  /** A server whose pid file records {@code p}, trusting any live process with that pid. */
  private ServerProcess recorded(Process p) {
    ServerProcess server = new ServerProcess("test", dir.resolve("test.pid"), any -> true);
    server.writePid(p.pid());
    return server;
  }
}
