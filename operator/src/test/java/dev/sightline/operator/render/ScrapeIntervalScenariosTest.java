package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service scraped every 2 minutes, on the real rule engine: with a fixed 2m error window the
 * ratio existed only every other evaluation and a 20 % error storm on a 99.5 % service paged no
 * one; the windows are now at least four scrapes long.
 */
class ScrapeIntervalScenariosTest {
  static final String HIGH_ERRORS = "SightlineHighErrorRate";
  static final int H = 24 * 60;

  @Test
  void anErrorStormPagesWhenScrapedEveryTwoMinutes(@TempDir Path dir) throws Exception {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.interval = "2m";
    s.scrapeTimeout = "10s";
    s.objectives = new ObjectivesSpec();
    s.objectives.availability = 99.5;
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").build());
    o.setSpec(s);
    ObservedServiceModel model = ObservedServiceModel.fromCrd(o);
    assertThat(Windows.fastError(model)).isEqualTo("8m");

    Traffic t = new Traffic().normal(H).phase(20, 10, 0.20, 0.001, true).normal(30);
    var timeline = PromtoolTimeline.run(dir, model, Traffic.scrapedEvery(t.series(), 2), H - 60, t.minutes(), 1);
    int fired = PromtoolTimeline.firstFiring(timeline, HIGH_ERRORS, H);
    System.out.printf("scenario | %-55s | %s after %d min; fired: %s%n", "interval 2m, 20 % errors for 20 min",
        HIGH_ERRORS, fired - H, PromtoolTimeline.everFired(timeline));
    assertThat(fired).as("HighErrorRate fires").isPositive();
    assertThat(fired - H).as("minutes from storm start to page").isLessThanOrEqualTo(10);
    assertThat(PromtoolTimeline.everFired(timeline.headMap(H))).as("nothing before the storm").isEmpty();
  }

  @Test
  void windowsAreAtLeastFourScrapes() {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.interval = "45s";
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").build());
    o.setSpec(s);
    ObservedServiceModel model = ObservedServiceModel.fromCrd(o);
    assertThat(Windows.fastError(model)).isEqualTo("3m");
    assertThat(Windows.sli(model)).containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d");
    assertThat(Windows.format(90)).isEqualTo("90s");
    assertThat(Windows.format(259200)).isEqualTo("3d");
  }
}
