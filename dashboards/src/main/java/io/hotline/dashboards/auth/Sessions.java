package io.hotline.dashboards.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in sessions: an unguessable token (256 random bits) in an HttpOnly, SameSite=Strict
 * cookie, mapped to the user on the server, expiring after a fixed time.
 */
public final class Sessions {
  public static final String COOKIE = "hotline_session";

  private record Session(User user, Instant expires) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byToken = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final Clock clock;

  public Sessions(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  public String open(User user) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    byToken.put(token, new Session(user, clock.instant().plus(ttl)));
    return token;
  }

  public Optional<User> user(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session s = byToken.get(token);
    if (s == null) {
      return Optional.empty();
    }
    if (clock.instant().isAfter(s.expires())) {
      byToken.remove(token);
      return Optional.empty();
    }
    return Optional.of(s.user());
  }

  public void close(String token) {
    if (token != null) {
      byToken.remove(token);
    }
  }

  /** The Set-Cookie value for a session. */
  public String cookie(String token, boolean secure) {
    return COOKIE
        + "="
        + token
        + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
        + ttl.toSeconds()
        + (secure ? "; Secure" : "");
  }
}
