package io.hotline.reports.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default form and the one score formula: weights, N/A left out, auto-fail, pass mark. */
class ScoringFormTest {
  private final ScoringForm form = ScoringForm.standard();

  private Map<String, String> all(String code) {
    Map<String, String> answers = new HashMap<>();
    form.items().forEach(i -> answers.put(i.id(), code));
    return answers;
  }

  @Test
  void theDefaultFormCoversStandardAnswering() {
    assertThat(form.fullVersion()).isEqualTo("standard-answering-v1");
    assertThat(form.items())
        .extracting(ScoringForm.Item::id)
        .containsExactly(
            "greeting", "courtesy", "accuracy", "no_prohibited", "resolution", "closing");
    assertThat(form.items().stream().mapToDouble(ScoringForm.Item::weight).sum()).isEqualTo(100);
    assertThat(form.allowedCodes(form.itemsById().get("greeting"))).doesNotContain("不适用");
    assertThat(form.allowedCodes(form.itemsById().get("accuracy"))).contains("不适用");
  }

  @Test
  void scoreIsWeightedEarnedOverPossibleWithNotApplicableLeftOut() {
    assertThat(form.score(all("符合")).value()).isEqualTo(1.0);
    Map<String, String> a = all("符合");
    a.put("courtesy", "部分符合"); // 15 × 0.5
    a.put("accuracy", "不适用"); // 30 out of both sides
    ScoringForm.Score s = form.score(a);
    assertThat(s.value()).isCloseTo((20 + 7.5 + 15 + 10 + 10) / 70.0, within(1e-12));
    assertThat(s.failed()).isFalse();
    assertThat(s.missedItems()).containsExactly("courtesy");
  }

  @Test
  void anAutoFailItemFailsTheCallWhateverTheScore() {
    Map<String, String> a = all("符合");
    a.put("no_prohibited", "不符合");
    ScoringForm.Score s = form.score(a);
    assertThat(s.value()).isCloseTo(85 / 100.0, within(1e-12));
    assertThat(s.failed()).isTrue();
  }

  @Test
  void aScoreBelowThePassMarkFailsAndAllNotApplicableHasNoScore() {
    Map<String, String> a = all("不符合");
    a.put("no_prohibited", "符合");
    assertThat(form.score(a).failed()).isTrue();
    Map<String, String> onlyNa = all("符合");
    // Every item that allows N/A answered N/A still leaves the others: a score exists.
    onlyNa.put("accuracy", "不适用");
    onlyNa.put("resolution", "不适用");
    assertThat(form.score(onlyNa).value()).isEqualTo(1.0);
  }
}
