#!/usr/bin/env bash
# Shared by the benchmark scripts: builds the operator module (and what it needs), then runs java with the
# operator's test classpath; the arguments are java's (JVM options, the main class, its arguments).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
mvn -q -B -ntp -pl operator -am install -DskipTests
cd operator
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" "$@"
