package policy

import (
	_ "embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/roster"
)

//go:embed data/nanning-2019.yaml
var nanning2019 []byte

// BaselineID is the id of the embedded reference baseline.
const BaselineID = "nanning-2019"

// BaselineFile returns the embedded reference baseline of Nanning (2019),
// parsed: the Annex 3 and Annex 4 rules of DOMAIN.md as data.
func BaselineFile() *File {
	f, err := Parse("nanning-2019.yaml", nanning2019)
	if err != nil {
		panic(err) // the embedded file is tested; a failure here is a build defect
	}
	return f
}

// Baseline returns the embedded reference baseline compiled.
func Baseline(opts ...Option) (*Policy, error) {
	return Compile(BaselineFile().Document, opts...)
}

// Set is a jurisdiction's policies: the city's and its units' versions,
// resolved (extends applied) and compiled. It picks the version in force
// for a unit on a date. A Set is immutable and safe for concurrent use.
type Set struct {
	j        *roster.Jurisdiction
	policies []*Policy // ordered by jurisdiction, then valid_from
	byID     map[string]*Policy
}

// NewSet resolves and compiles files for the jurisdiction j. The embedded
// baseline is always available to extend; a file with the baseline's id
// replaces it. It checks that every extends names a known policy, that no
// chain is cyclic, that an overlay for a unit extends the city's policy or
// one of that unit's own (never another unit's), and that no two versions
// of one jurisdiction are in force on the same day. All problems are
// reported at once.
func NewSet(j *roster.Jurisdiction, files []*File, opts ...Option) (*Set, error) {
	byID := map[string]*File{}
	p := &problems{}
	for _, f := range files {
		if first, dup := byID[f.ID()]; dup {
			p.add(filePos(f), ErrInvalid, "policy id %q is also defined in %s", f.ID(), first.Name)
			continue
		}
		byID[f.ID()] = f
	}
	if _, ok := byID[BaselineID]; !ok {
		byID[BaselineID] = BaselineFile()
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	s := &Set{j: j, byID: map[string]*Policy{}}
	docs := map[string]*Document{}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if _, err := resolve(j, byID, id, docs, nil); err != nil {
			p.errs = append(p.errs, err)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	for _, id := range ids {
		pol, err := Compile(docs[id], opts...)
		if err != nil {
			p.errs = append(p.errs, err)
			continue
		}
		s.byID[id] = pol
		s.policies = append(s.policies, pol)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	slices.SortFunc(s.policies, func(a, b *Policy) int {
		if c := strings.Compare(a.doc.Jurisdiction, b.doc.Jurisdiction); c != 0 {
			return c
		}
		return a.doc.ValidFrom.Compare(b.doc.ValidFrom)
	})
	for i := 1; i < len(s.policies); i++ {
		a, b := s.policies[i-1], s.policies[i]
		if a.doc.Jurisdiction == b.doc.Jurisdiction && (a.doc.ValidUntil.IsZero() || !a.doc.ValidUntil.Before(b.doc.ValidFrom)) {
			p.add(b.doc.Pos, ErrInvalid, "policies %s and %s of %s are both in force on %s; end the first with valid_until", a.doc.ID, b.doc.ID, b.doc.Jurisdiction, b.doc.ValidFrom)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return s, nil
}

func filePos(f *File) Position {
	if f.Overlay != nil {
		return f.Overlay.Pos
	}
	return f.Document.Pos
}

// resolve applies the extends chain of id, memoising in docs; chain holds
// the ids being resolved, to find cycles.
func resolve(j *roster.Jurisdiction, files map[string]*File, id string, docs map[string]*Document, chain []string) (*Document, error) {
	if d, ok := docs[id]; ok {
		return d, nil
	}
	if slices.Contains(chain, id) {
		return nil, &Error{Position: filePos(files[id]), Policy: id, Message: fmt.Sprintf("extends forms a cycle: %s", strings.Join(append(chain[slices.Index(chain, id):], id), " → ")), Err: ErrExtends}
	}
	f := files[id]
	if f.Document != nil {
		if err := checkUnit(j, f.Document.Jurisdiction, f.Document.Pos, id); err != nil {
			return nil, err
		}
		docs[id] = f.Document
		return f.Document, nil
	}
	o := f.Overlay
	if err := checkUnit(j, o.Jurisdiction, o.Pos, id); err != nil {
		return nil, err
	}
	if _, ok := files[o.Extends]; !ok {
		return nil, &Error{Position: o.Pos, Policy: id, Message: fmt.Sprintf("extends %q, which is not a known policy", o.Extends), Err: ErrExtends}
	}
	base, err := resolve(j, files, o.Extends, docs, append(chain, id))
	if err != nil {
		return nil, err
	}
	if base.Jurisdiction != o.Jurisdiction && base.Jurisdiction != j.Code {
		return nil, &Error{Position: o.Pos, Policy: id, Message: fmt.Sprintf("a policy of %s cannot extend %s, which belongs to %s; extend the city's policy or one of %s's own", o.Jurisdiction, base.ID, base.Jurisdiction, o.Jurisdiction), Err: ErrExtends}
	}
	d, err := o.Apply(base)
	if err != nil {
		return nil, err
	}
	docs[id] = d
	return d, nil
}

func checkUnit(j *roster.Jurisdiction, code string, at Position, id string) error {
	if code == j.Code {
		return nil
	}
	if _, ok := j.Unit(code); ok {
		return nil
	}
	return &Error{Position: at, Policy: id, Message: fmt.Sprintf("jurisdiction %q is neither %s nor one of its units", code, j.Name), Err: ErrExtends}
}

// LoadFS parses every *.yaml file of fsys under dir (not those ending in
// _cases.yaml, which hold test cases) and builds a Set from them.
func LoadFS(j *roster.Jurisdiction, fsys fs.FS, dir string, opts ...Option) (*Set, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var files []*File
	p := &problems{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, "_cases.yaml") {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		f, err := Parse(path.Join(dir, name), data)
		if err != nil {
			p.errs = append(p.errs, err)
			continue
		}
		files = append(files, f)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return NewSet(j, files, opts...)
}

// Policy returns the policy with the id.
func (s *Set) Policy(id string) (*Policy, bool) {
	p, ok := s.byID[id]
	return p, ok
}

// For returns the policy in force for unit on day: the unit's own version if
// it has one in force, else the city's.
func (s *Set) For(unit string, day roster.Date) (*Policy, error) {
	if u, ok := s.j.Unit(unit); ok {
		unit = u.Code
	}
	for _, code := range []string{unit, s.j.Code} {
		for _, p := range s.policies {
			if p.doc.Jurisdiction == code && p.InForce(day) {
				return p, nil
			}
		}
	}
	return nil, fmt.Errorf("%w: %s on %s", ErrNoPolicy, s.j.UnitName(unit), day)
}
