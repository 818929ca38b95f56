package dev.sightline.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.it.Fixtures;
import dev.sightline.testsupport.TestCluster;
import dev.sightline.operator.status.Reason;
import dev.sightline.operator.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events on the real API server: a repeated problem is one Event with a count, as kubelet's recorder does. */
class EventRecorderIT {
  @Test
  void aRepeatedProblemRaisesTheCountOfOneEventAndANewOneAddsAnother() {
    KubernetesClient client = TestCluster.shared().client();
    String ns = Fixtures.namespace(client, "events");
    ObservedService o = client.resource(Fixtures.observed(ns, "shop", new ObservedServiceSpec())).create();
    EventRecorder recorder = new EventRecorder(client);
    var clash = new StatusBuilder.Announcement(true, Reason.NameClash, "ServiceMonitor shop already exists");

    recorder.record(o, clash);
    recorder.record(o, clash);
    recorder.record(o, clash);
    recorder.record(o, new StatusBuilder.Announcement(false, Reason.Ready, "recovered"));

    List<Event> events = client.v1().events().inNamespace(ns).list().getItems();
    assertThat(events).hasSize(2);
    assertThat(events).filteredOn(e -> "NameClash".equals(e.getReason())).singleElement().satisfies(e -> {
      assertThat(e.getCount()).isEqualTo(3);
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getInvolvedObject().getUid()).isEqualTo(o.getMetadata().getUid());
    });
    assertThat(events).filteredOn(e -> "Ready".equals(e.getReason())).singleElement()
        .satisfies(e -> assertThat(e.getType()).isEqualTo("Normal"));
  }
}
