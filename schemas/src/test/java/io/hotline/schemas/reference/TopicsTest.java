package io.hotline.schemas.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TopicsTest {
  private static final Topics TOPICS = Topics.standard();

  @Test
  void has27CategoriesAnd146SubCategories() {
    assertThat(TOPICS.categories()).hasSize(27).allMatch(t -> t.level() == 1);
    assertThat(TOPICS.all()).hasSize(27 + 146);
    assertThat(TOPICS.all()).filteredOn(t -> t.level() == 2).hasSize(146);
    int sum = 0;
    for (Topic category : TOPICS.categories()) {
      sum += TOPICS.subcategoriesOf(category.code()).size();
    }
    assertThat(sum).isEqualTo(146);
  }

  @Test
  void findsCategoriesAndSubCategories() {
    assertThat(TOPICS.find("14")).hasValue(new Topic("14", null, 1, "养老保险"));
    assertThat(TOPICS.find("1402")).hasValue(new Topic("1402", "14", 2, "城镇职工基本养老保险"));
    assertThat(TOPICS.find("01")).map(Topic::name).hasValue("综合");
    assertThat(TOPICS.find("27")).map(Topic::name).hasValue("国际公约");
    assertThat(TOPICS.isKnown("1402")).isTrue();
    assertThat(TOPICS.isKnown("1499")).isFalse();
    assertThat(TOPICS.isKnown("99")).isFalse();
    assertThat(TOPICS.isKnown(null)).isFalse();
  }

  @Test
  void subCategoriesBelongToTheirCategory() {
    assertThat(TOPICS.subcategoriesOf("14"))
        .isNotEmpty()
        .allMatch(t -> t.parentCode().equals("14") && t.code().startsWith("14"));
    assertThat(TOPICS.subcategoriesOf("26")).isEmpty();
    assertThat(TOPICS.subcategoriesOf("27")).isEmpty();
    assertThat(TOPICS.subcategoriesOf("99")).isEmpty();
    for (Topic topic : TOPICS.all()) {
      if (topic.level() == 2) {
        assertThat(TOPICS.find(topic.parentCode())).as("parent of %s", topic).isPresent();
      }
    }
  }

  @Test
  void categoryOfTakesTheFirstTwoDigits() {
    assertThat(Topics.categoryOf("1402")).isEqualTo("14");
    assertThat(Topics.categoryOf("14")).isEqualTo("14");
    assertThatThrownBy(() -> Topics.categoryOf("140")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Topics.categoryOf("1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Topics.categoryOf(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void otherSubCategoriesEndIn09Or19AndAreNamedOther() {
    assertThat(TOPICS.isOther("1409")).isTrue();
    assertThat(TOPICS.isOther("0119")).isTrue();
    assertThat(TOPICS.isOther("1909")).isTrue();
    assertThat(TOPICS.isOther("1402")).isFalse();
    assertThat(TOPICS.isOther("09")).isFalse(); // a category, not a sub-category
    assertThat(TOPICS.isOther("19")).isFalse();
    assertThat(TOPICS.isOther("2609")).isFalse(); // not in the table
    // The table's exceptions to the ending rule.
    assertThat(TOPICS.isOther("0109")).isFalse();
    assertThat(TOPICS.isOther("2209")).isFalse();
    assertThat(TOPICS.all()).filteredOn(t -> TOPICS.isOther(t.code())).hasSize(24);
  }

  @Test
  void standardIsLoadedOnceAndVersioned() {
    assertThat(Topics.standard()).isSameAs(TOPICS);
    assertThat(TOPICS.version()).isEqualTo(Topics.VERSION);
  }

  @Test
  void malformedLinesFailWithFileAndLine() {
    assertParseFails(
        "code,parent,level,name\r\n14,,1,养老保险\r\n1402,14,2\r\n", "t.csv:3: expected 4");
    assertParseFails("code,parent,level,name\n14,,1,养老保险\n1402,15,2,x\n", "t.csv:3: expected a");
    assertParseFails("code,parent,level,name\n1402,14,2,x\n", "t.csv:2: parent 14 is not");
    assertParseFails("code,parent,level,name\n14,,1,养老保险\n\n", "t.csv:3: blank line");
    assertParseFails("code,parent,level,name\n14,,one,养老保险\n", "t.csv:2: expected a");
  }

  @Test
  void crlfAndLfFilesParseAlike() throws Exception {
    Topics crlf =
        Topics.parse("t.csv", new StringReader("code,parent,level,name\r\n14,,1,养老保险\r\n"), "v");
    assertThat(crlf.find("14")).map(Topic::name).hasValue("养老保险");
  }

  private static void assertParseFails(String csv, String message) {
    assertThatThrownBy(() -> Topics.parse("t.csv", new StringReader(csv), "test"))
        .isInstanceOf(ReferenceDataException.class)
        .hasMessageStartingWith(message);
  }
}
