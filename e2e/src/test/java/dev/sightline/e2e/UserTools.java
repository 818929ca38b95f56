package dev.sightline.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The command-line tools of a user's machine (kind's provider: kubectl as the user types it): the one a system
 * property names, else the first on PATH. Never the binaries this project caches for the local node, which a
 * user with Docker and kind does not have.
 */
final class UserTools {
  private UserTools() {}

  static Path find(String name, String property) {
    return find(name, property, System.getProperty(property, ""), System.getenv());
  }

  static Path find(String name, String property, String override, Map<String, String> env) {
    if (!override.isBlank()) {
      Path p = Path.of(override);
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(name + " named by a system property is not an executable: " + p);
      }
      return p;
    }
    for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank() && Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name);
      }
    }
    throw new IllegalStateException(name + " is not on PATH (" + env.getOrDefault("PATH", "") + "): install it, "
        + "or name it with -D" + property);
  }
}
