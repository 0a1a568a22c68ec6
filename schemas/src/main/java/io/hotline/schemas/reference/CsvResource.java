package io.hotline.schemas.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the small comma-separated reference files: a fixed header, then one record per line, no
 * quoting. The files are ours, so anything unexpected is an error, not something to guess around.
 */
final class CsvResource {

  /** One data line with its position, for error messages. */
  record Row(String source, int line, List<String> fields) {
    String get(int index) {
      return fields.get(index);
    }

    ReferenceDataException error(String message) {
      return new ReferenceDataException(source + ":" + line + ": " + message);
    }
  }

  private CsvResource() {}

  /** Reads a classpath resource (path without leading slash) as strict UTF-8. */
  static List<Row> fromClasspath(String resource, List<String> header) {
    InputStream in = CsvResource.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new ReferenceDataException(resource + ": resource not found on the classpath");
    }
    // REPORT rather than the default REPLACE: a mis-encoded file must not load as mojibake.
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (Reader reader = new InputStreamReader(in, decoder)) {
      return read(resource, reader, header);
    } catch (IOException e) {
      throw new ReferenceDataException(resource + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Parses already opened text; {@code source} is only used in error messages. */
  static List<Row> read(String source, Reader reader, List<String> header) throws IOException {
    BufferedReader lines = new BufferedReader(reader);
    String first = lines.readLine();
    if (first == null) {
      throw new ReferenceDataException(source + ":1: empty file, expected header " + header);
    }
    if (first.startsWith("\uFEFF")) {
      throw new ReferenceDataException(source + ":1: starts with a byte-order mark");
    }
    if (!split(first).equals(header)) {
      throw new ReferenceDataException(
          source + ":1: header is '" + first + "', expected '" + String.join(",", header) + "'");
    }
    List<Row> rows = new ArrayList<>();
    int lineNumber = 1;
    for (String text = lines.readLine(); text != null; text = lines.readLine()) {
      lineNumber++;
      rows.add(parseLine(source, lineNumber, text, header.size()));
    }
    return rows;
  }

  private static Row parseLine(String source, int lineNumber, String text, int columns) {
    Row raw = new Row(source, lineNumber, List.of());
    if (text.isBlank()) {
      throw raw.error("blank line");
    }
    if (text.indexOf('"') >= 0) {
      throw raw.error("quotes are not supported in reference files");
    }
    List<String> fields = split(text);
    if (fields.size() != columns) {
      throw raw.error(
          "expected " + columns + " columns, got " + fields.size() + ": '" + text + "'");
    }
    for (String field : fields) {
      if (!field.equals(field.strip())) {
        throw raw.error("field '" + field + "' has surrounding whitespace");
      }
    }
    return new Row(source, lineNumber, fields);
  }

  private static List<String> split(String line) {
    return List.copyOf(Arrays.asList(line.split(",", -1)));
  }
}
