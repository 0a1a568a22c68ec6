package io.hotline.schemas.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned ClickHouse DDL file, {@code V001__calls.sql}: its version, name, statements and
 * checksum. Statements are separated by a {@code ;} at the end of a line.
 *
 * @param version the number after {@code V}, unique and increasing across migrations
 * @param name the part after {@code __}, e.g. {@code calls}
 * @param sql the file's text
 */
public record Migration(int version, String name, String sql) {

  private static final Pattern FILE_NAME = Pattern.compile("V(\\d{1,9})__([a-z0-9_]+)\\.sql");
  private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(?:\\r?\\n|$)");

  public Migration {
    if (version < 1) {
      throw new IllegalArgumentException("migration version must be 1 or more, got " + version);
    }
    if (name == null || !name.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException(
          "migration name must be lower-case letters, digits and underscores, got: " + name);
    }
    if (statementsOf(sql).isEmpty()) {
      throw new IllegalArgumentException(
          "migration " + String.format("V%03d__%s.sql", version, name) + " has no statement");
    }
  }

  /** Parses a file name like {@code V001__calls.sql} and pairs it with the file's text. */
  public static Migration of(String fileName, String sql) {
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "migration file name must look like V001__some_name.sql, got: " + fileName);
    }
    return new Migration(Integer.parseInt(m.group(1)), m.group(2), sql);
  }

  /** The file name, with the version zero-padded to three digits. */
  public String fileName() {
    return String.format("V%03d__%s.sql", version, name);
  }

  /** The statements in file order, each without its {@code ;}; comment-only pieces are dropped. */
  public List<String> statements() {
    return statementsOf(sql);
  }

  /**
   * SHA-256 of the text with line endings normalised, so a checkout with CRLF line endings does not
   * look like an edited migration.
   */
  public String checksum() {
    try {
      byte[] text = sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return fileName();
  }

  private static List<String> statementsOf(String sql) {
    List<String> statements = new ArrayList<>();
    if (sql == null) {
      return statements;
    }
    for (String piece : STATEMENT_END.split(sql)) {
      if (!isOnlyComments(piece)) {
        statements.add(piece.strip());
      }
    }
    return statements;
  }

  private static boolean isOnlyComments(String piece) {
    for (String line : piece.split("\\R")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("--")) {
        return false;
      }
    }
    return true;
  }
}
