package roster

import (
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
)

// UnitKind is the kind of a unit of a jurisdiction. It says whether the
// unit keeps its own list of representatives or only recommends people:
// see [UnitKind.KeepsList] and [UnitKind.MayKeepList].
type UnitKind string

// The kinds of unit.
const (
	District   UnitKind = "市辖区"
	CountyUnit UnitKind = "县"
	CountyCity UnitKind = "县级市"
	Zone       UnitKind = "开发区" // no GB/T 2260 code: the jurisdiction numbers it
	// Department is a city department or body (市直部门) that recommends
	// people of its sector (推荐单位) and keeps no list: the notice's
	// 各有关单位. It has no GB/T 2260 code: the jurisdiction numbers it.
	Department UnitKind = "市直部门"
)

// KeepsList reports whether the notice itself gives a unit of kind k its
// own list of representatives: a county-district does (各县区分别联系50名).
// A development zone keeps one only where the city's rules give it one,
// which is the policy's word (the lists of [tier]), not the
// jurisdiction's; a department never does.
//
// [tier]: https://pkg.go.dev/github.com/newstrata/newstrata/tier
func (k UnitKind) KeepsList() bool {
	return k == District || k == CountyUnit || k == CountyCity
}

// MayKeepList reports whether a unit of kind k may keep a list and the
// records on it: a county-district or a development zone. A department
// only recommends people to the units that keep lists.
func (k UnitKind) MayKeepList() bool { return k.KeepsList() || k == Zone }

// Unit is a unit of a jurisdiction: a county-level unit or a development
// zone, which may keep its own list of representatives, or a city
// department, which only recommends people.
type Unit struct {
	Code string `yaml:"code"`
	// Name is the unit's name today; Names has the ones it had before.
	Name string   `yaml:"name"`
	Kind UnitKind `yaml:"kind"`
	// Former lists codes the unit had before (横县 450127 became 横州市
	// 450181 in 2021); records filed under them still belong to the unit.
	Former []string `yaml:"former,omitempty"`
	// Names lists the names the unit had before Name, oldest first, each
	// with the last day it was in force: 横州市 was 横县 until 2021.
	Names []DatedName `yaml:"names,omitempty"`
}

// DatedName is a name a unit had until a day.
type DatedName struct {
	Name string `yaml:"name"`
	// Until is the last day the name was in force. A month (Day 0) stands
	// for its last day, for a change whose exact day is not known.
	Until Date `yaml:"until"`
}

// NameOn returns the name of u in force on day: the first of Names whose
// Until is not before day, else Name. The zero day gives Name.
func (u Unit) NameOn(day Date) string {
	if day.IsZero() {
		return u.Name
	}
	for _, n := range u.Names {
		if !day.After(lastDay(n.Until)) {
			return n.Name
		}
	}
	return u.Name
}

// Jurisdiction is a city, its units and its departments. The lists are
// data: [ParseJurisdiction] reads one, [Nanning] returns the default.
//
// Units are the county-level units and the development zones: a record
// is kept by one of them (Record.Unit), and a policy may be one's. The
// kind of a unit says whether the notice gives it a list; whether a zone
// gets one is for the city's rules to say. Departments are the city
// departments that recommend people by sector (Record.RecommendedBy); they
// keep no list and no record.
//
// A Jurisdiction is not changed by any function of this module; share it
// read-only between goroutines.
type Jurisdiction struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
	// ProvinceLabel is what the forms of the jurisdiction call the level
	// between national and city: 自治区级 in Guangxi, where the notice
	// says 全区. Empty means the standard label, 省级. See
	// [Jurisdiction.LevelLabel].
	ProvinceLabel string `yaml:"province_label,omitempty"`
	Units         []Unit `yaml:"units"`
	Departments   []Unit `yaml:"departments,omitempty"`
}

//go:embed data/nanning.yaml
var nanningYAML []byte

// Nanning returns a fresh copy of the default jurisdiction: 南宁市 450100,
// its 12 county-level units, its 3 development zones and, as examples a
// city replaces, the departments that recommend people by sector.
func Nanning() *Jurisdiction {
	j, err := ParseJurisdiction("data/nanning.yaml", nanningYAML)
	if err != nil {
		// The embedded file is tested; reaching here is a build defect.
		panic(err)
	}
	return j
}

// ErrJurisdiction: a jurisdiction file that is wrong.
var ErrJurisdiction = errors.New("bad jurisdiction")

var unitCode = regexp.MustCompile(`^[0-9A-Za-z]{6,12}$`)

