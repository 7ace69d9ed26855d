package policy

import (
	_ "embed"
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/formula"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/newstrata/newstrata/roster"
)

//go:embed data/nanning-2019.yaml
var nanning2019 []byte

// BaselineID is the id of the embedded reference baseline.
const BaselineID = "nanning-2019"

// BaselineFile returns the embedded reference baseline of Nanning (2019),
// parsed: the Annex 3 and Annex 4 rules of DOMAIN.md as data.
func BaselineFile() *File {
	f, err := Parse("450100", "nanning-2019.yaml", nanning2019)
	if err != nil {
		panic(err) // the embedded file is tested; a failure here is a build defect
	}
	return f
}

// Baseline returns the embedded reference baseline compiled, its lists
// bound to Nanning's units ([roster.Nanning]) as a [Set] binds them.
func Baseline(opts ...Option) (*Policy, error) {
	pol, err := Compile(BaselineFile().Document, opts...)
	if err != nil {
		return nil, err
	}
	p := &problems{policy: BaselineID}
	bindLists(pol, roster.Nanning(), true, p)
	if err := p.err(); err != nil {
		return nil, err
	}
	return pol, nil
}

// Set is a jurisdiction's policies: the city's and its units' versions,
// resolved (extends applied) and compiled. It picks the version in force
// for a unit on a date. A Set is immutable and safe for concurrent use.
type Set struct {
	j        *roster.Jurisdiction
	policies []*Policy // the caller's, ordered by unit, then valid_from
	units    map[*Policy]string
	// fallback is the embedded baseline when no file replaces it: in force
	// for the city until the day before the city's first own version
	// (fallbackUntil; zero when the city has none).
	fallback      *Policy
	fallbackUntil roster.Date
	byID          map[string]*Policy
	// candidates lists, for each code of the city and its units (former
	// codes too), the policies For tries in order: the unit's, then the
	// city's.
	candidates map[string][]*Policy
}

