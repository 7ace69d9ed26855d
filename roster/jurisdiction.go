package roster

import (
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml"
)

// UnitKind is the kind of a county-level unit.
type UnitKind string

// The kinds of county-level unit.
const (
	District   UnitKind = "市辖区"
	CountyUnit UnitKind = "县"
	CountyCity UnitKind = "县级市"
	Zone       UnitKind = "开发区" // no GB/T 2260 code: the jurisdiction numbers it
)

// Unit is a county-level unit that keeps its own list of representatives.
type Unit struct {
	Code string   `yaml:"code"`
	Name string   `yaml:"name"`
	Kind UnitKind `yaml:"kind"`
	// Former lists codes the unit had before (横县 450127 became 横州市
	// 450181 in 2021); records filed under them still belong to the unit.
	Former []string `yaml:"former,omitempty"`
}

// Jurisdiction is a city and its county-level units. The unit list is data:
// [ParseJurisdiction] reads one, [Nanning] returns the default.
//
// A Jurisdiction is not changed by any function of this module; share it
// read-only between goroutines.
type Jurisdiction struct {
	Code  string `yaml:"code"`
	Name  string `yaml:"name"`
	Units []Unit `yaml:"units"`
}

//go:embed data/nanning.yaml
var nanningYAML []byte

// Nanning returns a fresh copy of the default jurisdiction: 南宁市 450100 and
// its 12 county-level units.
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
// used in errors. Codes must be unique (former codes included) and every
// unit needs a name.
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
	seen := map[string]string{j.Code: j.Name}
	for i, u := range j.Units {
		where := fmt.Sprintf("units[%d]", i)
		if strings.TrimSpace(u.Name) == "" {
			problems = append(problems, where+": no name")
		}
		switch u.Kind {
		case District, CountyUnit, CountyCity, Zone:
		default:
			problems = append(problems, fmt.Sprintf("%s: kind %q is not one of 市辖区, 县, 县级市, 开发区", where, u.Kind))
		}
		for _, c := range append([]string{u.Code}, u.Former...) {
			if !unitCode.MatchString(c) {
				problems = append(problems, fmt.Sprintf("%s: code %q is not 6 to 12 letters or digits", where, c))
				continue
			}
			if other, dup := seen[c]; dup {
				problems = append(problems, fmt.Sprintf("%s: code %s is also used by %s", where, c, other))
			}
			seen[c] = u.Name
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: %s: %s", ErrJurisdiction, name, strings.Join(problems, "; "))
	}
	return &j, nil
}

// Unit returns the unit with the code, or with a former code of it.
func (j *Jurisdiction) Unit(code string) (Unit, bool) {
	for _, u := range j.Units {
		if u.Code == code {
			return u, true
		}
		for _, f := range u.Former {
			if f == code {
				return u, true
			}
		}
	}
	return Unit{}, false
}

// UnitName returns the name of the unit or of the city with the code, or
// the code itself when it is unknown.
func (j *Jurisdiction) UnitName(code string) string {
	if code == j.Code {
		return j.Name
	}
	if u, ok := j.Unit(code); ok {
		return u.Name
	}
	return code
}
