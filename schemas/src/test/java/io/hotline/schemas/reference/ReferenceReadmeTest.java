package io.hotline.schemas.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README beside the data files must name the versions the code reports. */
class ReferenceReadmeTest {

  @Test
  void readmeRecordsEveryVersion() throws IOException {
    String readme;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("reference/README.md")) {
      assertThat(in).as("reference/README.md on the classpath").isNotNull();
      readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(readme)
        .contains("`" + Topics.standard().version() + "`")
        .contains("`" + Regions.standard().version() + "`")
        .contains("`" + HolidayCalendar.standard().version() + "`")
        .contains("660000");
  }
}
