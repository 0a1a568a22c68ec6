package io.hotline.schemas.reference;

import java.util.Objects;

/**
 * One administrative region by its six-digit GB/T 2260 code, e.g. {@code 320100} 南京市 in province
 * {@code 320000}. A province's {@code provinceCode} is its own code, and the nation's is {@link
 * Regions#NATION}, so that {@code provinceCode} is never null.
 */
public record Region(String code, String name, RegionLevel level, String provinceCode) {
  public Region {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(provinceCode, "provinceCode");
  }
}
