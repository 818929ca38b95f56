package dev.sightline.operator.bench;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.dashboard.DashboardConfigMapRenderer;
import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import dev.sightline.operator.render.ServiceMonitorRenderer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one render: an ObservedService (the golden-file inputs) to ServiceMonitor,
 * PrometheusRule and dashboard ConfigMap (whose JSON is the dashboard), and the same plus the JSON
 * the API request would carry. Run with operator/bench/render.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {
  @Param({"micrometer-minimal", "custom-metrics", "otel-grafana-operator"})
  public String input;
  private ObservedService resource;

  @Setup
  public void load() throws Exception {
    Path file = Path.of(System.getProperty("sightline.golden", "src/test/resources/golden")).resolve(input).resolve("input.yaml");
    resource = Serialization.unmarshal(Files.readString(file), ObservedService.class);
  }

  @Benchmark
  public void render(Blackhole bh) {
    ObservedServiceModel spec = ObservedServiceModel.fromCrd(resource);
    bh.consume(ServiceMonitorRenderer.render(spec));
    bh.consume(PrometheusRuleRenderer.render(spec));
    bh.consume(DashboardConfigMapRenderer.render(spec));
  }

  @Benchmark
  public void renderAndSerialize(Blackhole bh) {
    ObservedServiceModel spec = ObservedServiceModel.fromCrd(resource);
    bh.consume(Serialization.asJson(ServiceMonitorRenderer.render(spec)));
    bh.consume(Serialization.asJson(PrometheusRuleRenderer.render(spec)));
    bh.consume(Serialization.asJson(DashboardConfigMapRenderer.render(spec)));
  }
}