// ParseJurisdiction reads a jurisdiction from YAML; name is the file name
// used in errors. It reports every problem at once: codes must be unique
// (former codes included), so must names (former names included: a
// roster may name a unit rather than give its code), every unit needs a
// name and a kind, a department's kind is 市直部门 (the default) and no
// other unit's is, and the dated names of a unit are in order, each
// ending after the one before.
func ParseJurisdiction(name string, data []byte) (*Jurisdiction, error) {
	var j Jurisdiction
	if err := yaml.UnmarshalWithOptions(data, &j, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("%w: %s: %s", ErrJurisdiction, name, yaml.FormatError(err, false, false))
	}
	var problems []string
	if !unitCode.MatchString(j.Code) {
		problems = append(problems, fmt.Sprintf("city code %q is not 6 to 12 letters or digits", j.Code))
	}
	if strings.TrimSpace(j.Name) == "" {
		problems = append(problems, "the city has no name")
	}
	if l := j.ProvinceLabel; l != "" {
		if v, err := ParseLevel(l); err != nil || v != Provincial {
			problems = append(problems, fmt.Sprintf("province_label %q is not a label of the provincial level (省级, 自治区级)", l))
		}
	}
	codes := map[string]string{j.Code: j.Name}
	names := map[string]string{j.Name: j.Code}
	check := func(where string, u *Unit, department bool) {
		if strings.TrimSpace(u.Name) == "" {
			problems = append(problems, where+": no name")
		}
		switch {
		case department && u.Kind == "":
			u.Kind = Department
		case department && u.Kind != Department:
			problems = append(problems, fmt.Sprintf("%s: kind %q of a department is not 市直部门", where, u.Kind))
		case department:
		case u.Kind == Department:
			problems = append(problems, where+": kind 市直部门 belongs under departments, which keep no list")
		case !u.Kind.MayKeepList():
			problems = append(problems, fmt.Sprintf("%s: kind %q is not one of 市辖区, 县, 县级市, 开发区", where, u.Kind))
		}
		for _, c := range append([]string{u.Code}, u.Former...) {
			if !unitCode.MatchString(c) {
				problems = append(problems, fmt.Sprintf("%s: code %q is not 6 to 12 letters or digits", where, c))
				continue
			}
			if other, dup := codes[c]; dup {
				problems = append(problems, fmt.Sprintf("%s: code %s is also used by %s", where, c, other))
			}
			codes[c] = u.Name
		}
		owned := map[string]bool{}
		for i, n := range append([]DatedName{{Name: u.Name}}, u.Names...) {
			at := where
			if i > 0 {
				at = fmt.Sprintf("%s.names[%d]", where, i-1)
				switch {
				case strings.TrimSpace(n.Name) == "":
					problems = append(problems, at+": no name")
				case !n.Until.Valid():
					problems = append(problems, at+": no until date (the last day the name was in force)")
				case i > 1 && u.Names[i-2].Until.Valid() && !lastDay(n.Until).After(lastDay(u.Names[i-2].Until)):
					problems = append(problems, fmt.Sprintf("%s: until %s is not after %s, the until of the name before; list names oldest first",
						at, n.Until, u.Names[i-2].Until))
				}
			}
			if n.Name == "" || owned[n.Name] {
				continue // a unit may take back a name it had
			}
			owned[n.Name] = true
			if other, dup := names[n.Name]; dup {
				problems = append(problems, fmt.Sprintf("%s: name %s is also used by %s", at, n.Name, other))
			}
			names[n.Name] = u.Code
		}
	}
	for i := range j.Units {
		check(fmt.Sprintf("units[%d]", i), &j.Units[i], false)
	}
	for i := range j.Departments {
		check(fmt.Sprintf("departments[%d]", i), &j.Departments[i], true)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: %s: %s", ErrJurisdiction, name, strings.Join(problems, "; "))
	}
	return &j, nil
}

// LevelLabel returns the label of v as the jurisdiction's clerks write
// it: the province's own word for [Provincial] (自治区级 in Nanning), the
// standard label otherwise. Formulas and data still compare the standard
// labels, and a roster may give either: [ParseLevel] reads both.
func (j *Jurisdiction) LevelLabel(v Level) string {
	if v == Provincial && j != nil && j.ProvinceLabel != "" {
		return j.ProvinceLabel
	}
	return v.Label()
}

// Unit returns the unit (a county-level unit or a development zone, never
// a department) with the code, or with a former code of it.
func (j *Jurisdiction) Unit(code string) (Unit, bool) { return findCode(j.Units, code) }

// Department returns the department with the code, or with a former code
// of it.
func (j *Jurisdiction) Department(code string) (Unit, bool) { return findCode(j.Departments, code) }

// Recommender returns the unit or the department with the code, or with a
// former code of it: who may recommend a person (Record.RecommendedBy).
func (j *Jurisdiction) Recommender(code string) (Unit, bool) {
	if u, ok := j.Unit(code); ok {
		return u, true
	}
	return j.Department(code)
}

// Find returns the unit or the department that s names: its code, a
// former code, its name or a name it had. It is how a roster cell that
// names a unit (宾阳县, 横县, 南宁市工商业联合会) becomes its code.
func (j *Jurisdiction) Find(s string) (Unit, bool) {
	if u, ok := j.Recommender(s); ok {
		return u, true
	}
	for _, units := range [][]Unit{j.Units, j.Departments} {
		for _, u := range units {
			if u.Name == s || slices.ContainsFunc(u.Names, func(n DatedName) bool { return n.Name == s }) {
				return u, true
			}
		}
	}
	return Unit{}, false
}

func findCode(units []Unit, code string) (Unit, bool) {
	for _, u := range units {
		if u.Code == code || slices.Contains(u.Former, code) {
			return u, true
		}
	}
	return Unit{}, false
}

// UnitName returns today's name of the city, unit or department with the
// code, or the code itself when it is unknown.
func (j *Jurisdiction) UnitName(code string) string { return j.UnitNameOn(code, Date{}) }

// UnitNameOn returns the name in force on day of the city, unit or
// department with the code (present or former), or the code itself when
// it is unknown: a list of 2019 prints 横县 for 450181 and 450127 alike.
// The zero day gives today's name, as [Jurisdiction.UnitName].
func (j *Jurisdiction) UnitNameOn(code string, day Date) string {
	if code == j.Code {
		return j.Name
	}
	if u, ok := j.Recommender(code); ok {
		return u.NameOn(day)
	}
	return code
}
