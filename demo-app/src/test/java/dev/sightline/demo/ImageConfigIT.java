package dev.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jib image configuration, read from the docker-save tar jib built during package on the Debian
 * JRE base (the image the local node runs as a pod; kind and registries get the same configuration).
 */
class ImageConfigIT {
  @Test
  void imageRunsTheAppAsNonRootWithContainerAwareJvmFlags(@TempDir Path dir) throws Exception {
    Path tar = Path.of("target/jib-image.tar");
    assertThat(tar).as("built by the image-tar jib execution").exists();
    Process p = new ProcessBuilder("tar", "-xf", tar.toAbsolutePath().toString(), "-C", dir.toString())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(dir.resolve("manifest.json").toFile()).get(0);
    JsonNode image = json.readTree(dir.resolve(manifest.get("Config").asText()).toFile());
    JsonNode config = image.get("config");
    String hostArch = switch (System.getProperty("os.arch")) {
      case "aarch64", "arm64" -> "arm64";
      default -> "amd64";
    };
    assertThat(image.get("architecture").asText()).as("built for this machine's architecture").isEqualTo(hostArch);
    assertThat(image.get("os").asText()).isEqualTo("linux");

    assertThat(config.get("User").asText()).isEqualTo("65532:65532");
    List<String> entrypoint = new ArrayList<>();
    config.get("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
    assertThat(entrypoint).startsWith("java").contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError")
        .endsWith("dev.sightline.demo.DemoApp");
    assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(manifest.get("RepoTags").get(0).asText()).startsWith("sightline/demo-app:");
    assertThat(Files.list(dir).filter(f -> f.toString().endsWith(".tar.gz")).count())
        .as("the JRE base layer and jib's dependency, resource and class layers").isGreaterThanOrEqualTo(4);
  }
}
