package policytest

import (
	"errors"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
)

// LoadFS parses every cases file (a name ending in _cases.yaml) of dir in
// fsys, in name order: the files [policy.LoadFS] skips. All mistakes of
// all files are reported at once.
func LoadFS(fsys fs.FS, dir string) ([]*Suite, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var (
		suites []*Suite
		errs   []error
	)
	for _, e := range entries { // fs.ReadDir sorts by name
		if e.IsDir() || !strings.HasSuffix(e.Name(), "_cases.yaml") {
			continue
		}
		name := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		s, err := Parse(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		suites = append(suites, s)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return suites, nil
}

// Check runs s under p and reports each mismatch with t.Errorf, so that a
// jurisdiction's go test fails at the line of the cases file that no
// longer holds.
func Check(t testing.TB, a *newstrata.Assessor, p *policy.Policy, s *Suite) {
	t.Helper()
	for _, m := range s.Run(a, p).Mismatches {
		t.Errorf("%s", m)
	}
}

// CheckFS loads the policies of dir in fsys for j as the city or
// county-district with code from hands them in (as [policy.LoadFS] does),
// and the cases beside them, and checks each suite against the policy it
// names, each with its own classification rules. from is the caller's, never
// read from a file, so that a county's folder is held to the city's locks
// in its tests as on upload; opts go to [policy.LoadFS] (a county that
// extends the embedded baseline passes [policy.WithBaseline]). A policy
// folder without cases, a suite whose policy is not in the folder, or a
// folder that does not load fails t.
func CheckFS(t testing.TB, j *roster.Jurisdiction, from string, fsys fs.FS, dir string, opts ...policy.Option) {
	t.Helper()
	set, err := policy.LoadFS(j, from, fsys, dir, opts...)
	if err != nil {
		t.Fatalf("policies of %s: %v", dir, err)
	}
	suites, err := LoadFS(fsys, dir)
	if err != nil {
		t.Fatalf("cases of %s: %v", dir, err)
	}
	if len(suites) == 0 {
		t.Fatalf("%s holds no cases file (*_cases.yaml)", dir)
	}
	a, err := newstrata.New(newstrata.Config{Policies: set})
	if err != nil {
		t.Fatalf("assessor: %v", err)
	}
	for _, s := range suites {
		p, ok := set.Policy(s.Policy)
		if !ok {
			t.Errorf("%s: policy %q is not in %s", s.Name, s.Policy, dir)
			continue
		}
		Check(t, a, p, s)
	}
}
