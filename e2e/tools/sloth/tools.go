//go:build tools

// Package tools pins Sloth, the SLO generator operator/bench/scale.sh and rule-cost.sh run side by side with
// Sightline (its Kubernetes controller, and its rule generator for the same SLOs), built by
// e2e/scripts/build-binaries.sh. Benchmarks only: nothing Sightline ships uses it.
package tools

import _ "github.com/slok/sloth/cmd/sloth"
