package dev.sightline.operator.render;

import dev.sightline.operator.render.routing.AlertmanagerConfigRenderer;
import dev.sightline.operator.api.Defaults;
import java.util.List;

/** A scenario outcome as the cells of its row in docs/alerts.md, and the notification counts the row shows. */
final class ScenarioCells {
  /** The routed inhibitions with the fast burn's the other way round: HighErrorRate and AllRequestsFail mute it. */
  static final List<AlertmanagerConfigRenderer.Inhibition> OPPOSITE = AlertmanagerConfigRenderer.INHIBITIONS.stream()
      .map(i -> i != AlertmanagerConfigRenderer.FAST_BURN_MUTES_SYMPTOMS ? i
          : new AlertmanagerConfigRenderer.Inhibition("opposite", i.target(), i.source()))
      .toList();

  private ScenarioCells() {}

  static String cells(AlertScenario.Outcome o) {
    return String.join(" | ", minutes(o.firstPage()), minutes(o.firstTicket()),
        o.scenario().incident() ? String.valueOf(o.pageEpisodes()) : "–", String.valueOf(o.falsePages()),
        minutes(o.pagesResolvedAfter()),
        o.scenario().incident() ? pages(o, List.of()) + " / " + pages(o, AlertmanagerConfigRenderer.INHIBITIONS) + " / "
            + pages(o, OPPOSITE) : "–",
        o.scenario().incident() ? tickets(o, List.of()) + " / " + tickets(o, AlertmanagerConfigRenderer.INHIBITIONS) : "–",
        o.fired().isEmpty() ? "nothing" : String.join(", ", o.firstFirings().entrySet().stream()
            .map(e -> e.getKey().substring(o.model().alerts().namePrefix().length()) + " (" + e.getValue() + ")")
            .toList()));
  }

  /** Page notifications with the default page timings and these inhibitions. */
  static int pages(AlertScenario.Outcome o, List<AlertmanagerConfigRenderer.Inhibition> inhibitions) {
    return o.notifications(o.pages(), Defaults.PAGE_GROUP_WAIT, inhibitions);
  }

  /** Ticket notifications with the default ticket timings and these inhibitions. */
  static int tickets(AlertScenario.Outcome o, List<AlertmanagerConfigRenderer.Inhibition> inhibitions) {
    return o.notifications(o.tickets(), Defaults.TICKET_GROUP_WAIT, inhibitions);
  }

  static String minutes(Integer m) {
    if (m == null) {
      return "–";
    }
    return m < 120 ? m + " min" : m / 60 + " h " + (m % 60 == 0 ? "" : m % 60 + " min");
  }
}
