package dev.sightline.e2e;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A Prometheus server the tests run themselves, not a prometheus-operator resource (so neither prometheus-operator
 * nor Sightline's selection sees it): a Deployment under the charts' security context, a ConfigMap with its
 * prometheus.yml and any other files (mounted beside it, in /etc/prometheus), and a Service on port web (9090).
 */
final class PlainPrometheus {
  private PlainPrometheus() {}

  static void apply(KubernetesClient admin, String ns, String name, String version, Map<String, String> files) {
    admin.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .withData(files).build()).serverSideApply();
    String yaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %1$s, labels: {app: %1$s}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: %1$s}}
          template:
            metadata: {labels: {app: %1$s}}
            spec:
              securityContext: {runAsNonRoot: true, runAsUser: 65534, fsGroup: 65534}
              containers:
                - name: prometheus
                  image: quay.io/prometheus/prometheus:%2$s
                  imagePullPolicy: IfNotPresent
                  args: [--config.file=/etc/prometheus/prometheus.yml, --storage.tsdb.path=/prometheus]
                  ports: [{name: web, containerPort: 9090}]
                  readinessProbe: {httpGet: {path: /-/ready, port: web}}
                  securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}
                  resources:
                    requests: {cpu: 20m, memory: 64Mi}
                    limits: {cpu: "1", memory: 512Mi}
                  volumeMounts:
                    - {name: config, mountPath: /etc/prometheus}
                    - {name: data, mountPath: /prometheus}
              volumes:
                - {name: config, configMap: {name: %1$s}}
                - {name: data, emptyDir: {}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: %1$s, labels: {app: %1$s}}
        spec:
          selector: {app: %1$s}
          ports: [{name: web, port: 9090, targetPort: web}]
        """.formatted(name, version);
    admin.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).inNamespace(ns).serverSideApply();
  }
}
