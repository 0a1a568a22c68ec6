package io.hotline.schemas.reference;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provinces and prefecture-level cities that hotline centres belong to, loaded once from {@code
 * reference/regions.csv} (GB/T 2260 codes plus the Xinjiang Production and Construction Corps as
 * {@code 660000}). Immutable and safe to share between threads.
 */
public final class Regions {
  /** The code that stands for the whole country in roll-ups (the ministry level). */
  public static final String NATION = "000000";

  static final String RESOURCE = "reference/regions.csv";
  static final String VERSION = "regions-2023.1";
  private static final List<String> HEADER = List.of("code", "name", "level", "province_code");
  private static final Region NATION_REGION = new Region(NATION, "全国", RegionLevel.NATION, NATION);

  private final String version;
  private final Map<String, Region> byCode;
  private final List<Region> provinces;
  private final List<Region> cities;
  private final Map<String, List<Region>> citiesByProvince;

  private Regions(String version, List<Region> regions) {
    this.version = version;
    Map<String, Region> index = new HashMap<>();
    index.put(NATION, NATION_REGION);
    List<Region> provinceList = new ArrayList<>();
    List<Region> cityList = new ArrayList<>();
    Map<String, List<Region>> byProvince = new HashMap<>();
    for (Region region : regions) {
      index.put(region.code(), region);
      if (region.level() == RegionLevel.PROVINCE) {
        provinceList.add(region);
      } else {
        cityList.add(region);
        byProvince.computeIfAbsent(region.provinceCode(), p -> new ArrayList<>()).add(region);
      }
    }
    byProvince.replaceAll((province, list) -> List.copyOf(list));
    this.byCode = index;
    this.provinces = List.copyOf(provinceList);
    this.cities = List.copyOf(cityList);
    this.citiesByProvince = byProvince;
  }

  /** The bundled table, read from the classpath on first use and shared afterwards. */
  public static Regions standard() {
    return Standard.INSTANCE;
  }

  // Holder idiom: the JVM's class initialisation makes the one-time load thread-safe.
  private static final class Standard {
    static final Regions INSTANCE = fromRows(CsvResource.fromClasspath(RESOURCE, HEADER), VERSION);
  }

  /** Parses a table in the {@code regions.csv} format; used by tests to feed broken data. */
  static Regions parse(String source, Reader reader, String version) throws IOException {
    return fromRows(CsvResource.read(source, reader, HEADER), version);
  }

  private static Regions fromRows(List<CsvResource.Row> rows, String version) {
    Map<String, Region> seen = new HashMap<>();
    List<Region> regions = new ArrayList<>();
    for (CsvResource.Row row : rows) {
      Region region = toRegion(row);
      if (seen.putIfAbsent(region.code(), region) != null) {
        throw row.error("duplicate code " + region.code());
      }
      regions.add(region);
    }
    // Checked after the whole file is read so that the file's order does not matter.
    for (int i = 0; i < regions.size(); i++) {
      Region region = regions.get(i);
      Region province = seen.get(region.provinceCode());
      if (province == null || province.level() != RegionLevel.PROVINCE) {
        throw rows.get(i).error("province " + region.provinceCode() + " is not in the file");
      }
    }
    regions.sort(Comparator.comparing(Region::code));
    return new Regions(version, regions);
  }

  private static Region toRegion(CsvResource.Row row) {
    String code = row.get(0);
    String name = row.get(1);
    String provinceCode = row.get(3);
    if (!isSixDigits(code)) {
      throw row.error("code '" + code + "' is not six digits");
    }
    if (name.isEmpty()) {
      throw row.error("empty name");
    }
    RegionLevel level = parseLevel(row);
    if (!provinceCode.equals(provinceOf(code))) {
      throw row.error(
          "province_code "
              + provinceCode
              + " does not match the code's prefix "
              + provinceOf(code));
    }
    boolean provinceShaped = code.endsWith("0000");
    if (level == RegionLevel.PROVINCE && !provinceShaped) {
      throw row.error("province code " + code + " must end in 0000");
    }
    if (level == RegionLevel.CITY && (provinceShaped || !code.endsWith("00"))) {
      throw row.error("city code " + code + " must end in 00 but not 0000");
    }
    return new Region(code, name, level, provinceCode);
  }

  private static RegionLevel parseLevel(CsvResource.Row row) {
    switch (row.get(2)) {
      case "province":
        return RegionLevel.PROVINCE;
      case "city":
        return RegionLevel.CITY;
      default:
        throw row.error("level '" + row.get(2) + "' is neither 'province' nor 'city'");
    }
  }

  private static boolean isSixDigits(String code) {
    if (code == null || code.length() != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The region with this code: a province, a city, or {@link #NATION}. */
  public Optional<Region> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /**
   * Whether a hotline centre may carry this code: centres are built per city or centralised per
   * province, so any known city or province-level code qualifies, and the nation does not.
   */
  public boolean isCenter(String code) {
    Region region = byCode.get(code);
    return region != null && region.level() != RegionLevel.NATION;
  }

  /** The province-level units (31 GB/T 2260 provinces and the XPCC), sorted by code. */
  public List<Region> provinces() {
    return provinces;
  }

  /** All city-level units, sorted by code. */
  public List<Region> cities() {
    return cities;
  }

  /** The cities of one province, sorted by code; empty for an unknown code or the XPCC. */
  public List<Region> citiesOf(String provinceCode) {
    return citiesByProvince.getOrDefault(provinceCode, List.of());
  }

  /**
   * The province-level code of any six-digit code: its first two digits followed by {@code 0000},
   * as in the event contract. Does not check that the code exists.
   *
   * @throws IllegalArgumentException if {@code code} is not six ASCII digits
   */
  public static String provinceOf(String code) {
    if (!isSixDigits(code)) {
      throw new IllegalArgumentException("not a six-digit region code: '" + code + "'");
    }
    return code.substring(0, 2) + "0000";
  }

  /** The version of the bundled table, as recorded in the reference README. */
  public String version() {
    return version;
  }
}
