//go:build tools

// Package tools pins kube-state-metrics, built by e2e/scripts/build-binaries.sh for the local node's
// monitoring stack (kube-prometheus-stack runs it in every cluster; Sightline's dashboards read it).
package tools

import _ "k8s.io/kube-state-metrics/v2"
