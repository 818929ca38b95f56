package dev.sightline.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.GeneratedDocs;
import dev.sightline.operator.runtime.OperatorSettings.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's table of environment variables is generated from their one declaration
 * ({@link OperatorSettings#VARIABLES}); the defaults it shows are the ones the operator applies, and
 * the chart sets no variable the operator does not read.
 */
class ConfigurationReferenceTest {
  @Test
  void theEnvironmentTableIsGeneratedFromTheSettings() throws Exception {
    StringBuilder md = new StringBuilder("| Variable | Default | Meaning |\n|---|---|---|\n");
    for (Variable v : OperatorSettings.VARIABLES) {
      md.append("| `").append(v.name()).append("` | ").append(v.defaultText()).append(" | ").append(v.meaning())
          .append(" |\n");
    }
    GeneratedDocs.check(GeneratedDocs.DOCS.resolve("configuration.md"), "ConfigurationReferenceTest",
        Map.of("environment-table", md.toString()));
  }

  @Test
  void theDefaultsShownAreTheOnesApplied() throws Exception {
    OperatorSettings s = OperatorSettings.fromEnv(Map.of());
    assertThat(OperatorSettings.HTTP_PORT.defaultText()).isEqualTo("`" + s.httpPort() + "`");
    assertThat(OperatorSettings.CONCURRENCY.defaultText()).isEqualTo("`" + s.concurrency() + "`");
    assertThat(OperatorSettings.LEADER_ELECTION.defaultText()).isEqualTo("`" + s.leaderElection() + "`");
    assertThat(OperatorSettings.LEASE_NAME.defaultText()).isEqualTo("`" + s.leaseName() + "`");
    assertThat(OperatorSettings.RESYNC_INTERVAL.defaultText()).isEqualTo("`" + s.resyncInterval().toHours() + "h`");
    assertThat(OperatorSettings.CHECK_INTERVAL.defaultText())
        .isEqualTo("`" + s.checks().interval().toSeconds() + "s`");
    assertThat(OperatorSettings.PROMETHEUS_TIMEOUT.defaultText())
        .isEqualTo("`" + s.checks().timeout().toSeconds() + "s`");
    assertThat(OperatorSettings.PROMETHEUS_URL.defaultText()).isEqualTo("`" + s.checks().urlTemplate() + "`");
    String logback = Files.readString(Path.of("src/main/resources/logback.xml"));
    assertThat(logback).contains("${" + OperatorSettings.LOG_LEVEL.name() + ":-INFO}");
    assertThat(OperatorSettings.LOG_LEVEL.defaultText()).isEqualTo("`INFO`");
  }

  @Test
  void theChartSetsOnlyDeclaredVariables() throws Exception {
    String deployment = Files.readString(Path.of("../charts/sightline-operator/templates/deployment.yaml"));
    Matcher m = Pattern.compile("name: (SIGHTLINE_[A-Z_]+)").matcher(deployment);
    TreeSet<String> set = new TreeSet<>();
    while (m.find()) {
      set.add(m.group(1));
    }
    assertThat(set).isNotEmpty();
    assertThat(OperatorSettings.VARIABLES.stream().map(Variable::name).toList()).containsAll(set);
  }
}
