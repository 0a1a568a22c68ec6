package io.hotline.dashboards.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.RegionLevel;
import io.hotline.schemas.reference.Regions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The users file: one line per user, {@code name = role:scope:bcrypt-hash}, e.g. {@code js-office =
 * province:320000:$2a$12$…}. Passwords are only ever stored as bcrypt hashes (cost 12); {@code
 * hotline dashboard add-user} writes such lines. Checking a password takes the same time whether or
 * not the user exists, so a login does not reveal which names are real.
 */
public final class Users {
  public static final int COST = 12;
  private static final String DUMMY_HASH =
      new String(BCrypt.withDefaults().hashToChar(COST, "no such user".toCharArray()));

  private final Map<String, User> byName;

  private Users(Map<String, User> byName) {
    this.byName = byName;
  }

  public static Users load(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "no users file at " + file + ": create users with `hotline dashboard add-user`");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, User> users = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      users.put(name, parse(name, p.getProperty(name), Regions.standard()));
    }
    return new Users(users);
  }

  static User parse(String name, String value, Regions regions) {
    String[] parts = value.split(":", 3);
    if (parts.length != 3 || !parts[2].startsWith("$2")) {
      throw new IllegalArgumentException(
          "user "
              + name
              + ": expected role:scope:bcrypt-hash, got '"
              + value.replaceAll("\\$2.*", "…")
              + "'");
    }
    Role role;
    try {
      role = Role.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "user "
              + name
              + ": role must be ministry, province, auditor or operator, not "
              + parts[0]);
    }
    String scope = parts[1].trim();
    Region region =
        regions
            .find(scope)
            .orElseThrow(
                () -> new IllegalArgumentException("user " + name + ": unknown scope " + scope));
    if (role == Role.PROVINCE && region.level() != RegionLevel.PROVINCE) {
      throw new IllegalArgumentException(
          "user " + name + ": a province user's scope must be a province code");
    }
    return new User(name, role, scope, parts[2].trim());
  }

  /** The user, if the name exists and the password matches its hash. */
  public Optional<User> check(String name, String password) {
    User u = byName.get(name);
    String hash = u == null ? DUMMY_HASH : u.passwordHash();
    boolean ok = BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified;
    return ok && u != null ? Optional.of(u) : Optional.empty();
  }

  /** A users-file line for a new user. */
  public static String line(String name, Role role, String scope, char[] password) {
    String hash = new String(BCrypt.withDefaults().hashToChar(COST, password));
    return name + " = " + role.name().toLowerCase(Locale.ROOT) + ":" + scope + ":" + hash;
  }
}
