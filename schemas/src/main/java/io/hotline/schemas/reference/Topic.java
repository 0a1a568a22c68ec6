package io.hotline.schemas.reference;

import java.util.Objects;

/**
 * One entry of the ministry's two-level topic table (人社信息函[2010]52号): a category such as {@code 14}
 * 养老保险 (level 1, no parent) or a sub-category such as {@code 1402} (level 2).
 */
public record Topic(String code, String parentCode, int level, String name) {
  public Topic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    if (level != 1 && level != 2) {
      throw new IllegalArgumentException("level must be 1 or 2, was " + level);
    }
    if ((level == 1) != (parentCode == null)) {
      throw new IllegalArgumentException("a category has no parent, a sub-category has one");
    }
  }

  /** Whether this is a category (level 1) rather than a sub-category. */
  public boolean isCategory() {
    return level == 1;
  }
}
