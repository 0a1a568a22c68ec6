package io.hotline.dashboards.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} failed logins for one user name, or {@link
 * #MAX_ADDRESS_FAILURES} from one address, within {@link #WINDOW}, further attempts are refused
 * until the window has passed. The address limit is higher because behind the organisation's proxy
 * many users share one address, and one guesser must not lock them all out.
 */
public final class LoginLimiter {
  public static final int MAX_FAILURES = 5;
  public static final int MAX_ADDRESS_FAILURES = 50;
  public static final Duration WINDOW = Duration.ofMinutes(15);

  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  public LoginLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Whether an attempt for this name from this address may be tried now. */
  public boolean allowed(String name, String address) {
    return recent("u:" + name) < MAX_FAILURES && recent("a:" + address) < MAX_ADDRESS_FAILURES;
  }

  public void failed(String name, String address) {
    add("u:" + name);
    add("a:" + address);
  }

  public void succeeded(String name) {
    failures.remove("u:" + name);
  }

  private void add(String key) {
    Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (d) {
      d.addLast(clock.instant());
    }
  }

  private int recent(String key) {
    Deque<Instant> d = failures.get(key);
    if (d == null) {
      return 0;
    }
    synchronized (d) {
      Instant cutoff = clock.instant().minus(WINDOW);
      while (!d.isEmpty() && d.peekFirst().isBefore(cutoff)) {
        d.removeFirst();
      }
      return d.size();
    }
  }
}
