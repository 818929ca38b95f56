package dev.sightline.operator.render;

import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import dev.sightline.operator.render.routing.AlertmanagerConfigRenderer;
import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One incident (or one stretch of noise) replayed on the real rule engine: the service, its scrapes
 * minute by minute, when the incident starts and when the service recovers, and what must hold of the
 * outcome. {@link AlertScenarioTableIT} runs every entry of {@link AlertScenarios} and writes the
 * measured table into docs/alerts.md.
 *
 * @param name what happens, as the table shows it
 * @param conventions the metric conventions it runs in
 * @param model the ObservedService for a convention
 * @param series the scrapes for that model
 * @param from the first checked minute (history before it must exist but is not checked)
 * @param minutes how long the replay lasts
 * @param step minutes between the checked evaluations
 * @param start the incident's first minute, or -1 for noise that must alert on nothing
 * @param recovery the minute the service is healthy again (the end of the replay when it is not)
 * @param expect what must hold, asserted on the outcome
 * @param scrapeSeconds seconds between two samples of the series (rules are evaluated every minute)
 */
record AlertScenario(
    String name,
    Set<MetricConvention> conventions,
    Function<MetricConvention, ObservedServiceModel> model,
    Function<ObservedServiceModel, Map<String, String>> series,
    int from,
    int minutes,
    int step,
    int start,
    int recovery,
    Consumer<Outcome> expect,
    int scrapeSeconds) {

  /** Page episodes that start this long after the recovery still belong to the incident (its alerts resolving). */
  static final int SETTLE_MINUTES = 30;
  /** How far before an incident the checked timeline begins: that hour must be quiet. */
  static final int QUIET_BEFORE = 60;

  boolean incident() {
    return start >= 0;
  }

  /** The first checked minute, never before the first evaluation promtool can check. */
  @Override
  public int from() {
    return Math.max(step, from);
  }

  /** The first checked minute at or after {@code minute}. */
  int checked(int minute) {
    int from = from();
    return minute <= from ? from : from + (minute - from + step - 1) / step * step;
  }

  /**
   * What happened, measured on the timeline.
   *
   * @param model the ObservedService it ran for
   * @param timeline minute -> alerts firing
   * @param pages alert names of page severity in this model's rules
   * @param tickets alert names of ticket severity
   */
  record Outcome(AlertScenario scenario, ObservedServiceModel model, SortedMap<Integer, Set<String>> timeline,
      Set<String> pages, Set<String> tickets) {

    /** Minutes from the incident's start to the first page, or null. */
    Integer firstPage() {
      return first(pages);
    }

    /** Minutes from the incident's start to the first ticket, or null. */
    Integer firstTicket() {
      return first(tickets);
    }

    /** Page episodes (some page firing after none) that start during the incident or while it settles. */
    int pageEpisodes() {
      return scenario.incident() ? episodes(pages, scenario.start, scenario.recovery + SETTLE_MINUTES) : 0;
    }

    /** Ticket episodes (some ticket firing after none) from the incident's start (or the first check) on. */
    int ticketEpisodes() {
      return episodes(tickets, scenario.incident() ? scenario.start : scenario.from(), scenario.minutes);
    }

    /** Page episodes outside the incident: before it, long after it, or anywhere in noise. */
    int falsePages() {
      return episodes(pages, scenario.from(), scenario.minutes) - pageEpisodes();
    }

    /**
     * Minutes from the recovery until no page fires, or null when nothing paged, the replay holds no
     * recovery, or it ends first. Tickets may outlast the incident: a slow-burn window still holds it.
     */
    Integer pagesResolvedAfter() {
      if (firstPage() == null || !scenario.incident() || scenario.recovery >= scenario.minutes) {
        return null;
      }
      for (int m = scenario.checked(scenario.recovery); m <= scenario.minutes; m += scenario.step) {
        if (timeline.getOrDefault(m, Set.of()).stream().noneMatch(pages::contains)) {
          return m - scenario.recovery;
        }
      }
      return null;
    }

    /** Minutes from the incident's start (or the first check) to the first firing of one alert, or null. */
    Integer first(String alert) {
      return first(Set.of(alert));
    }

    /** A page that stopped firing while the incident went on: a "resolved" notification mid-incident. */
    List<String> pagesResolvedMidIncident() {
      List<String> out = new java.util.ArrayList<>();
      if (!scenario.incident()) {
        return out;
      }
      for (String alert : pages) {
        boolean was = false;
        for (int m = scenario.checked(scenario.start); m < scenario.recovery; m += scenario.step) {
          boolean now = timeline.getOrDefault(m, Set.of()).contains(alert);
          if (was && !now) {
            out.add(alert + " at minute " + (m - scenario.start));
          }
          was = now;
        }
      }
      return out;
    }

    /**
     * Notifications for these alerts during the incident and while it settles, as Alertmanager sends them
     * under these inhibitions, one group per alert name: an alert notifies once it has fired for the
     * group_wait and is unmuted, and not again until it has resolved; muted at that time, it notifies when
     * the alert muting it stops, if it still fires. Null for noise.
     */
    Integer notifications(Set<String> alerts, String groupWait,
        List<AlertmanagerConfigRenderer.Inhibition> inhibitions) {
      if (!scenario.incident()) {
        return null;
      }
      // a wait under a minute ends within the minute the alert first fires in (the replay's resolution)
      int waitMinutes = (int) (dev.sightline.operator.model.DurationParser.seconds(groupWait) / 60);
      int n = 0;
      Map<String, Integer> firingSince = new java.util.HashMap<>();
      Set<String> notified = new TreeSet<>();
      for (int m = scenario.checked(scenario.start); m <= scenario.recovery + SETTLE_MINUTES
          && m <= scenario.minutes; m += scenario.step) {
        Set<String> firing = timeline.getOrDefault(m, Set.of());
        notified.retainAll(firing);
        firingSince.keySet().retainAll(firing);
        for (String alert : alerts) {
          if (!firing.contains(alert)) {
            continue;
          }
          firingSince.putIfAbsent(alert, m);
          if (!notified.contains(alert) && m - firingSince.get(alert) >= waitMinutes
              && !muted(alert, firing, inhibitions)) {
            notified.add(alert);
            n++;
          }
        }
      }
      return n;
    }

    /** Alertmanager's rule: an alert matching both sides of a rule is not muted by another that does too. */
    private boolean muted(String alert, Set<String> firing, List<AlertmanagerConfigRenderer.Inhibition> inhibitions) {
      for (var i : inhibitions) {
        var source = i.source().apply(model);
        var target = i.target().apply(model);
        if (source == null || target == null || !matches(target, alert)) {
          continue;
        }
        boolean perObjective = i.equal(model).contains("slo");
        for (String other : firing) {
          if (perObjective && !PromtoolTimeline.objective(other).equals(PromtoolTimeline.objective(alert))) {
            continue;
          }
          if (!other.equals(alert) && matches(source, other) && !(matches(source, alert) && matches(target, other))) {
            return true;
          }
        }
      }
      return false;
    }

    private boolean matches(io.fabric8.openshift.api.model.monitoring.v1alpha1.Matcher m, String alert) {
      String value = switch (m.getName()) {
        case "alertname" -> PromtoolTimeline.alertName(alert);
        case "severity" -> pages.contains(alert) ? model.alerts().pageSeverity() : model.alerts().ticketSeverity();
        default -> throw new IllegalArgumentException("no label " + m.getName() + " in the replay");
      };
      return switch (m.getMatchType()) {
        case "=" -> value.equals(m.getValue());
        case "=~" -> value.matches(m.getValue());
        default -> throw new IllegalArgumentException("match type " + m.getMatchType());
      };
    }

    /** Minutes from the incident's start (or the first check) to the first firing of each alert, earliest first. */
    Map<String, Integer> firstFirings() {
      Map<String, Integer> out = new java.util.LinkedHashMap<>();
      fired().stream().map(a -> Map.entry(a, first(a))).filter(e -> e.getValue() != null)
          .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> out.put(e.getKey(), e.getValue()));
      return out;
    }

    /** Every alert that fired. */
    Set<String> fired() {
      return PromtoolTimeline.everFired(timeline);
    }

    /** Every alert that fired before the incident. */
    Set<String> firedBefore() {
      return PromtoolTimeline.everFired(timeline.headMap(scenario.incident() ? scenario.start : 0));
    }

    private Integer first(Set<String> alerts) {
      int from = scenario.incident() ? scenario.start : scenario.from();
      for (var e : timeline.tailMap(from).entrySet()) {
        if (e.getValue().stream().anyMatch(alerts::contains)) {
          return e.getKey() - from;
        }
      }
      return null;
    }

    /** Episodes over the checked minutes (a minute without an entry had nothing firing). */
    private int episodes(Set<String> alerts, int from, int to) {
      int n = 0;
      boolean was = false;
      for (int m = scenario.checked(from); m <= to; m += scenario.step) {
        boolean now = timeline.getOrDefault(m, Set.of()).stream().anyMatch(alerts::contains);
        n += now && !was ? 1 : 0;
        was = now;
      }
      return n;
    }
  }

  /** Runs it in one convention. */
  Outcome run(java.nio.file.Path dir, MetricConvention convention) throws Exception {
    ObservedServiceModel m = model.apply(convention);
    TreeMap<Integer, Set<String>> timeline = PromtoolTimeline.run(dir, m, series.apply(m), scrapeSeconds, from(), minutes,
        step);
    Set<String> pages = new TreeSet<>();
    Set<String> tickets = new TreeSet<>();
    for (Rule r : PrometheusRuleRenderer.render(m).getSpec().getGroups().stream().flatMap(g -> g.getRules().stream())
        .toList()) {
      if (r.getAlert() != null) {
        String severity = r.getLabels().get("severity");
        (severity.equals(m.alerts().pageSeverity()) ? pages : tickets).add(r.getAlert()
            + (r.getLabels().containsKey("slo") ? "{slo=" + r.getLabels().get("slo") + "}" : ""));
      }
    }
    // a grouped objective's alerts, one per route: of their objective's severity
    for (String fired : PromtoolTimeline.everFired(timeline)) {
      String objective = fired.replaceAll(",route=.*}$", "}");
      if (!objective.equals(fired)) {
        (pages.contains(objective) ? pages : tickets).add(fired);
      }
    }
    return new Outcome(this, m, timeline, pages, tickets);
  }
}
