package dev.sightline.operator.model;

import dev.sightline.operator.api.ReceiverSpec;

/**
 * Alert routing through Alertmanager, with defaults applied.
 *
 * @param enabled whether an AlertmanagerConfig is generated
 * @param page where page-severity alerts go, or null to leave them to the platform's routes
 * @param ticket where ticket-severity alerts go, or null
 */
public record Routing(boolean enabled, Destination page, Destination ticket) {
  /**
   * One severity's receiver and Alertmanager timings.
   *
   * @param receiver the webhook, Slack and PagerDuty settings (credentials as Secret references)
   */
  public record Destination(ReceiverSpec receiver, String groupWait, String groupInterval, String repeatInterval) {}
}
