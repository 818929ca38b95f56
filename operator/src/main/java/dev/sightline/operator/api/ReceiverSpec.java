package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Where one severity's notifications go: any of a webhook, Slack and PagerDuty, each with its
 * credential taken from a Secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.webhook) || has(self.slack) || has(self.pagerDuty)",
    message = "a receiver needs at least one of webhook, slack or pagerDuty, each with its Secret, e.g."
        + " {slack: {apiURL: {name: shop-slack, key: url}, channel: '#shop'}}; leave the severity out to let the"
        + " platform's Alertmanager routes handle it")
public class ReceiverSpec {
  @JsonPropertyDescription("An HTTP webhook; its URL is read from a Secret.")
  public Webhook webhook;

  @JsonPropertyDescription("A Slack channel through an incoming-webhook URL read from a Secret.")
  public Slack slack;

  @JsonPropertyDescription("PagerDuty Events API v2; the routing (integration) key is read from a Secret.")
  public PagerDuty pagerDuty;

  @JsonPropertyDescription("How long Alertmanager waits to batch the first notification of a group. Default: "
      + Defaults.PAGE_GROUP_WAIT + " for pages, " + Defaults.TICKET_GROUP_WAIT + " for tickets.")
  @Size(max = 32)
  @ValidationRule(value = Syntax.PROMETHEUS_DURATION, message = "groupWait must be " + Syntax.PROMETHEUS_DURATION_WORDS)
  public String groupWait;

  @JsonPropertyDescription("How long Alertmanager waits before notifying about changes in a group (new alerts,"
      + " resolved ones). Default: " + Defaults.PAGE_GROUP_INTERVAL + " for pages, " + Defaults.TICKET_GROUP_INTERVAL
      + " for tickets.")
  @Size(max = 32)
  @ValidationRule(value = Syntax.PROMETHEUS_DURATION,
      message = "groupInterval must be " + Syntax.PROMETHEUS_DURATION_WORDS)
  public String groupInterval;

  @JsonPropertyDescription("How long before a still-firing group is notified again. Default: "
      + Defaults.PAGE_REPEAT_INTERVAL + " for pages, " + Defaults.TICKET_REPEAT_INTERVAL + " for tickets.")
  @Size(max = 32)
  @ValidationRule(value = Syntax.PROMETHEUS_DURATION,
      message = "repeatInterval must be " + Syntax.PROMETHEUS_DURATION_WORDS)
  public String repeatInterval;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Webhook {
    @JsonPropertyDescription("The Secret key holding the webhook URL.")
    @io.fabric8.generator.annotation.Required
    public SecretKeyRef url;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Slack {
    @JsonPropertyDescription("The Secret key holding the Slack incoming-webhook URL.")
    @io.fabric8.generator.annotation.Required
    public SecretKeyRef apiURL;

    @JsonPropertyDescription("Channel to post to, e.g. #shop-alerts; default: the webhook's own channel.")
    @Size(max = 80)
    public String channel;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PagerDuty {
    @JsonPropertyDescription("The Secret key holding the PagerDuty Events API v2 routing key.")
    @io.fabric8.generator.annotation.Required
    public SecretKeyRef routingKey;
  }
}
