package io.hotline.schemas.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionsTest {
  private static final String XPCC = "660000";
  private static final Regions REGIONS = Regions.standard();

  @Test
  void hasThirtyOneGbProvincesPlusTheCorps() {
    List<Region> provinces = REGIONS.provinces();
    assertThat(provinces).hasSize(32);
    assertThat(provinces).filteredOn(p -> !p.code().equals(XPCC)).hasSize(31);
    assertThat(REGIONS.find(XPCC))
        .hasValue(new Region(XPCC, "新疆生产建设兵团", RegionLevel.PROVINCE, XPCC));
    assertThat(provinces)
        .extracting(Region::code)
        .doesNotContain("710000", "810000", "820000"); // Taiwan, Hong Kong, Macau
  }

  @Test
  void hasEveryPrefectureLevelDivisionPlusTheGroupingRows() {
    List<Region> cities = REGIONS.cities();
    List<String> groupings =
        List.of(
            "110100", "120100", "310100", "500100", "500200", "419000", "429000", "469000",
            "659000");
    assertThat(cities).extracting(Region::code).containsAll(groupings);
    // 293 cities + 7 地区 + 30 自治州 + 3 盟, then the municipalities and county groups.
    assertThat(cities).filteredOn(c -> !groupings.contains(c.code())).hasSize(333);
    assertThat(cities).hasSize(342);
    assertThat(cities).allMatch(c -> c.level() == RegionLevel.CITY);
  }

  @Test
  void knowsWellKnownCities() {
    assertThat(REGIONS.find("320100")).map(Region::name).hasValue("南京市");
    assertThat(REGIONS.find("440300")).map(Region::name).hasValue("深圳市");
    assertThat(REGIONS.find("110100"))
        .hasValue(new Region("110100", "北京市", RegionLevel.CITY, "110000"));
    assertThat(REGIONS.find("652900")).map(Region::name).hasValue("阿克苏地区");
    assertThat(REGIONS.find("320000")).map(Region::name).hasValue("江苏省");
  }

  @Test
  void everyCityBelongsToAKnownProvince() {
    for (Region city : REGIONS.cities()) {
      assertThat(REGIONS.find(city.provinceCode()))
          .as("province of %s", city)
          .map(Region::level)
          .hasValue(RegionLevel.PROVINCE);
      assertThat(city.provinceCode()).isEqualTo(Regions.provinceOf(city.code()));
      assertThat(REGIONS.citiesOf(city.provinceCode())).contains(city);
    }
  }

  @Test
  void listsAreSortedByCodeAndImmutable() {
    assertThat(REGIONS.provinces()).isSortedAccordingTo((a, b) -> a.code().compareTo(b.code()));
    assertThat(REGIONS.cities()).isSortedAccordingTo((a, b) -> a.code().compareTo(b.code()));
    assertThatThrownBy(() -> REGIONS.cities().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void citiesOfAProvince() {
    assertThat(REGIONS.citiesOf("320000"))
        .hasSize(13)
        .first()
        .extracting(Region::code)
        .isEqualTo("320100");
    assertThat(REGIONS.citiesOf(XPCC)).isEmpty();
    assertThat(REGIONS.citiesOf("990000")).isEmpty();
  }

  @Test
  void centresAreCityOrProvinceCodes() {
    assertThat(REGIONS.isCenter("320100")).isTrue();
    assertThat(REGIONS.isCenter("320000")).isTrue();
    assertThat(REGIONS.isCenter(XPCC)).isTrue();
    assertThat(REGIONS.isCenter(Regions.NATION)).isFalse();
    assertThat(REGIONS.isCenter("320102")).isFalse(); // a district, not a centre level
    assertThat(REGIONS.isCenter("999900")).isFalse();
    assertThat(REGIONS.isCenter(null)).isFalse();
  }

  @Test
  void theNationIsFoundButIsNotAProvince() {
    assertThat(REGIONS.find(Regions.NATION)).map(Region::level).hasValue(RegionLevel.NATION);
    assertThat(REGIONS.provinces()).extracting(Region::code).doesNotContain(Regions.NATION);
    assertThat(REGIONS.find("123")).isEmpty();
  }

  @Test
  void provinceOfTakesTheFirstTwoDigits() {
    assertThat(Regions.provinceOf("320100")).isEqualTo("320000");
    assertThat(Regions.provinceOf("659000")).isEqualTo("650000");
    assertThat(Regions.provinceOf("320000")).isEqualTo("320000");
    assertThatThrownBy(() -> Regions.provinceOf("3201"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Regions.provinceOf("32010a"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void standardIsLoadedOnceAndVersioned() {
    assertThat(Regions.standard()).isSameAs(REGIONS);
    assertThat(REGIONS.version()).isEqualTo(Regions.VERSION);
  }

  @Test
  void malformedLinesFailWithFileAndLine() {
    assertParseFails(
        "code,name,level,province_code\n320000,江苏省,province,320000\n320100,南京市,city\n",
        "test.csv:3: expected 4 columns");
    assertParseFails(
        "code,name,level,province_code\n320000,江苏省,province,320000\n320100,南京市,town,320000\n",
        "test.csv:3: level 'town'");
    assertParseFails(
        "code,name,level,province_code\n320100,南京市,city,330000\n",
        "test.csv:2: province_code 330000");
    assertParseFails(
        "code,name,level,province_code\n320000,江苏省,province,320000\n330100,杭州市,city,330000\n",
        "test.csv:3: province 330000 is not in the file");
    assertParseFails(
        "code,name,level,province_code\n320000,江苏省,province,320000\n320000,江苏,province,320000\n",
        "test.csv:3: duplicate code 320000");
    assertParseFails("code,name\n", "test.csv:1: header");
    assertParseFails(
        "\uFEFFcode,name,level,province_code\n", "test.csv:1: starts with a byte-order");
  }

  private static void assertParseFails(String csv, String message) {
    assertThatThrownBy(() -> Regions.parse("test.csv", new StringReader(csv), "test"))
        .isInstanceOf(ReferenceDataException.class)
        .hasMessageStartingWith(message);
  }
}
