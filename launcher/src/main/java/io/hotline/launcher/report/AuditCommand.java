package io.hotline.launcher.report;

import io.hotline.launcher.UserError;
import io.hotline.reports.ReportError;
import io.hotline.reports.audit.AuditBulletin;
import io.hotline.reports.audit.AuditDraw;
import io.hotline.reports.audit.AuditImport;
import io.hotline.reports.audit.AuditPeriod;
import io.hotline.reports.audit.AuditScope;
import io.hotline.reports.audit.AuditWorkbook;
import io.hotline.reports.audit.ScoringForm;
import io.hotline.schemas.reference.Regions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hotline audit}: the twice-yearly quality audit — draw, score (import), bulletin. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "The half-yearly quality audit of 12333: draw a sample, import scores, publish.",
    subcommands = {AuditCommand.Draw.class, AuditCommand.Import.class, AuditCommand.Bulletin.class})
public final class AuditCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("say what to do: `hotline audit draw`, `audit import` or `audit bulletin`");
  }

  /** A ReportError is a user's mistake: one sentence, exit 2. */
  static <T> T userErrors(Callable<T> body) throws Exception {
    try {
      return body.call();
    } catch (ReportError e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** {@code hotline audit draw}. */
  @Command(
      name = "draw",
      mixinStandardHelpOptions = true,
      description = {
        "Sample recorded, answered 12333 calls of a half-year per centre, stratified by month and"
            + " hour band, and write the scoring workbook.",
        "Example: hotline audit draw --period 2025H1 --province 320000 --margin 0.05"
            + " --confidence 0.95 --seed 7 --out 2025H1-320000.xlsx"
      })
  public static final class Draw implements Callable<Integer> {
    @Option(names = "--period", required = true, paramLabel = "YYYYH1|YYYYH2")
    String period;

    @Option(names = "--province", paramLabel = "CODE")
    String province;

    @Option(names = "--center", paramLabel = "CODE")
    String center;

    @Option(names = "--per-center", paramLabel = "N", description = "Fixed sample size per centre.")
    Integer perCenter;

    @Option(
        names = "--margin",
        paramLabel = "E",
        description = "Margin of error for a proportion (default 0.05).")
    Double margin;

    @Option(
        names = "--confidence",
        paramLabel = "C",
        description = "Confidence level (default 0.95).")
    Double confidence;

    @Option(
        names = "--seed",
        required = true,
        description = "Random seed; the same seed and data give the same sample.")
    long seed;

    @Option(
        names = "--min-talk",
        defaultValue = "30",
        paramLabel = "SECONDS",
        description = "Calls shorter than this are too short to judge. Default: ${DEFAULT-VALUE}.")
    long minTalk;

    @Option(names = "--out", required = true, paramLabel = "FILE.xlsx")
    Path out;

    @ArgGroup(exclusive = false)
    ReportCommand.Source source = new ReportCommand.Source();

    @Override
    public Integer call() throws Exception {
      return userErrors(
          () -> {
            if (perCenter != null && (margin != null || confidence != null)) {
              throw new UserError("give --per-center, or --margin/--confidence, not both");
            }
            AuditDraw.Sizing sizing =
                perCenter != null
                    ? AuditDraw.Sizing.fixed(perCenter)
                    : AuditDraw.Sizing.forProportion(
                        margin == null ? 0.05 : margin, confidence == null ? 0.95 : confidence);
            AuditDraw.Request request =
                new AuditDraw.Request(
                    AuditPeriod.parse(period),
                    AuditScope.of(province, center, Regions.standard()),
                    sizing,
                    seed,
                    minTalk,
                    ScoringForm.standard());
            checkWritable(out);
            AuditDraw.Result result = new AuditDraw(source.clickHouse()).draw(request);
            try (OutputStream o = Files.newOutputStream(out)) {
              AuditWorkbook.write(result, o);
            }
            long flagged = result.centers().stream().filter(c -> !c.flag().isEmpty()).count();
            System.out.println(out);
            System.err.printf(
                "hotline: draw %s: %d calls from %d centres (%d flagged, see sheet 各中心样本)%n",
                result.drawId(), result.calls().size(), result.centers().size(), flagged);
            return 0;
          });
    }
  }

  /** {@code hotline audit import}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Check a filled-in scoring workbook cell by cell and store its scores; nothing is stored"
              + " if any cell is wrong. Re-importing replaces earlier scores, keeping the history.")
  public static final class Import implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.xlsx")
    Path file;

    @Option(
        names = "--period",
        paramLabel = "YYYYH1|YYYYH2",
        description = "Refuse a workbook of another period.")
    String period;

    @ArgGroup(exclusive = false)
    ReportCommand.Source source = new ReportCommand.Source();

    @Override
    public Integer call() throws Exception {
      if (!Files.isReadable(file)) {
        throw new UserError("cannot read " + file);
      }
      try {
        AuditImport.Result r =
            new AuditImport(source.clickHouse(), ScoringForm.standard())
                .importWorkbook(file, period == null ? null : AuditPeriod.parse(period));
        System.err.printf(
            "hotline: draw %s: %d calls scored (%d replacing earlier scores), %d not scored yet%n",
            r.drawId(), r.scored(), r.replaced(), r.notYetScored());
        return 0;
      } catch (AuditImport.Rejected e) {
        e.problems().forEach(p -> System.err.println("  " + p));
        throw new UserError(e.getMessage(), e);
      } catch (ReportError e) {
        throw new UserError(e.getMessage(), e);
      }
    }
  }

  /** {@code hotline audit bulletin}. */
  @Command(
      name = "bulletin",
      mixinStandardHelpOptions = true,
      description = "Write the half-year's quality bulletin (.docx) and its annex (.xlsx).")
  public static final class Bulletin implements Callable<Integer> {
    @Option(names = "--period", required = true, paramLabel = "YYYYH1|YYYYH2")
    String period;

    @Option(names = "--province", paramLabel = "CODE")
    String province;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @ArgGroup(exclusive = false)
    ReportCommand.Source source = new ReportCommand.Source();

    @Override
    public Integer call() throws Exception {
      return userErrors(
          () -> {
            AuditBulletin.Written w =
                new AuditBulletin(source.clickHouse(), ScoringForm.standard())
                    .write(
                        AuditPeriod.parse(period),
                        AuditScope.of(province, null, Regions.standard()),
                        out);
            System.out.println(w.bulletin());
            System.out.println(w.annex());
            return 0;
          });
    }
  }

  private static void checkWritable(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserError("cannot create " + dir + ": " + e.getMessage());
    }
    if (!Files.isWritable(dir)) {
      throw new UserError("cannot write to " + dir);
    }
  }
}
