#!/usr/bin/env bash
# The main job on a machine without Docker (the local provider): a real control plane (etcd,
# kube-apiserver, kube-controller-manager), the real prometheus-operator and a Prometheus on the
# configuration it generates, the Sightline charts installed with Helm, the operator and the demo app
# (as local processes standing in for their pods), and normal load. Prints where to look and runs
# until Ctrl-C, which stops every process it started. With Docker and kind, use e2e/kind/up.sh instead.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

"$here/setup.sh"
cd "$root"
echo "local-up: building"
mvn -q -B -ntp -DskipTests install
cp_file=$(mktemp)
mvn -q -B -ntp -pl e2e dependency:build-classpath -Dmdep.outputFile="$cp_file" -DincludeScope=test
exec java -cp "$root/e2e/target/test-classes:$(cat "$cp_file")" dev.sightline.e2e.LocalStack
