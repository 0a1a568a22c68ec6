package io.hotline.jobs.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects the messages one logger writes while a test runs, so the test can show that an operator
 * reading the log would understand what happened (an outage, retries, a restart).
 */
public final class LogCapture implements AutoCloseable {
  private final String loggerName;
  private final Appender appender;

  private LogCapture(String loggerName) {
    this.loggerName = loggerName;
    this.appender = new Appender("capture-" + loggerName);
    appender.start();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    LoggerConfig own = new LoggerConfig(loggerName, Level.INFO, true);
    own.addAppender(appender, Level.INFO, null);
    ctx.getConfiguration().addLogger(loggerName, own);
    ctx.updateLoggers();
  }

  /** Starts capturing the logger of the given class, at INFO and above. */
  public static LogCapture of(Class<?> logger) {
    return new LogCapture(logger.getName());
  }

  /** The messages so far, formatted. */
  public List<String> messages() {
    return List.copyOf(appender.messages);
  }

  @Override
  public void close() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().removeLogger(loggerName);
    ctx.updateLoggers();
    appender.stop();
  }

  private static final class Appender extends AbstractAppender {
    final List<String> messages = new CopyOnWriteArrayList<>();

    Appender(String name) {
      super(name, null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      messages.add(event.getMessage().getFormattedMessage());
    }
  }
}
