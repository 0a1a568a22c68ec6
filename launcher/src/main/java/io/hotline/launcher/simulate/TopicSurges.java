package io.hotline.launcher.simulate;

import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Regions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The topic surges of the simulated world: for each calendar year, a seeded plan of policy episodes
 * across the provinces. The plan depends only on the seed and the year, never on which centres or
 * days a run covers, so a run over part of the year sees part of the same surges, and a test or
 * another feature can look them up to know what the simulator planted.
 */
public final class TopicSurges {
  private record Template(String name, String topic) {}

  private static final List<Template> TEMPLATES =
      List.of(
          new Template("养老金待遇调整", "1406"),
          new Template("城乡居民养老保险集中缴费", "1404"),
          new Template("第三代社会保障卡换发", "2505"),
          new Template("最低工资标准调整", "1101"),
          new Template("失业保险稳岗返还", "1502"),
          new Template("高校毕业生就业补贴申领", "0305"),
          new Template("职业技能提升补贴", "0601"),
          new Template("社会保险关系转移接续新规", "2106"),
          new Template("职称评审申报", "0706"),
          new Template("根治欠薪专项行动", "1104"),
          new Template("工伤认定办法修订", "1703"));

  /** Episodes planned per calendar year. */
  static final int PER_YEAR = 10;

  private static final double NATIONAL_SHARE = 0.25;

  private TopicSurges() {}

  /**
   * The surges of one year, by start date: each lasts 5–14 days (ending by 31 December), gives its
   * topic a 3–6× weight, and covers one to three provinces, or all of them for a quarter of the
   * episodes, as national policies do.
   */
  public static List<TopicSurge> ofYear(long seed, int year) {
    List<String> provinces =
        Regions.standard().provinces().stream().map(Region::code).sorted().toList();
    LocalDate first = LocalDate.of(year, 1, 1);
    LocalDate last = LocalDate.of(year, 12, 31);
    SplittableRandom r = new SplittableRandom(Rand.hash(seed, year, 0x5E46EL));
    List<Template> bag = new ArrayList<>(TEMPLATES);
    List<TopicSurge> surges = new ArrayList<>();
    for (int k = 0; k < PER_YEAR; k++) {
      Template t = bag.remove(r.nextInt(bag.size()));
      LocalDate start = first.plusDays(r.nextInt(first.lengthOfYear()));
      LocalDate end = start.plusDays(4 + r.nextInt(10));
      if (end.isAfter(last)) {
        end = last;
      }
      double multiplier = (30 + r.nextInt(31)) / 10.0;
      surges.add(new TopicSurge(t.name(), t.topic(), start, end, pick(r, provinces), multiplier));
    }
    surges.sort(Comparator.comparing(TopicSurge::from));
    return List.copyOf(surges);
  }

  /** The surges on at least one day from {@code from} to {@code to} (inclusive), by start. */
  public static List<TopicSurge> between(long seed, LocalDate from, LocalDate to) {
    List<TopicSurge> found = new ArrayList<>();
    for (int year = from.getYear(); year <= to.getYear(); year++) {
      for (TopicSurge s : ofYear(seed, year)) {
        if (!s.to().isBefore(from) && !s.from().isAfter(to)) {
          found.add(s);
        }
      }
    }
    return List.copyOf(found);
  }

  private static List<String> pick(SplittableRandom r, List<String> provinces) {
    if (r.nextDouble() < NATIONAL_SHARE) {
      return provinces;
    }
    int n = 1 + r.nextInt(3);
    List<String> pool = new ArrayList<>(provinces);
    TreeSet<String> chosen = new TreeSet<>();
    while (chosen.size() < n) {
      chosen.add(pool.remove(r.nextInt(pool.size())));
    }
    return List.copyOf(chosen);
  }
}
