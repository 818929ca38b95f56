package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.operator.render.rules.Windows;
import dev.sightline.operator.render.rules.BucketBoundary;
import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.model.InvalidSpecException;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.Selectors;
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

  @Test
  void latencyBucketMatcherAcceptsEveryClientLibrarysSpelling() {
    assertThat("0.3").matches(BucketBoundary.leRegex(0.3));
    assertThat("0.30").matches(BucketBoundary.leRegex(0.3));
    assertThat("0.35").doesNotMatch(BucketBoundary.leRegex(0.3));
    assertThat("1").matches(BucketBoundary.leRegex(1));
    assertThat("1.0").matches(BucketBoundary.leRegex(1));
    assertThat("10.0").doesNotMatch(BucketBoundary.leRegex(1));
    assertThat("0.1").doesNotMatch(BucketBoundary.leRegex(1));
    assertThat(BucketBoundary.describe(0.3)).isEqualTo("le=\"0.3\"");
  }

  @Test
  void burnRateFactorsScaleWithTheSloWindowLikeSloth() {
    var pairs = Windows.PAIRS;
    assertThat(pairs.stream().map(p -> p.factor("30d")).toList()).containsExactly(14.4, 6.0, 3.0, 1.0);
    // never below 1: a burn the SLO window absorbs neither pages nor tickets
    assertThat(pairs.stream().map(p -> p.factor("28d")).toList()).containsExactly(13.44, 5.6, 2.8, 1.0);
    // Sloth's 7d catalog, its 0.98 raised to 1
    assertThat(pairs.stream().map(p -> p.factor("7d")).toList()).containsExactly(13.44, 3.5, 1.4, 1.0);
    assertThat(pairs.stream().map(p -> p.factor("1w")).toList()).containsExactly(13.44, 3.5, 1.4, 1.0);
    assertThat(pairs.stream().map(p -> p.factor("90d")).toList()).containsExactly(43.2, 18.0, 9.0, 3.0);
  }
}
