//go:build tools

// Package tools pins the CNCF Distribution registry, built by e2e/scripts/build-binaries.sh: .ci/kind runs it as
// "your registry" of the README's first journey (jib pushes both images there, the cluster pulls them).
package tools

import _ "github.com/distribution/distribution/v3/cmd/registry"