// NewSet resolves and compiles files for the jurisdiction j. With
// [WithBaseline] the embedded baseline is in Nanning's set to extend; a
// file the city hands in with the baseline's id replaces it. Unless so
// replaced, the baseline is in force for the city until the day before the city's first
// own version, so that the city's own versions (say one from 2022-01-01
// that extends it) take over from it without editing it; a unit's overlay
// that extends it without valid_from ends on that day too. It checks that
// every extends names a known policy, that no chain is cyclic, that an
// overlay for a unit extends the city's policy or one of that unit's own
// (never another unit's), and that no two versions of one jurisdiction are
// in force on the same day.
//
// Each file's [File.From] says who hands it in. A file the city hands in
// may do all the above. A county-district's file must be an overlay of its
// own unit (its jurisdiction that unit, by its present or a former code)
// that extends the city's policy or one of the unit's own; it may not use
// the id of a policy of the city's or another unit's, nor set locks, and
// the policy it makes must keep what the [Locks] of the city's policy it is
// built on keep. Each refusal wraps [ErrLocked] and names its [Lock]. All
// problems are reported at once.
func NewSet(j *roster.Jurisdiction, files []*File, opts ...Option) (*Set, error) {
	if j == nil {
		return nil, errorf("没有给出市（Jurisdiction）", "no jurisdiction given")
	}
	var o options
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	byID := map[string]*File{}
	p := &problems{}
	unitOf := func(code string) (string, bool) {
		if code == j.Code {
			return code, true
		}
		u, ok := j.Unit(code)
		return u.Code, ok
	}
	// The city's files come first, so that a county-district's file that
	// takes an id of the city's is the one refused.
	var city, units []*File
	for i, f := range files {
		if f == nil || (f.Document == nil) == (f.Overlay == nil) {
			p.add(formula.Position{}, ErrInvalid, "第 %d 个文件为空：请用 policy.Parse 读取", "file %d is empty: read it with policy.Parse", i+1)
			continue
		}
		switch u, ok := unitOf(f.From); {
		case f.From == "":
			p.add(f.posOf("id"), ErrInvalid, "未注明文件由哪个单位报送（File.From）；调用方须给出市或区县的代码", "the file does not say which unit hands it in (File.From); the caller gives the code of the city or one of its units")
		case !ok:
			p.add(f.posOf("id"), ErrInvalid, "报送单位 %[1]q 既不是%[2]s（%[3]s），也不是其下辖区县", "the unit that hands the file in, %[1]q, is neither %[2]s (%[3]s) nor one of its units", f.From, j.Name, j.Code)
		case u == j.Code:
			city = append(city, f)
		default:
			units = append(units, f)
		}
	}
	baseline := BaselineFile()
	baselineHere := o.baseline && baseline.Document.Jurisdiction == j.Code
	for _, f := range append(city, units...) {
		from, _ := unitOf(f.From)
		first, dup := byID[f.ID()]
		var owner string
		if dup {
			owner, _ = unitOf(first.From)
		} else if f.ID() == BaselineID && baselineHere && from != j.Code {
			dup, owner = true, j.Code
		}
		switch {
		case dup && owner != from && from != j.Code:
			lp := &problems{policy: f.ID()}
			lp.locked(f.posOf("id"), LockIDs, "编号 %[1]q 是%[2]s（%[3]s）的政策编号，%[4]s不能使用；请另取编号", "id %[1]q is that of a policy of %[2]s (%[3]s), which %[4]s cannot use; choose another id", f.ID(), j.UnitName(owner), owner, j.UnitName(from))
			p.errs = append(p.errs, lp.errs...)
			continue
		case dup:
			p.add(f.posOf("id"), ErrInvalid, "政策编号 %q 在 %s 中也有定义", "policy id %q is also defined in %s", f.ID(), first.Name)
			continue
		}
		byID[f.ID()] = f
	}
	_, replaced := byID[BaselineID]
	if !replaced && baselineHere {
		// The baseline is Nanning's: another city's set does without it.
		byID[BaselineID] = baseline
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	r := &resolver{j: j, files: byID, docs: map[string]*Document{}, failed: map[string]bool{}, embedded: !replaced}
	// The city's policies are resolved first: the first day of the city's
	// own versions ends the embedded baseline, and with it a unit's overlay
	// that extends the baseline without a period of its own. A city's
	// policy never extends a unit's, so none of them needs that day.
	errs := map[string]error{}
	for _, city := range []bool{true, false} {
		for _, id := range ids {
			if isCity := r.unit(byID[id].jurisdiction()) == j.Code; isCity != city {
				continue
			}
			if _, err := r.resolve(id, nil); err != nil && err != errReported {
				errs[id] = err
			}
		}
		if city {
			r.endBaseline()
		}
	}
	for _, id := range ids {
		if err, ok := errs[id]; ok {
			p.errs = append(p.errs, err)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}

	s := &Set{j: j, byID: map[string]*Policy{}, units: map[*Policy]string{}, fallbackUntil: r.baselineUntil}
	// A policy whose base does not compile is not compiled again: its base's
	// errors would be reported twice.
	broken, visiting := map[string]bool{}, map[string]bool{}
	var compile func(id string)
	compile = func(id string) {
		if _, done := s.byID[id]; done || broken[id] || visiting[id] {
			return
		}
		visiting[id] = true
		d := r.docs[id]
		// A full document built in Go may name in Extends a policy that is
		// not in the set, or even one built on it: it is kept for the
		// record only.
		if _, known := r.docs[d.Extends]; known {
			compile(d.Extends)
			if broken[d.Extends] {
				broken[id] = true
				return
			}
		}
		pol, err := Compile(d, opts...)
		if err != nil {
			broken[id] = true
			p.errs = append(p.errs, err)
			return
		}
		// The lists are the city's: checked once, in the city's
		// policies; a unit's inherit them.
		lp := &problems{policy: id}
		bindLists(pol, j, s.unit(d.Jurisdiction) == j.Code, lp)
		if err := lp.err(); err != nil {
			broken[id] = true
			p.errs = append(p.errs, lp.errs...)
			return
		}
		s.byID[id] = pol
		s.units[pol] = s.unit(d.Jurisdiction)
		if id == BaselineID && !replaced {
			s.fallback = pol
			return
		}
		s.policies = append(s.policies, pol)
	}
	for _, id := range ids {
		compile(id)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	slices.SortFunc(s.policies, func(a, b *Policy) int {
		if c := strings.Compare(s.units[a], s.units[b]); c != 0 {
			return c
		}
		if c := a.doc.ValidFrom.Compare(b.doc.ValidFrom); c != 0 {
			return c
		}
		return strings.Compare(a.doc.ID, b.doc.ID)
	})
	for i, b := range s.policies {
		for _, a := range s.policies[:i] {
			if s.units[a] == s.units[b] && (a.doc.ValidUntil.IsZero() || !a.doc.ValidUntil.Before(b.doc.ValidFrom)) {
				code := s.units[b]
				p.add(b.doc.posOf("valid_from"), ErrInvalid, "%[3]s（%[4]s）的政策 %[1]s 和 %[2]s 在 %[5]s 同时生效；请用失效日期（valid_until）结束前一个", "policies %s and %s of %s (%s) are both in force on %s; end the first with valid_until", a.doc.ID, b.doc.ID, s.j.UnitName(code), code, b.doc.ValidFrom)
			}
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	s.candidates = map[string][]*Policy{}
	codes := []string{j.Code}
	for _, u := range j.Units {
		codes = append(append(codes, u.Code), u.Former...)
	}
	for _, code := range codes {
		if _, ok := s.candidates[code]; ok {
			continue
		}
		var list []*Policy
		for _, c := range []string{s.unit(code), j.Code} {
			for _, pol := range s.policies {
				if s.units[pol] == c && !slices.Contains(list, pol) {
					list = append(list, pol)
				}
			}
		}
		s.candidates[code] = list
	}
	return s, nil
}

// unit returns the present code of the city or unit with code (a unit may
// be named by a former code), or code itself when it is neither.
func (s *Set) unit(code string) string {
	if u, ok := s.j.Unit(code); ok {
		return u.Code
	}
	return code
}

// jurisdiction returns the code of the city or unit the file's policy is for.
func (f *File) jurisdiction() string {
	if f.Overlay != nil {
		return f.Overlay.Jurisdiction
	}
	return f.Document.Jurisdiction
}

// posOf returns where the value of a top-level field of the file is.
func (f *File) posOf(field string) formula.Position {
	if f.Overlay != nil {
		return f.Overlay.posOf(field)
	}
	return f.Document.posOf(field)
}

// posOf returns where the value of a top-level field is, or where the
// overlay starts when the field is not in its file.
func (o *Overlay) posOf(field string) formula.Position {
	if at, ok := o.fields[field]; ok {
		return at
	}
	return o.Pos
}

// errReported stands for an error already reported for another policy of
// the same extends chain.
var errReported = errors.New("reported")

// resolver applies the extends chains of a set's files.
type resolver struct {
	j      *roster.Jurisdiction
	files  map[string]*File
	docs   map[string]*Document
	failed map[string]bool
	// embedded is set when the set holds the embedded baseline; then
	// baselineUntil is the day before the city's first own version (zero
	// when the city has none), and first is that version.
	embedded      bool
	baselineUntil roster.Date
	first         *Document
}

// endBaseline sets the day the embedded baseline ends from the city's own
// versions resolved so far.
func (r *resolver) endBaseline() {
	if !r.embedded {
		return
	}
	for id, d := range r.docs {
		if id == BaselineID || r.unit(d.Jurisdiction) != r.j.Code {
			continue
		}
		if r.first == nil || d.ValidFrom.Before(r.first.ValidFrom) || d.ValidFrom == r.first.ValidFrom && d.ID < r.first.ID {
			r.first = d
		}
	}
	if r.first != nil {
		t := time.Date(r.first.ValidFrom.Year, r.first.ValidFrom.Month, r.first.ValidFrom.Day-1, 0, 0, 0, 0, time.UTC)
		r.baselineUntil = roster.NewDate(t.Year(), t.Month(), t.Day())
	}
}

// resolve applies the extends chain of id, memoising in docs; chain holds
// the ids being resolved, to find cycles. A policy that fails, and every
// policy of its chain, is reported once.
func (r *resolver) resolve(id string, chain []string) (*Document, error) {
	if d, ok := r.docs[id]; ok {
		return d, nil
	}
	if r.failed[id] {
		return nil, errReported
	}
	if i := slices.Index(chain, id); i >= 0 {
		cycle := append(slices.Clone(chain[i:]), id)
		for _, c := range cycle {
			r.failed[c] = true
		}
		return nil, &formula.Error{Position: r.files[id].posOf("extends"), Policy: id, MessageZH: "继承关系（extends）形成循环：" + strings.Join(cycle, " → "), Message: fmt.Sprintf("extends forms a cycle: %s", strings.Join(cycle, " → ")), Err: ErrExtends}
	}
	d, err := r.build(id, chain)
	if err != nil {
		r.failed[id] = true
		return nil, err
	}
	r.docs[id] = d
	return d, nil
}

func (r *resolver) build(id string, chain []string) (*Document, error) {
	f := r.files[id]
	p := &problems{policy: id}
	// from is the county-district that hands the file in; "" for the city.
	from := r.unit(f.From)
	if from == r.j.Code {
		from = ""
	}
	if f.Document != nil {
		if err := r.checkUnit(f.Document.Jurisdiction, f.Document.posOf("jurisdiction"), id); err != nil {
			return nil, err
		}
		if from == "" {
			return f.Document, nil
		}
		r.checkOwnUnit(f, from, p)
		p.locked(f.posOf("id"), LockExtendsCity, "%[1]s报送的文件须用 extends 继承市级政策或%[1]s此前的版本，不能是一份完整的政策", "a file handed in by %[1]s must extend the city's policy or one of %[1]s's earlier versions (extends); it cannot be a whole policy", r.j.UnitName(from))
		return nil, p.err()
	}
	o := f.Overlay
	if err := r.checkUnit(o.Jurisdiction, o.posOf("jurisdiction"), id); err != nil {
		return nil, err
	}
	if from != "" {
		r.checkOwnUnit(f, from, p)
		if o.Locks != nil {
			p.locked(o.posOf("locks"), LockLocks, "locks 只能写在市级政策中；请删去", "locks belong to the city's policy only; remove them")
		}
	}
	fail := func(err error) (*Document, error) {
		p.join(err)
		return nil, p.err()
	}
	if _, ok := r.files[o.Extends]; !ok {
		return fail(&formula.Error{Position: o.posOf("extends"), Policy: id, MessageZH: fmt.Sprintf("所继承的政策（extends）%q 不存在", o.Extends), Message: fmt.Sprintf("extends %q, which is not a known policy", o.Extends), Err: ErrExtends})
	}
	base, err := r.resolve(o.Extends, append(chain, id))
	if err != nil {
		if err == errReported && len(p.errs) == 0 {
			return nil, err // the base's errors stand for this one's
		}
		if err == errReported {
			return nil, p.err()
		}
		return fail(err)
	}
	unit, baseUnit := r.unit(o.Jurisdiction), r.unit(base.Jurisdiction)
	if baseUnit != unit && baseUnit != r.j.Code {
		return fail(&formula.Error{Position: o.posOf("extends"), Policy: id, MessageZH: fmt.Sprintf("%[1]s的政策不能继承属于%[3]s的政策 %[2]s；请继承市级政策或%[1]s自己的政策", r.j.UnitName(unit), base.ID, r.j.UnitName(baseUnit)), Message: fmt.Sprintf("a policy of %s cannot extend %s, which belongs to %s; extend the city's policy or one of %s's own", r.j.UnitName(unit), base.ID, r.j.UnitName(baseUnit), r.j.UnitName(unit)), Err: ErrExtends})
	}
	// A unit's overlay without a period of its own is in force when the
	// embedded baseline is, which in this set ends when the city's own
	// rules begin: it must not keep the baseline's rules in force after.
	if base.ID == BaselineID && r.embedded && r.first != nil && unit != r.j.Code && o.ValidFrom.IsZero() {
		if r.baselineUntil.Before(base.ValidFrom) {
			return fail(&formula.Error{Position: o.posOf("extends"), Policy: id, MessageZH: fmt.Sprintf("%[1]s 在此没有任何一天生效：市级政策 %[2]s 自 %[3]s（即 %[1]s 的生效首日）起生效；请填写生效日期（valid_from），或改为继承 %[2]s", base.ID, r.first.ID, r.first.ValidFrom), Message: fmt.Sprintf("%s is in force on no day here, since the city's own policy %s starts on %s, its first day; give valid_from, or extend %s", base.ID, r.first.ID, r.first.ValidFrom, r.first.ID), Err: ErrExtends})
		}
		if base.ValidUntil.IsZero() || r.baselineUntil.Before(base.ValidUntil) {
			base = base.Clone()
			base.ValidUntil = r.baselineUntil
		}
	}
	d, applied := o.apply(base)
	p.errs = append(p.errs, applied.errs...)
	if from != "" {
		checkLocks(r.cityBase(base), d, o, p)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return d, nil
}

// checkOwnUnit reports a county-district's file whose jurisdiction is not
// the unit from that hands it in.
func (r *resolver) checkOwnUnit(f *File, from string, p *problems) {
	if code := f.jurisdiction(); r.unit(code) != from {
		p.locked(f.posOf("jurisdiction"), LockOwnUnit, "本文件由%[1]s（%[2]s）报送，适用地区（jurisdiction）却是%[3]s（%[4]s）；请写 %[2]q", "the file is handed in by %[1]s (%[2]s) but its jurisdiction is %[3]s (%[4]s); write %[2]q", r.j.UnitName(from), from, r.j.UnitName(code), code)
	}
}

// cityBase returns the policy the city handed in that d is built on: d
// itself, or the nearest policy of its extends chain. Its locks bound what
// a county-district's overlay of d may change.
func (r *resolver) cityBase(d *Document) *Document {
	for {
		f, ok := r.files[d.ID]
		if !ok || r.unit(f.From) == r.j.Code {
			return d
		}
		next, ok := r.docs[d.Extends]
		if !ok {
			return d
		}
		d = next
	}
}

func (r *resolver) unit(code string) string {
	if u, ok := r.j.Unit(code); ok {
		return u.Code
	}
	return code
}

func (r *resolver) checkUnit(code string, at formula.Position, id string) error {
	if code == r.j.Code {
		return nil
	}
	if _, ok := r.j.Unit(code); ok {
		return nil
	}
	return &formula.Error{Position: at, Policy: id, MessageZH: fmt.Sprintf("适用地区 %q 既不是%s（%s），也不是其下辖区县", code, r.j.Name, r.j.Code), Message: fmt.Sprintf("jurisdiction %q is neither %s (%s) nor one of its units", code, r.j.Name, r.j.Code), Err: ErrExtends}
}

// LoadFS parses every *.yaml file of fsys under dir (not those ending in
// _cases.yaml, which hold test cases), all handed in by the city or
// county-district with code from, and builds a Set from them: a
// county-district's upload folder, or the city's.
func LoadFS(j *roster.Jurisdiction, from string, fsys fs.FS, dir string, opts ...Option) (*Set, error) {
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
		f, err := Parse(from, path.Join(dir, name), data)
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

// Jurisdiction returns the jurisdiction the set's policies are for; nil
// for a nil or zero Set.
func (s *Set) Jurisdiction() *roster.Jurisdiction {
	if s == nil {
		return nil
	}
	return s.j
}

// Policy returns the policy with the id.
func (s *Set) Policy(id string) (*Policy, bool) {
	if s == nil {
		return nil, false
	}
	p, ok := s.byID[id]
	return p, ok
}

// errZeroSet is what a nil or zero Set gives.
var errZeroSet = fmt.Errorf("%w：政策集未初始化，请用 policy.NewSet 或 policy.LoadFS 创建 (the set is not ready: make it with policy.NewSet or policy.LoadFS)", ErrNoPolicy)

// For returns the policy in force for unit on day: the unit's own version if
// it has one in force, else the city's. unit is the code of the city or of
// one of its units (a former code names the unit it became). An unknown
// code, or a day on which no policy is in force, gives an error that wraps
// [ErrNoPolicy].
func (s *Set) For(unit string, day roster.Date) (*Policy, error) {
	if s == nil || s.j == nil {
		return nil, errZeroSet
	}
	candidates, known := s.candidates[unit]
	if !known {
		return nil, fmt.Errorf("没有生效的政策：%[2]q 既不是%[3]s（%[4]s），也不是其下辖区县 (%[1]w: %[2]q is neither %[3]s (%[4]s) nor one of its units)", ErrNoPolicy, unit, s.j.Name, s.j.Code)
	}
	for _, p := range candidates {
		if p.InForce(day) {
			return p, nil
		}
	}
	if s.fallback != nil && s.fallback.InForce(day) && (s.fallbackUntil.IsZero() || !day.After(s.fallbackUntil)) {
		return s.fallback, nil
	}
	code := s.unit(unit)
	return nil, fmt.Errorf("%[2]s（%[3]s）在 %[4]s 没有生效的政策 (%[1]w: %[2]s (%[3]s) on %[4]s)", ErrNoPolicy, s.j.UnitName(code), code, day)
}
