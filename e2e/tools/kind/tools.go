//go:build tools

// Package tools pins kind (Kubernetes in Docker), built by e2e/scripts/build-binaries.sh for e2e/kind/: the
// kind binary itself, and its module's base-image files (images/base/files), which the offline node image
// (e2e/kind/node-image.sh) takes from here.
package tools

import _ "sigs.k8s.io/kind"
