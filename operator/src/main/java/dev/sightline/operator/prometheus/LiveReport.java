package dev.sightline.operator.prometheus;

import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.reconcile.Reason;

/**
 * What the last check cycle found for one ObservedService, compared by value: a cycle that finds
 * the same as the one before triggers no reconciliation and writes nothing.
 *
 * @param selection the selection message it was checked under (a change of it re-checks the status)
 * @param targets targets up / targets, e.g. 2/3, or null when no Prometheus was asked
 * @param firing alerts of this service firing in the selecting Prometheus servers
 * @param found with metrics.convention auto: the convention found, or null
 * @param histogram the latency histogram's layout found ({@link Histogram#UNKNOWN} when none)
 */
public record LiveReport(
    String selection, Check scraped, Check rulesLoaded, Check metricsFound, String targets, int firing,
    MetricConvention found, Histogram histogram) {

  /** One condition's worth: its status (True, False, Unknown), reason and message. */
  public record Check(String status, Reason reason, String message) {
    public static Check ok(Reason reason, String message) {
      return new Check("True", reason, message);
    }

    public static Check failed(Reason reason, String message) {
      return new Check("False", reason, message);
    }

    public static Check unknown(Reason reason, String message) {
      return new Check("Unknown", reason, message);
    }

    public boolean holds() {
      return "True".equals(status);
    }
  }
}
