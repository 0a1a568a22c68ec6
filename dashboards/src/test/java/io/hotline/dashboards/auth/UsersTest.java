package io.hotline.dashboards.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.schemas.reference.Regions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Scopes, the users file's lines, sessions and the login limiter. */
class UsersTest {
  private static final String HASH = "$2a$12$abcdefghijklmnopqrstuuQ1yoVdC0p0wSGl2dJG0N5dPJmmRgS4e";

  @Test
  void scopesFollowTheRoles() {
    User ministry = new User("m", Role.MINISTRY, "000000", HASH);
    User jiangsu = new User("j", Role.PROVINCE, "320000", HASH);
    User ops = new User("o", Role.OPERATOR, "000000", HASH);
    assertThat(ministry.maySee("110000")).isTrue();
    assertThat(jiangsu.maySee("320000")).isTrue();
    assertThat(jiangsu.maySee("320100")).isTrue();
    assertThat(jiangsu.maySee("330100")).isFalse();
    assertThat(jiangsu.maySee("000000")).isFalse();
    assertThat(ops.maySee("320000")).isFalse();
  }

  @Test
  void usersFileLinesAreCheckedWithClearMessages() {
    Regions regions = Regions.standard();
    assertThat(Users.parse("j", "province:320000:" + HASH, regions).role())
        .isEqualTo(Role.PROVINCE);
    assertThatThrownBy(() -> Users.parse("j", "province:320100:" + HASH, regions))
        .hasMessageContaining("must be a province code");
    assertThatThrownBy(() -> Users.parse("j", "boss:000000:" + HASH, regions))
        .hasMessageContaining("role must be");
    assertThatThrownBy(() -> Users.parse("j", "ministry:000000:plaintext", regions))
        .hasMessageContaining("expected role:scope:bcrypt-hash");
  }

  @Test
  void sessionsExpire() {
    MutableClock clock = new MutableClock();
    Sessions s = new Sessions(Duration.ofHours(8), clock);
    String token = s.open(new User("m", Role.MINISTRY, "000000", HASH));
    assertThat(s.user(token)).isPresent();
    assertThat(token).hasSizeGreaterThanOrEqualTo(43);
    clock.now = clock.now.plus(Duration.ofHours(9));
    assertThat(s.user(token)).isEmpty();
  }

  @Test
  void fiveFailuresLockAUserNameForFifteenMinutes() {
    MutableClock clock = new MutableClock();
    LoginLimiter l = new LoginLimiter(clock);
    for (int i = 0; i < 5; i++) {
      assertThat(l.allowed("u", "1.2.3.4")).isTrue();
      l.failed("u", "1.2.3.4");
    }
    assertThat(l.allowed("u", "5.6.7.8")).isFalse();
    assertThat(l.allowed("someone-else", "1.2.3.4")).isTrue();
    clock.now = clock.now.plus(Duration.ofMinutes(16));
    assertThat(l.allowed("u", "1.2.3.4")).isTrue();
  }

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2025-03-14T01:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
