package io.hotline.launcher.simulate;

import io.hotline.launcher.UserError;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.RegionLevel;
import io.hotline.schemas.reference.Regions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Chooses the centres to simulate ({@code --scale} or {@code --centers}) and sizes each one,
 * deterministically from its code, its tier and the seed. Sizes follow the field numbers of the
 * domain brief: Nanjing about 4,000 calls on a working day with 46 seats, small cities a few
 * hundred calls, about 10^8 calls a year nationally.
 */
public final class Centers {
  /** The Xinjiang Production and Construction Corps runs its own centre at province level. */
  static final String CORPS = "660000";

  static final String NANJING = "320100";
  static final String JIANGSU = "320000";

  private static final Set<String> MUNICIPALITIES = Set.of("110100", "120100", "310100", "500100");
  private static final Set<String> MEGACITIES =
      Set.of("440100", "440300", "510100", "420100", "330100");
  private static final Set<String> SMALL_CAPITALS = Set.of("540100", "630100", "640100", "460100");
  private static final Set<String> BIG_CITIES =
      Set.of(
          "210200", "330200", "350200", "370200", "320500", "320200", "440600", "441900", "330300",
          "370600", "320600", "130200", "350500", "320300", "320400", "441300", "330600", "330400",
          "410300", "130600");

  // Sizing: the share of a working day's calls in its busiest hour (from the intraday profile),
  // the share of callers who ask for an agent, and the mean agent time per call (talk + wrap-up).
  private static final double PEAK_HOUR_SHARE = 0.156;
  private static final double AGENT_REQUEST_SHARE = 0.81;
  private static final double AGENT_TIME_S = 198;
  private static final double AGENT_TIME_12385_S = 260;
  private static final double PEAK_HOUR_SHARE_12385 = 0.075;

  // Agents on duty are staffed a little below the peak load, as thin centres are: waits and
  // abandonment then rise with load. Seats exceed agents on duty (rotas, breaks, back office).
  private static final double STAFFING_FACTOR = 0.78;
  private static final double STAFFING_MARGIN = 0.8;
  private static final double DUTY_SHARE = 0.62;

  private Centers() {}

  /** The scales of {@code --scale}. */
  public enum Scale {
    CITY,
    PROVINCE,
    NATION;

    static Scale parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UserError("--scale must be city, province or nation, not '" + text + "'.");
      }
    }
  }

  /** The centres of a scale: Nanjing; the cities of Jiangsu; or every city plus the XPCC. */
  public static List<Center> ofScale(Scale scale, long seed, Regions regions) {
    List<String> codes = new ArrayList<>();
    switch (scale) {
      case CITY -> codes.add(NANJING);
      case PROVINCE -> regions.citiesOf(JIANGSU).forEach(r -> codes.add(r.code()));
      case NATION -> {
        regions.cities().forEach(r -> codes.add(r.code()));
        regions.find(CORPS).ifPresent(r -> codes.add(r.code()));
      }
    }
    return size(codes, seed, regions);
  }

  /**
   * The centres named by comma-separated codes: a city code is that city's centre, a province code
   * stands for all its cities (or the province's own centre when it has none, as the XPCC).
   */
  public static List<Center> ofCodes(String commaSeparated, long seed, Regions regions) {
    List<String> codes = new ArrayList<>();
    for (String raw : commaSeparated.split(",")) {
      String code = raw.trim();
      if (code.isEmpty()) {
        continue;
      }
      Region region =
          regions
              .find(code)
              .orElseThrow(
                  () ->
                      new UserError(
                          "unknown centre code '"
                              + code
                              + "': give GB/T 2260 city or province codes such as 320100 or"
                              + " 320000."));
      if (region.level() == RegionLevel.NATION) {
        throw new UserError(code + " is the whole country, not a centre: use --scale nation.");
      }
      if (region.level() == RegionLevel.CITY) {
        codes.add(code);
      } else {
        List<Region> cities = regions.citiesOf(code);
        if (cities.isEmpty()) {
          codes.add(code);
        } else {
          cities.forEach(c -> codes.add(c.code()));
        }
      }
    }
    if (codes.isEmpty()) {
      throw new UserError("--centers names no centre: give codes such as 320100,320200.");
    }
    return size(codes, seed, regions);
  }

  private static List<Center> size(List<String> codes, long seed, Regions regions) {
    Map<String, Center> unique = new TreeMap<>();
    for (String code : codes) {
      unique.computeIfAbsent(code, c -> sizeOf(regions.find(c).orElseThrow(), seed));
    }
    return List.copyOf(unique.values());
  }

  /** Sizes one centre: base volume by tier and seeded spread, then agents and seats to match. */
  static Center sizeOf(Region region, long seed) {
    String code = region.code();
    int numeric = Integer.parseInt(code);
    Center.Tier tier = tierOf(code);
    double spread = Rand.unit(Rand.hash(seed, numeric, 1));
    int base = (int) Math.round(baseVolume(tier, spread, Rand.hash(seed, numeric, 2)));
    int agents = staffFor(base * PEAK_HOUR_SHARE * AGENT_REQUEST_SHARE * AGENT_TIME_S / 3600);
    int seats = (int) Math.round(agents / DUTY_SHARE);
    double load12385 =
        base * Demand.SHARE_12385 * PEAK_HOUR_SHARE_12385 * 0.9 * AGENT_TIME_12385_S / 3600;
    int agents12385 = Math.max(1, (int) Math.round(load12385 + 0.8 * Math.sqrt(load12385)));
    // Work numbers are five digits: a thousand-block per centre, fixed by its code.
    int numberBase = 10_000 + (int) Math.floorMod(Rand.hash(0, numeric), 89) * 1000;
    return new Center(
        code,
        region.provinceCode(),
        region.name(),
        tier,
        base,
        seats + agents12385,
        agents,
        agents12385,
        numberBase);
  }

  private static int staffFor(double erlangs) {
    return Math.max(
        1, (int) Math.round(STAFFING_FACTOR * erlangs + STAFFING_MARGIN * Math.sqrt(erlangs)));
  }

  static Center.Tier tierOf(String code) {
    if (code.equals(CORPS)) {
      return Center.Tier.CORPS;
    }
    if (MUNICIPALITIES.contains(code)) {
      return Center.Tier.MUNICIPALITY;
    }
    if (MEGACITIES.contains(code)) {
      return Center.Tier.MEGACITY;
    }
    if (SMALL_CAPITALS.contains(code)) {
      return Center.Tier.SMALL_CAPITAL;
    }
    if (code.endsWith("0100")) {
      return Center.Tier.CAPITAL;
    }
    if (BIG_CITIES.contains(code)) {
      return Center.Tier.BIG_CITY;
    }
    return Center.Tier.PREFECTURE;
  }

  private static double baseVolume(Center.Tier tier, double spread, long hash) {
    // Large centres vary by ±10 %; prefecture cities by a log-normal factor (a few hundred calls).
    double tight = 0.9 + 0.2 * spread;
    return switch (tier) {
      case MUNICIPALITY -> tight * 11_000;
      case MEGACITY -> tight * 8_000;
      case CAPITAL -> tight * 4_000;
      case SMALL_CAPITAL -> tight * 1_500;
      case BIG_CITY -> tight * 2_400;
      case CORPS -> tight * 800;
      case PREFECTURE -> {
        double z = new SplittableRandom(hash).nextGaussian();
        yield Math.min(2_000, Math.max(150, 450 * Math.exp(0.45 * z - 0.45 * 0.45 / 2)));
      }
    };
  }
}
