package dev.sightline.operator.status;

/**
 * Reasons of the status conditions and Events, most important problem first: when several hold,
 * Ready reports the first.
 */
public enum Reason {
  /** The spec passed the API server but cannot be turned into objects. */
  InvalidSpec(true),
  /** An object with a generated name belongs to someone else. */
  NameClash(true),
  /** The API server refused an object. */
  ApplyFailed(true),
  /** An immutable field changed: the object is deleted and made again. */
  Replacing(true),
  /** prometheus-operator's or grafana-operator's CRD is not installed. */
  CrdMissing(true),
  /** No Service matches. */
  ServiceNotFound(true),
  /** The Prometheus and PrometheusAgent resources or the namespaces could not be read. */
  PrometheusesUnreadable(true),
  /** There is no Prometheus resource in the cluster. */
  NoPrometheus(true),
  /** No Prometheus selects the ServiceMonitor and PrometheusRule. */
  NotSelected(true),
  /** The Alertmanager resources could not be read (with the Prometheus ones). */
  AlertmanagersUnreadable(true),
  /** There is no Alertmanager resource in the cluster. */
  NoAlertmanager(true),
  /** No Alertmanager selects the AlertmanagerConfig. */
  AlertmanagerNotSelected(true),
  /** A Prometheus with several shards evaluates the rules, each shard on its part of the targets. */
  ShardedRules(true),
  /** A ThanosRuler and another instance both evaluate the rules: every series and alert twice. */
  DoubleEvaluation(true),
  /** A selecting Prometheus did not answer its HTTP API. */
  PrometheusUnreachable(true),
  /** Prometheus has no target for the ServiceMonitor. */
  NoTargets(true),
  /** Some targets are down. */
  TargetsDown(true),
  /** Some targets have not been scraped yet (health unknown), none is down. */
  TargetsPending(true),
  /** The rule group is not (yet) loaded. */
  RulesNotLoaded(true),
  /** A rule fails to evaluate. */
  RuleErrors(true),
  /** The target exposes another metric convention's series. */
  ConventionMismatch(true),
  /** The latency histogram has no bucket at the objective's threshold. */
  BucketMissing(true),
  /** The series the convention needs are not there. */
  MetricsMissing(true),
  /** Prometheus has not been asked yet about this ObservedService. */
  NotCheckedYet(true),
  /** Every generated object is applied. */
  Applied(false),
  /** The watched Services exist. */
  Found(false),
  /** Everything holds. */
  Ready(false),
  /** A Prometheus selects the ServiceMonitor and PrometheusRule. */
  Selected(false),
  /** An Alertmanager selects the AlertmanagerConfig. */
  AlertmanagerSelected(false),
  /** Every target is up. */
  TargetsUp(false),
  /** The rule group is loaded and evaluates without errors. */
  RulesHealthy(false),
  /** The convention's series (and the latency bucket) exist. */
  MetricsPresent(false),
  /** The convention's series exist; the latency SLI interpolates between the buckets around the threshold. */
  BucketInterpolated(false),
  /** The convention's series exist; the latency SLI counts with the native histogram's histogram_fraction. */
  NativeHistogram(false),
  /** Scraped, evaluated and alerting: the whole loop works. */
  Monitored(false);

  private final boolean problem;

  Reason(boolean problem) {
    this.problem = problem;
  }

  public boolean isProblem() {
    return problem;
  }
}
