package io.hotline.schemas.reference;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The topic code table that agents classify calls with, loaded once from {@code
 * reference/topics.csv}: 27 categories and 146 sub-categories. Immutable and safe to share between
 * threads.
 */
public final class Topics {
  static final String RESOURCE = "reference/topics.csv";
  static final String VERSION = "topics-2010-52.1";
  private static final List<String> HEADER = List.of("code", "parent", "level", "name");
  private static final String OTHER_NAME = "其他";

  private final String version;
  private final List<Topic> all;
  private final Map<String, Topic> byCode;
  private final List<Topic> categories;
  private final Map<String, List<Topic>> subcategories;

  private Topics(String version, List<Topic> topics) {
    this.version = version;
    this.all = List.copyOf(topics);
    Map<String, Topic> index = new HashMap<>();
    List<Topic> categoryList = new ArrayList<>();
    Map<String, List<Topic>> children = new HashMap<>();
    for (Topic topic : topics) {
      index.put(topic.code(), topic);
      if (topic.isCategory()) {
        categoryList.add(topic);
      } else {
        children.computeIfAbsent(topic.parentCode(), p -> new ArrayList<>()).add(topic);
      }
    }
    children.replaceAll((parent, list) -> List.copyOf(list));
    this.byCode = index;
    this.categories = List.copyOf(categoryList);
    this.subcategories = children;
  }

  /** The bundled table, read from the classpath on first use and shared afterwards. */
  public static Topics standard() {
    return Standard.INSTANCE;
  }

  // Holder idiom: the JVM's class initialisation makes the one-time load thread-safe.
  private static final class Standard {
    static final Topics INSTANCE = fromRows(CsvResource.fromClasspath(RESOURCE, HEADER), VERSION);
  }

  /** Parses a table in the {@code topics.csv} format; used by tests to feed broken data. */
  static Topics parse(String source, Reader reader, String version) throws IOException {
    return fromRows(CsvResource.read(source, reader, HEADER), version);
  }

  private static Topics fromRows(List<CsvResource.Row> rows, String version) {
    Map<String, Topic> seen = new HashMap<>();
    List<Topic> topics = new ArrayList<>();
    for (CsvResource.Row row : rows) {
      Topic topic = toTopic(row);
      if (seen.putIfAbsent(topic.code(), topic) != null) {
        throw row.error("duplicate code " + topic.code());
      }
      topics.add(topic);
    }
    for (int i = 0; i < topics.size(); i++) {
      Topic topic = topics.get(i);
      if (!topic.isCategory() && !seen.containsKey(topic.parentCode())) {
        throw rows.get(i).error("parent " + topic.parentCode() + " is not in the file");
      }
    }
    return new Topics(version, topics);
  }

  private static Topic toTopic(CsvResource.Row row) {
    String code = row.get(0);
    String parent = row.get(1);
    String level = row.get(2);
    String name = row.get(3);
    if (name.isEmpty()) {
      throw row.error("empty name");
    }
    if (level.equals("1") && isDigits(code, 2) && parent.isEmpty()) {
      return new Topic(code, null, 1, name);
    }
    if (level.equals("2") && isDigits(code, 4) && parent.equals(code.substring(0, 2))) {
      return new Topic(code, parent, 2, name);
    }
    throw row.error(
        "expected a level-1 code of two digits without parent, or a level-2 code of four digits"
            + " whose parent is its first two digits; got code '"
            + code
            + "', parent '"
            + parent
            + "', level '"
            + level
            + "'");
  }

  private static boolean isDigits(String code, int length) {
    if (code == null || code.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The topic with this two- or four-digit code. */
  public Optional<Topic> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** Whether the code is in the table (a category or a sub-category). */
  public boolean isKnown(String code) {
    return byCode.containsKey(code);
  }

  /** The 27 categories in code order. */
  public List<Topic> categories() {
    return categories;
  }

  /** The sub-categories of one category in code order; empty for 26, 27 and unknown codes. */
  public List<Topic> subcategoriesOf(String categoryCode) {
    return subcategories.getOrDefault(categoryCode, List.of());
  }

  /** Every entry in file order: each category followed by its sub-categories. */
  public List<Topic> all() {
    return all;
  }

  /**
   * The category of a two- or four-digit topic code: its first two digits. Does not check that the
   * code exists.
   *
   * @throws IllegalArgumentException if {@code code} is not two or four ASCII digits
   */
  public static String categoryOf(String code) {
    if (!isDigits(code, 2) && !isDigits(code, 4)) {
      throw new IllegalArgumentException("not a two- or four-digit topic code: '" + code + "'");
    }
    return code.substring(0, 2);
  }

  /**
   * Whether the code is an "other" (其他) sub-category, the catch-all of its category. The brief's
   * rule is "ends in 09 or 19"; the table itself has two exceptions to it, 0109 科技管理 and 2209
   * 事业性收费, so the name must be 其他 as well.
   */
  public boolean isOther(String code) {
    Topic topic = byCode.get(code);
    return topic != null
        && topic.level() == 2
        && (code.endsWith("09") || code.endsWith("19"))
        && topic.name().equals(OTHER_NAME);
  }

  /** The version of the bundled table, as recorded in the reference README. */
  public String version() {
    return version;
  }
}
