package dev.sightline.operator.dependent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The digest a generated object carries ({@link OwnedDependent#DIGEST}): of what it is rendered from, not of the
 * rendering. The renderers are pure functions of the model, so the object's type, the model, the owner's uid and the
 * code that renders (this build's operator classes and the versions of the libraries that serialise the objects)
 * determine the object byte for byte. Comparing it takes no rendering: a restart recognises a thousand unchanged
 * objects from the metadata in its caches at the cost of writing each model's JSON (about a kilobyte) instead of
 * rendering and serialising its rule set and dashboard (tens of kilobytes). Another build of the operator digests
 * differently and applies each object once.
 */
final class RenderedFrom {
  /** Records in declaration order, maps by key: the same model always writes the same JSON. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final String OPERATOR_CLASSES = "dev/sightline/operator/";
  /** This build: its operator classes, and the library jars (named with their versions) that write the objects. */
  static final String BUILD = build();

  private RenderedFrom() {}

  /** SHA-256 of the build, the object's type, its owner's uid and the model it is rendered from. */
  static String digest(Class<?> type, ObservedServiceModel model, String ownerUid) {
    MessageDigest sha = sha256();
    for (String part : List.of(BUILD, type.getName(), ownerUid == null ? "" : ownerUid)) {
      sha.update(part.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    try {
      sha.update(JSON.writeValueAsBytes(model));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the model of " + model.namespace() + "/" + model.name(), e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String build() {
    MessageDigest sha = sha256();
    Path classes = location(RenderedFrom.class);
    try {
      if (Files.isDirectory(classes)) {
        Path root = classes.resolve(OPERATOR_CLASSES);
        try (Stream<Path> files = Files.walk(root)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
            sha.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(f));
          }
        }
      } else {
        try (JarFile jar = new JarFile(classes.toFile())) {
          for (JarEntry e : jar.stream().filter(e -> e.getName().startsWith(OPERATOR_CLASSES)
              && e.getName().endsWith(".class")).sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
            sha.update(e.getName().getBytes(StandardCharsets.UTF_8));
            try (InputStream in = jar.getInputStream(e)) {
              sha.update(in.readAllBytes());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the operator's classes at " + classes, e);
    }
    for (Class<?> library : List.of(ConfigMap.class, PrometheusRule.class, ObjectMapper.class)) {
      sha.update(location(library).getFileName().toString().getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static Path location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
