// promql-names reads a JSON array of PromQL expressions on stdin, parses each with Prometheus' own
// parser, and prints a JSON object mapping each expression to the sorted metric names its vector and
// matrix selectors use. A selector without an exact metric name is reported as written (for example
// {__name__=~"foo.*"}), so a caller that checks names against a scrape sees it instead of missing it.
// Any expression that does not parse is printed on stderr with the parser's error, and the exit code is 1.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"
)

func main() {
	var exprs []string
	if err := json.NewDecoder(os.Stdin).Decode(&exprs); err != nil {
		fmt.Fprintf(os.Stderr, "promql-names: stdin is not a JSON array of strings: %v\n", err)
		os.Exit(2)
	}
	// promtool's own parser options (none of its feature flags), so both read PromQL the same way.
	p := parser.NewParser(parser.Options{})
	names := make(map[string][]string, len(exprs))
	failed := 0
	for _, input := range exprs {
		expr, err := p.ParseExpr(input)
		if err != nil {
			fmt.Fprintf(os.Stderr, "promql-names: %v\n  in: %s\n", err, input)
			failed++
			continue
		}
		names[input] = selectorNames(expr)
	}
	out := json.NewEncoder(os.Stdout)
	out.SetIndent("", "  ")
	if err := out.Encode(names); err != nil {
		fmt.Fprintf(os.Stderr, "promql-names: %v\n", err)
		os.Exit(2)
	}
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "promql-names: %d of %d expressions do not parse\n", failed, len(exprs))
		os.Exit(1)
	}
}

// selectorNames: every vector selector, also the one inside a matrix selector or a subquery, is visited.
func selectorNames(expr parser.Expr) []string {
	seen := map[string]bool{}
	parser.Inspect(expr, func(node parser.Node, _ []parser.Node) error {
		if vs, ok := node.(*parser.VectorSelector); ok {
			seen[nameOf(vs)] = true
		}
		return nil
	})
	result := make([]string, 0, len(seen))
	for name := range seen {
		result = append(result, name)
	}
	sort.Strings(result)
	return result
}

func nameOf(vs *parser.VectorSelector) string {
	if vs.Name != "" {
		return vs.Name
	}
	for _, m := range vs.LabelMatchers {
		if m.Name == labels.MetricName && m.Type == labels.MatchEqual {
			return m.Value
		}
	}
	return vs.String()
}
