package io.hotline.schemas.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A local server run as a child process that outlives the JVM which started it, found again by
 * later commands through a pid file. Holds what the local ClickHouse and Kafka have in common:
 * recording and trusting the pid, waiting for readiness, stopping, and checks for ports and logs.
 */
public final class ServerProcess {

  /** How waiting for a server to become ready ended. */
  public enum Readiness {
    READY,
    /** The process died; its pid file is already deleted. */
    EXITED,
    /** The deadline passed; a process started by this JVM has been killed. */
    TIMED_OUT
  }

  /** How long a server that ignored SIGTERM gets to die after SIGKILL. */
  private static final Duration KILL_DEADLINE = Duration.ofSeconds(10);

  private static final int LAST_LINES = 5;

  private final String name;
  private final Path pidFile;
  private final Predicate<ProcessHandle> isThisServer;

  /**
   * A server named {@code name} in messages, whose pid is kept in {@code pidFile}.
   *
   * @param isThisServer whether a live process with the recorded pid really is this server
   */
  public ServerProcess(String name, Path pidFile, Predicate<ProcessHandle> isThisServer) {
    this.name = name;
    this.pidFile = pidFile;
    this.isThisServer = isThisServer;
  }

  public Path pidFile() {
    return pidFile;
  }

  /** The live process recorded in the pid file, if it is still this server. */
  public Optional<ProcessHandle> find() {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile).strip());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    // The pid may have been reused by an unrelated process since the server died.
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(isThisServer);
  }

  /** Whether the recorded server is alive. */
  public boolean isRunning() {
    return find().isPresent();
  }

  /** The pid of the recorded server while it is alive. */
  public OptionalLong pid() {
    return find().map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
  }

  /**
   * Starts {@code command} in {@code workDir}, its output and errors appended to {@code log} and
   * its input empty: a server must not hold on to this JVM's terminal, which goes away when the
   * command that started it ends, and appending keeps the output of earlier runs to compare.
   *
   * @param what what is started, for the message when it cannot be, e.g. {@code "java for Kafka"}
   */
  public static Process launch(List<String> command, Path workDir, Path log, String what) {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      return pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + what + ": " + e.getMessage(), e);
    }
  }

  /** Records the pid of a server just started, so later commands find it. */
  public void writePid(long pid) {
    try {
      Files.writeString(pidFile, pid + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + pidFile, e);
    }
  }

  /** Forgets the recorded pid. */
  public void deletePidFile() {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // A stale pid file is harmless: the pid is checked against the process before use.
    }
  }

  /**
   * Stops the recorded server: SIGTERM, so it can shut down cleanly, then SIGKILL if it has not
   * exited within {@code grace}. The pid file is deleted either way.
   *
   * @return whether a running server was stopped
   */
  public boolean stop(Duration grace) {
    Optional<ProcessHandle> server = find();
    if (server.isEmpty()) {
      deletePidFile();
      return false;
    }
    ProcessHandle p = server.get();
    p.destroy();
    if (!awaitExit(p, grace)) {
      p.destroyForcibly();
      awaitExit(p, KILL_DEADLINE);
    }
    deletePidFile();
    return true;
  }

  /**
   * Polls {@code ready} until it holds, the server dies or {@code deadline} passes. A server that
   * died has its pid file deleted; on timeout, {@code startedNow} (the process this JVM started, or
   * null for one started by an earlier command) is killed and its pid file deleted, while a server
   * of an earlier command is left alone, since it may only be slow.
   */
  public Readiness awaitReady(
      ProcessHandle server,
      Process startedNow,
      Duration deadline,
      Duration poll,
      BooleanSupplier ready) {
    Instant end = Instant.now().plus(deadline);
    while (Instant.now().isBefore(end)) {
      if (ready.getAsBoolean()) {
        return Readiness.READY;
      }
      if (!server.isAlive()) {
        deletePidFile();
        return Readiness.EXITED;
      }
      sleep(poll);
    }
    if (startedNow != null) {
      startedNow.destroyForcibly();
      deletePidFile();
    }
    return Readiness.TIMED_OUT;
  }

  /** Whether {@code p} exited within {@code deadline}. */
  private static boolean awaitExit(ProcessHandle p, Duration deadline) {
    try {
      p.onExit().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !p.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
  }

  /**
   * Fails when {@code port} on {@code host} is taken, so a server does not start only to die on a
   * bind error hidden in its log.
   *
   * @param what what the port is for, e.g. {@code "Kafka controller"}
   */
  public static void requireFree(String what, String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw new IllegalStateException(
          what
              + " port "
              + port
              + " on "
              + host
              + " is already in use by another process: choose another port");
    }
  }

  /** Returns {@code port} when it is a valid TCP port, else fails naming {@code what}. */
  public static int requirePort(String what, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + " must be between 1 and 65535, got " + port);
    }
    return port;
  }

  /**
   * The last few lines of the first non-empty log among {@code logs}, as an indented suffix for an
   * error message ({@code ":\n line\n line"}), or "" when there is none. Lines that pass {@code
   * preferred} are shown instead of the others when there are any, so that errors are not crowded
   * out by routine output.
   */
  public static String lastLines(List<Path> logs, Predicate<String> preferred) {
    for (Path log : logs) {
      try {
        if (Files.isRegularFile(log) && Files.size(log) > 0) {
          List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
          List<String> chosen = lines.stream().filter(preferred).toList();
          List<String> shown = chosen.isEmpty() ? lines : chosen;
          return ":\n  "
              + String.join(
                  "\n  ", shown.subList(Math.max(0, shown.size() - LAST_LINES), shown.size()));
        }
      } catch (IOException | UncheckedIOException e) {
        // The log is only a hint; the message already names the file.
      }
    }
    return "";
  }
}
