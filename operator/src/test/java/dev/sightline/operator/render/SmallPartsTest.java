package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallPartsTest {
  @Test
  void parsesPrometheusDurations() {
    assertThat(DurationParser.seconds("300ms")).isEqualTo(0.3);
    assertThat(DurationParser.seconds("1m30s")).isEqualTo(90);
    assertThat(DurationParser.seconds("30d")).isEqualTo(30 * 86400);
    assertThat(DurationParser.seconds("1w")).isEqualTo(7 * 86400);
    assertThatThrownBy(() -> DurationParser.seconds("3 seconds")).isInstanceOf(InvalidSpecException.class);
    assertThatThrownBy(() -> DurationParser.seconds("")).isInstanceOf(InvalidSpecException.class);
  }

  @Test
  void formatsNumbersWithoutLocaleOrNoise() {
    assertThat(Numbers.format(99.5)).isEqualTo("99.5");
    assertThat(Numbers.format(100.0)).isEqualTo("100");
    assertThat(Numbers.format(0.05)).isEqualTo("0.05");
    assertThat(Numbers.format(0.001)).isEqualTo("0.001");
  }

  @Test
  void escapesLabelValuesInPromQl() {
    assertThat(PromQl.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }

  @Test
  void matchesLabelSelectorsLikeKubernetes() {
    var sel = new LabelSelectorBuilder()
        .withMatchLabels(Map.of("app", "shop"))
        .addNewMatchExpression().withKey("tier").withOperator("In").withValues("web", "api").endMatchExpression()
        .addNewMatchExpression().withKey("canary").withOperator("DoesNotExist").endMatchExpression()
        .build();
    assertThat(Selectors.matches(sel, Map.of("app", "shop", "tier", "web"))).isTrue();
    assertThat(Selectors.matches(sel, Map.of("app", "shop", "tier", "db"))).isFalse();
    assertThat(Selectors.matches(sel, Map.of("app", "shop", "tier", "web", "canary", "1"))).isFalse();
    assertThat(Selectors.matches(sel, null)).isFalse();
    assertThat(Selectors.describe(sel)).isEqualTo("app=shop,tier In (web,api),canary DoesNotExist");
  }
}
