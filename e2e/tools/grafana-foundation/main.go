// Checks Grafana dashboard JSON files with Grafana's own Go types (grafana-foundation-sdk, generated from
// the schema Grafana publishes): a strict unmarshal (a required field missing, a wrong type or an unknown
// field anywhere, panel options and targets included, with every built-in panel type and data source
// registered) and Validate().
//
//	grafana-foundation-check <dashboard.json>...
//
// Prints one line per error and "<file>: N errors" per file; exits 1 if any file has an error.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/cog/plugins"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: grafana-foundation-check <dashboard.json>...")
		os.Exit(2)
	}
	plugins.RegisterDefaultPlugins()
	failed := false
	for _, file := range os.Args[1:] {
		raw, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		problems := check(raw)
		for _, p := range problems {
			fmt.Printf("%s: %s\n", file, p)
		}
		fmt.Printf("%s: %d errors (grafana-foundation-sdk %s)\n", file, len(problems), sdkVersion())
		failed = failed || len(problems) > 0
	}
	if failed {
		os.Exit(1)
	}
}

func check(raw []byte) []string {
	var d dashboard.Dashboard
	// the strict unmarshal returns its error list typed: empty means none
	if errs := split(d.UnmarshalJSONStrict(raw)); len(errs) > 0 {
		return prefixed("strict unmarshal", errs)
	}
	return prefixed("validate", split(d.Validate()))
}

func split(err error) []error {
	var build cog.BuildErrors
	if errors.As(err, &build) {
		out := make([]error, 0, len(build))
		for _, e := range build {
			out = append(out, e)
		}
		return out
	}
	if err != nil {
		return []error{err}
	}
	return nil
}

func prefixed(what string, errs []error) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		out = append(out, what+": "+e.Error())
	}
	return out
}

func sdkVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == "github.com/grafana/grafana-foundation-sdk/go" {
				return m.Version
			}
		}
	}
	return "(unknown version)"
}
