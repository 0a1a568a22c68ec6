package io.hotline.launcher.dashboard;

import io.hotline.dashboards.DashboardConfig;
import io.hotline.dashboards.DashboardServer;
import io.hotline.dashboards.auth.Role;
import io.hotline.dashboards.auth.Users;
import io.hotline.launcher.UserError;
import io.hotline.launcher.report.ReportCommand;
import io.hotline.schemas.reference.Regions;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hotline dashboard}: serve the web UI; {@code dashboard add-user}: add a login. */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = "Serve the dashboard (Chinese web UI and JSON API) until Ctrl-C.",
    subcommands = {DashboardCommand.AddUser.class})
public final class DashboardCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--users", defaultValue = "var/dashboard-users.properties", paramLabel = "FILE")
  Path users;

  @ArgGroup(exclusive = false)
  ReportCommand.Source source = new ReportCommand.Source();

  @Override
  public Integer call() throws Exception {
    DashboardServer server = start(port, users, source);
    System.err.println(
        "hotline: dashboard at http://127.0.0.1:" + server.port() + "/ (Ctrl-C to stop)");
    new CountDownLatch(1).await();
    return 0;
  }

  /** Starts a dashboard server; used by this command and by {@code hotline demo}. */
  public static DashboardServer start(int port, Path usersFile, ReportCommand.Source source)
      throws IOException {
    Users users;
    try {
      users = Users.load(usersFile);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    DashboardConfig config = DashboardConfig.defaults().withPort(port).withUsersFile(usersFile);
    return new DashboardServer(config, users, source.clickHouse(), Clock.systemUTC()).start();
  }

  /** {@code hotline dashboard add-user NAME --role R --scope CODE}: password from the terminal. */
  @Command(
      name = "add-user",
      mixinStandardHelpOptions = true,
      description = {
        "Add a dashboard login to the users file (the password is stored as a bcrypt hash).",
        "The password is asked for on the terminal, or read from the first line of stdin."
      })
  public static final class AddUser implements Callable<Integer> {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(
        names = "--role",
        required = true,
        description = "ministry, province, auditor or operator.")
    String role;

    @Option(
        names = "--scope",
        defaultValue = "000000",
        description = "Region code the user may see.")
    String scope;

    @Option(names = "--users", defaultValue = "var/dashboard-users.properties", paramLabel = "FILE")
    Path users;

    @Override
    public Integer call() throws IOException {
      if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new UserError("a user name is 1–64 letters, digits, '.', '_' or '-'");
      }
      Role r;
      try {
        r = Role.valueOf(role.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UserError("--role must be ministry, province, auditor or operator");
      }
      if (Regions.standard().find(scope).isEmpty()) {
        throw new UserError("unknown --scope " + scope);
      }
      char[] password = password();
      if (password.length < 8) {
        throw new UserError("a password needs at least 8 characters");
      }
      addLine(users, Users.line(name, r, scope, password));
      System.err.println(
          "hotline: added "
              + name
              + " ("
              + r.name().toLowerCase(Locale.ROOT)
              + ", "
              + scope
              + ") to "
              + users);
      return 0;
    }

    private static char[] password() throws IOException {
      Console console = System.console();
      if (console != null) {
        return console.readPassword("password: ");
      }
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? new char[0] : line.toCharArray();
    }
  }

  /** Appends a users-file line, creating the file readable by its owner only. */
  public static void addLine(Path users, String line) throws IOException {
    if (users.toAbsolutePath().getParent() != null) {
      Files.createDirectories(users.toAbsolutePath().getParent());
    }
    Files.writeString(
        users,
        line + System.lineSeparator(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    try {
      Files.setPosixFilePermissions(
          users, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: keep the platform's defaults
    }
  }
}
