package io.hotline.reports.annual;

import io.hotline.reports.ReportError;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.DailyRollup;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.reference.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes the annual 20-March usage reports: for a province or the nation, a .docx report and an
 * .xlsx data annex per year, from ClickHouse. The daily tables are refreshed once per run, so
 * making every province's report and the national roll-up costs one pass over new data plus small
 * grouped queries per report.
 */
public final class AnnualReports {
  private static final int EARLIEST_YEAR = 2000;

  private final ClickHouseHttp clickHouse;
  private final Regions regions;
  private final AnnualDataLoader loader;
  private final LocalDateTime generatedAt;

  public AnnualReports(ClickHouseHttp clickHouse, Regions regions, LocalDateTime generatedAt) {
    this.clickHouse = clickHouse;
    this.regions = regions;
    this.loader = new AnnualDataLoader(clickHouse, regions, Topics.standard());
    this.generatedAt = generatedAt;
  }

  /** Reports dated now (China time). */
  public AnnualReports(ClickHouseHttp clickHouse) {
    this(clickHouse, Regions.standard(), LocalDateTime.now(ChinaTime.OFFSET));
  }

  /** The two files of one report. */
  public record Written(ReportScope scope, Path report, Path annex) {}

  /** The files of a run, and the areas that had nothing to report. */
  public record Run(DailyRollup.Result rollup, List<Written> written, List<Region> withoutData) {}

  /** One province's report, or the national one. */
  public Written write(ReportScope scope, int year, Path dir) throws IOException {
    checkYear(year);
    prepare(dir);
    DailyRollup.Result rollup = loader.refresh(year);
    return write(loader.load(scope, year, rollup), dir);
  }

  /**
   * Every province's report (provinces without data are listed, not failed) and the national one,
   * on {@code threads} threads.
   */
  public Run writeAll(int year, Path dir, int threads) throws IOException {
    checkYear(year);
    prepare(dir);
    DailyRollup.Result rollup = loader.refresh(year);
    List<ReportScope> scopes = new ArrayList<>();
    regions.provinces().forEach(p -> scopes.add(new ReportScope(p, false)));
    scopes.add(ReportScope.nation(regions));
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<Written>> futures = new ArrayList<>();
      for (ReportScope scope : scopes) {
        futures.add(pool.submit(() -> writeIfData(scope, year, rollup, dir)));
      }
      List<Written> written = new ArrayList<>();
      List<Region> without = new ArrayList<>();
      for (int i = 0; i < scopes.size(); i++) {
        Written w = get(futures.get(i));
        if (w == null) {
          without.add(scopes.get(i).region());
        } else {
          written.add(w);
        }
      }
      return new Run(rollup, written, without);
    } finally {
      pool.shutdownNow();
    }
  }

  private Written writeIfData(ReportScope scope, int year, DailyRollup.Result rollup, Path dir)
      throws IOException {
    AnnualData data;
    try {
      data = loader.load(scope, year, rollup);
    } catch (ReportError noData) {
      if (scope.national()) {
        throw noData;
      }
      return null;
    }
    return write(data, dir);
  }

  private static Written get(Future<Written> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing reports", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ReportError r) {
        throw r;
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private Written write(AnnualData data, Path dir) throws IOException {
    AnnualText text = new AnnualText(data, regions);
    String stem = data.year + "-" + data.scope.code() + "-";
    Path report = dir.resolve(stem + "年度号码使用情况报告.docx");
    Path annex = dir.resolve(stem + "年度号码使用情况.xlsx");
    writeAtomically(report, out -> new AnnualDocument(data, text, regions, generatedAt).write(out));
    writeAtomically(annex, out -> new AnnualWorkbook(data, text, regions, generatedAt).write(out));
    return new Written(data.scope, report, annex);
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** Writes beside the target and renames, so a reader never opens a half-written file. */
  private static void writeAtomically(Path target, Body body) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".part");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      body.write(out);
    }
    Files.move(
        tmp,
        target,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void checkYear(int year) {
    int current = LocalDateTime.now(ChinaTime.OFFSET).getYear();
    if (year < EARLIEST_YEAR || year > current) {
      throw new ReportError(
          "--year must be a year from " + EARLIEST_YEAR + " to " + current + ", not " + year + ".");
    }
  }

  private static void prepare(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException | UncheckedIOException e) {
      throw new ReportError("cannot create the output directory " + dir + ": " + e.getMessage());
    }
    if (!Files.isWritable(dir)) {
      throw new ReportError("cannot write to the output directory " + dir + ".");
    }
  }
}
