package io.hotline.reports.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.reports.ReportError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A versioned scoring form (评分表) read from a JSON file: sections of items with weights, whether an
 * item may be answered 不适用 (N/A), and auto-fail items. It defines the one score formula: Σ(weight ×
 * earned) / Σ(weight × possible) over the items not answered N/A; a call fails when an auto-fail
 * item earns nothing or the score is below the pass mark.
 */
public record ScoringForm(
    String id,
    String version,
    String name,
    double passScore,
    List<Answer> answers,
    List<Item> items) {

  /** The bundled default: 应答服务规范化 (standard answering), version 1. */
  public static final String DEFAULT = "audit/forms/standard-answering-v1.json";

  /** An answer an auditor can give, and the share of an item's weight it earns (null = N/A). */
  public record Answer(String code, Double earned) {}

  public record Item(
      String id, String section, String text, double weight, boolean naAllowed, boolean autoFail) {}

  /** A scored call: the score (null when every item was N/A), whether it fails, missed items. */
  public record Score(Double value, boolean failed, List<String> missedItems) {}

  /** {@code id-vN}, recorded with every draw and score. */
  public String fullVersion() {
    return id + "-v" + version;
  }

  public static ScoringForm standard() {
    return load(DEFAULT);
  }

  /** Reads a form from the classpath. */
  public static ScoringForm load(String resource) {
    try (InputStream in = ScoringForm.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ReportError("no scoring form " + resource);
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new ReportError("cannot read the scoring form " + resource + ": " + e.getMessage(), e);
    }
  }

  static ScoringForm parse(JsonNode root) {
    List<Answer> answers = new ArrayList<>();
    for (JsonNode a : root.path("answers")) {
      JsonNode earned = a.path("earned");
      answers.add(new Answer(a.path("code").asText(), earned.isNull() ? null : earned.asDouble()));
    }
    List<Item> items = new ArrayList<>();
    for (JsonNode section : root.path("sections")) {
      for (JsonNode i : section.path("items")) {
        items.add(
            new Item(
                i.path("id").asText(),
                section.path("name").asText(),
                i.path("text").asText(),
                i.path("weight").asDouble(),
                i.path("na_allowed").asBoolean(),
                i.path("auto_fail").asBoolean()));
      }
    }
    if (items.isEmpty() || answers.isEmpty()) {
      throw new ReportError("a scoring form needs answers and at least one item");
    }
    return new ScoringForm(
        root.path("id").asText(),
        root.path("version").asText(),
        root.path("name").asText(),
        root.path("pass_score").asDouble(),
        List.copyOf(answers),
        List.copyOf(items));
  }

  /** The answer codes an item accepts (不适用 only where N/A is allowed). */
  public List<String> allowedCodes(Item item) {
    List<String> codes = new ArrayList<>();
    for (Answer a : answers) {
      if (a.earned() != null || item.naAllowed()) {
        codes.add(a.code());
      }
    }
    return codes;
  }

  public Answer answer(String code) {
    for (Answer a : answers) {
      if (a.code().equals(code)) {
        return a;
      }
    }
    throw new IllegalArgumentException("not an answer of " + fullVersion() + ": " + code);
  }

  /**
   * Scores one call from its answers by item id; every item must be answered with one of its
   * allowed codes (the import checks that first).
   */
  public Score score(Map<String, String> answersByItem) {
    double earned = 0;
    double possible = 0;
    boolean autoFailed = false;
    List<String> missed = new ArrayList<>();
    for (Item item : items) {
      Answer a = answer(answersByItem.get(item.id()));
      if (a.earned() == null) {
        continue; // N/A: neither earned nor possible
      }
      earned += item.weight() * a.earned();
      possible += item.weight();
      if (a.earned() < 1.0) {
        missed.add(item.id());
      }
      if (item.autoFail() && a.earned() == 0.0) {
        autoFailed = true;
      }
    }
    Double value = possible == 0 ? null : earned / possible;
    boolean failed = autoFailed || (value != null && value < passScore);
    return new Score(value, failed, List.copyOf(missed));
  }

  /** Items by id, in form order. */
  public Map<String, Item> itemsById() {
    Map<String, Item> byId = new LinkedHashMap<>();
    items.forEach(i -> byId.put(i.id(), i));
    return byId;
  }
}
