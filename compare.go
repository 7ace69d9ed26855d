package newstrata

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Standing is a person's result under one policy, as Compare sees it.
type Standing struct {
	Qualified bool
	Grade     evaluate.Grade
	Total     formula.Fixed
	Status    Status
}

// Shift is a person whose qualification, grade or total differs between
// two policies.
type Shift struct {
	Index         int // the record's place in the roster given, from 0
	Key, Unit     string
	Before, After Standing
}

// Tally counts a roster's standings under one policy.
type Tally struct {
	// Grades counts the grades, qualified or not; a grade no one has is
	// absent.
	Grades map[evaluate.Grade]int
	// Qualified counts those the policy's conditions qualify. A person in
	// none of the four groups counts here if the conditions let them
	// through, though their Status stays Unqualified.
	Qualified int
	// Removed counts the qualified whose grade leaves the database (an
	// overlay may change which grades do).
	Removed int
}

// Impact is what adopting one policy instead of another does to a roster.
type Impact struct {
	Base, Next string // the policies' ids
	Records    int    // records given
	// Before and After count the standings under Base and under Next, over
	// the records both could assess.
	Before, After Tally
	// Shifts lists, in roster order, everyone whose qualification, grade,
	// status or total changes.
	Shifts []Shift
	// Rejected are the records that could not be assessed under one of the
	// policies (a missing input, a formula fault).
	Rejected []Rejection
}

// Prepared is a roster made ready for comparing policies on one date.
// What [Assessor.Compare] works out on it that does not depend on the rules
// being compared is kept and reused by the next Compare on it: the inputs
// a set of declarations binds, the classification by a set of
// classification rules, the value of every formula on every record, by
// the formula's text and what it reads, the points each number formula's
// value earns, by the formula, its cap and the rounding, and every
// record's standing under each policy compared, by the policy's
// fingerprint. A record's facts are made again when a formula must run
// on them. A what-if (the same base, a
// weight or a formula changed in next) reads the base's standings, runs
// only the formulas next changed, and scores next; when next changed no
// formula, it works out the points of the rules whose weight changed and
// scores next a block of records at a time, column by column. Compare
// calls on one Prepared take turns; its records must not change while it
// is in use.
type Prepared struct {
	records []*roster.Record
	asOf    roster.Date

	mu      sync.Mutex
	inputs  map[string]*inputColumn // by the inputs' declarations
	classes map[string]*classColumn // by classification rules and inputs
	values  map[string]*valueColumn // by formula, kind and what it reads
	stands  map[string]*standColumn // by policy fingerprint
}

// Prepare makes records ready for comparisons on asOf. It does no work
// until the first Compare.
func (a *Assessor) Prepare(records []*roster.Record, asOf roster.Date) *Prepared {
	return &Prepared{records: records, asOf: asOf,
		inputs: map[string]*inputColumn{}, classes: map[string]*classColumn{}, values: map[string]*valueColumn{},
		stands: map[string]*standColumn{}}
}

// Records returns the records p was prepared from.
func (p *Prepared) Records() []*roster.Record { return p.records }

// The columns: one value per record, written by the worker that has the
// record, complete once the Compare that made them is.
type (
	inputColumn struct {
		gaps
		ids []string // the inputs declared, in order
		in  []map[string]any
		err []error
	}
	classColumn struct {
		gaps
		res []classify.Result
		err []error
	}
	valueColumn struct {
		gaps
		num  *formula.Column // a number formula's values
		held []bool          // a predicate's
		errs faults
	}
)

// standColumn is each record's standing under one policy, known for the
// records a Compare assessed under it. Unlike the other columns it needs
// no gaps: a record it does not know is worked out, whatever the reason.
type standColumn struct {
	known     []bool
	qualified []bool
	status    []Status
	grade     []evaluate.Grade
	total     *formula.Column
}

func newStandColumn(n int) *standColumn {
	return &standColumn{known: make([]bool, n), qualified: make([]bool, n), status: make([]Status, n),
		grade: make([]evaluate.Grade, n), total: formula.NewColumn(n)}
}

func (c *standColumn) at(i int) (Standing, bool) {
	if !c.known[i] {
		return Standing{}, false
	}
	return Standing{Qualified: c.qualified[i], Grade: c.grade[i], Total: c.total.At(i), Status: c.status[i]}, true
}

func (c *standColumn) set(i int, st Standing) {
	c.qualified[i], c.grade[i], c.status[i] = st.Qualified, st.Grade, st.Status
	c.total.Set(i, st.Total)
	c.known[i] = true
}

// gaps are the records a Compare gave up on (a fault under one policy)
// before it came to a column, which a later Compare works out. Looking
// costs an atomic load while there are none.
type gaps struct {
	n atomic.Int64
	m sync.Map // record index → struct{}
}

func (g *gaps) leave(i int) {
	g.m.Store(i, struct{}{})
	g.n.Add(1)
}

func (g *gaps) take(i int) bool {
	if g.n.Load() == 0 {
		return false
	}
	if _, ok := g.m.LoadAndDelete(i); ok {
		g.n.Add(-1)
		return true
	}
	return false
}

// has reports whether record i is one of the gaps.
func (g *gaps) has(i int) bool {
	if g.n.Load() == 0 {
		return false
	}
	_, ok := g.m.Load(i)
	return ok
}

func (g *gaps) gapped() *gaps { return g }

// has reports whether c holds a value for record i: it is not a gap, and
// the formula did not fail on the record.
func (c *valueColumn) has(i int) bool { return !c.gaps.has(i) && c.errs.load(i) == nil }

// whole reports whether c holds a value for every record.
func (c *valueColumn) whole() bool { return c.gaps.n.Load() == 0 && c.errs.n.Load() == 0 }

// faults are a formula's errors on records, rare.
type faults struct {
	n atomic.Int64
	m sync.Map // record index → error
}

func (f *faults) store(i int, err error) {
	f.m.Store(i, err)
	f.n.Add(1)
}

func (f *faults) load(i int) error {
	if f.n.Load() == 0 {
		return nil
	}
	if err, ok := f.m.Load(i); ok {
		return err.(error)
	}
	return nil
}

// column is any of the three.
type column interface{ gapped() *gaps }

// Compare assesses the prepared records under base and under next and
// lists who changes. Every record is assessed under the two policies
// given, whatever its unit (to see a county's overlay at work, give it
// that county's records). Records are expected to be valid (see
// [roster.Validator]). The result is what assessing each record under each
// policy with [Assessor.AssessUnder] gives; a formula two policies share
// (the same text, reading no input or inputs they declare alike, and the
// group only when they classify alike) runs once for both, and a second
// Compare on the same Prepared runs only what the first did not (this
// takes the policies to give a formula the same functions, as the
// policies of one [policy.Set] do). The work is shared among the machine's
// processors and the result does not depend on how. When ctx is cancelled
// the workers stop within a few hundred records each, Compare returns an
// error that wraps ctx's, and p keeps only what complete Compares made.
func (a *Assessor) Compare(ctx context.Context, base, next *policy.Policy, p *Prepared) (*Impact, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	if base == nil || next == nil || p == nil {
		return nil, fmt.Errorf("%w: policy or prepared roster", ErrNotReady)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	records := p.records
	plan := p.plan(base, next)
	if err := plan.columnar(ctx, a.workers); err != nil {
		return nil, stopped(0, len(records), err)
	}
	plan.rows()
	im := &Impact{Base: base.ID(), Next: next.ID(), Records: len(records)}
	var (
		before, after tally
		shifts        []int // the records that shift, whose standings the policies' columns hold
	)
	count := func(i int, was, is Standing) {
		before.add(was)
		after.add(is)
		if was.Qualified != is.Qualified || was.Grade != is.Grade || was.Status != is.Status || !was.Total.Equal(is.Total) {
			shifts = append(shifts, i)
		}
	}
	if plan.known() {
		// Every standing is in the columns (a what-if the column-wise pass
		// scored, or a Compare made before): they are counted as they are.
		for i := range records {
			if i%chunk == 0 && i > 0 {
				if err := ctx.Err(); err != nil {
					return nil, stopped(i, len(records), err)
				}
				if a.progress != nil {
					a.progress(i, len(records))
				}
			}
			was, _ := plan.sides[0].stand.at(i)
			is, _ := plan.sides[1].stand.at(i)
			count(i, was, is)
		}
		if a.progress != nil {
			a.progress(len(records), len(records))
		}
	} else {
		type standings struct {
			before, after Standing
			err           error
		}
		work := &pool[standings]{
			workers:  a.workers,
			total:    len(records),
			progress: a.progress,
			decide:   func(int, *roster.Record, *standings) bool { return false },
			worker: func() func(int, *roster.Record, *standings) {
				s := plan.scratch() // reused from record to record
				return func(i int, _ *roster.Record, o *standings) {
					o.before, o.after, o.err = plan.standings(i, s)
				}
			},
			emit: func(i int, r *roster.Record, o *standings) bool {
				if o.err != nil {
					key := ""
					if r != nil {
						key = printableKey(r.Key)
					}
					im.Rejected = append(im.Rejected, Rejection{Index: i, Key: key, Err: o.err})
					return true
				}
				count(i, o.before, o.after)
				return true
			},
		}
		if done, complete := work.run(ctx, slices.Values(records)); !complete {
			return nil, stopped(done, len(records), ctx.Err())
		}
	}
	im.Before, im.After = before.Tally(), after.Tally()
	// The shifts are made once their number is known, on every
	// processor: a what-if shifts most of a roster, and growing a slice of
	// them a record at a time cost more than scoring it.
	im.Shifts = make([]Shift, len(shifts))
	err := parallel(ctx, a.workers, len(shifts), 1024, func() func(lo, hi int) {
		return func(lo, hi int) {
			for n, i := range shifts[lo:hi] {
				r := records[i]
				was, _ := plan.sides[0].stand.at(i)
				is, _ := plan.sides[1].stand.at(i)
				im.Shifts[lo+n] = Shift{Index: i, Key: printableKey(r.Key), Unit: r.Unit, Before: was, After: is}
			}
		}
	})
	if err != nil {
		return nil, stopped(len(records), len(records), err)
	}
	plan.keep()
	return im, nil
}

// tally counts standings as a [Tally] does, the grades in an array (a
// Grade is a byte).
type tally struct {
	grades             [math.MaxUint8 + 1]int
	qualified, removed int
}

func (t *tally) add(s Standing) {
	t.grades[s.Grade]++
	if s.Qualified {
		t.qualified++
	}
	if s.Status == Removed {
		t.removed++
	}
}

// Tally is what t counted.
func (t *tally) Tally() Tally {
	out := Tally{Grades: map[evaluate.Grade]int{}, Qualified: t.qualified, Removed: t.removed}
	for g, n := range t.grades {
		if n > 0 {
			out.Grades[evaluate.Grade(g)] = n
		}
	}
	return out
}

// known reports whether the columns hold every record's standing under
// both policies.
func (pl *plan) known() bool {
	for _, sd := range pl.sides {
		if slices.Contains(sd.stand.known, false) {
			return false
		}
	}
	return true
}

// plan is one Compare: for each of the two policies, the columns its
// stages read, and which of them this Compare fills.
type plan struct {
	p          *Prepared
	sides      [2]side
	newInputs  map[string]*inputColumn
	newClasses map[string]*classColumn
	newValues  map[string]*valueColumn
	newStands  map[string]*standColumn
	fresh      map[column]int // a column this Compare fills → its slot in a scratch
	order      []column       // the fresh columns by slot; nil once settled
}

// side is one policy's part of a plan.
type side struct {
	pol      *policy.Policy
	stand    *standColumn
	inputs   *inputColumn
	class    *classColumn
	conds    []*formula.Program
	condCols []*valueColumn
	rules    []*formula.Program // indicators, bonuses, vetoes, in the order of a Raw
	ruleCols []*valueColumn
	numbers  int // indicators and bonuses
	// earnCols hold what each number earns (its value capped and
	// rounded), by the value's key, the cap and the rounding: a what-if
	// that changes a weight works out the points of that rule alone.
	earnCols []*valueColumn
	// The slots of the columns in a scratch's filled, -1 for a column an
	// earlier Compare filled.
	inSlot, classSlot               int
	condSlots, ruleSlots, earnSlots []int
	// row runs the side's formulas whose values are not in columns yet
	// as one stage; rest, for next, leaves out those base's row has
	// worked out for the record already. gappy are the kept columns the
	// side reads that an earlier Compare, or the column-wise pass, left
	// gaps in: a record one of them has a gap for is worked out column by
	// column instead.
	row, rest rowPlan
	gappy     []*gaps
}

// rowPlan is one stage of a side's conditions and rules, those whose
// value columns this Compare fills, each column once, in the side's order
// (the conditions, then the rules as a Raw orders them), and what becomes
// of each number's points.
type rowPlan struct {
	stage *formula.Stage
	progs []rowProg
	at    []int     // each item's program in the stage, -1 for an item read from its column
	earn  []earnWay // by number
}

// rowProg is a program of a row's stage.
type rowProg struct {
	item int // condition j is item j, rule j is item len(conds)+j
	slot int // its place among the stage's values of its kind
	fill int // its column's slot in a scratch's filled
	col  *valueColumn
}

// earnWay is how a row comes by a number's points.
type earnWay uint8

const (
	earnRead   earnWay = iota // from their column: kept, or base's row worked them out
	earnWork                  // worked out from the value, into their column
	earnUnless                // worked out unless the record's base side filled them
)

// rows plans each side's row, once the column-wise pass has left its
// columns as the record-by-record pass finds them.
func (pl *plan) rows() {
	var byBase map[column]bool // the columns base's row fills
	for k := range pl.sides {
		sd := &pl.sides[k]
		sd.row = pl.rowPlan(k, nil, byBase)
		if k == 1 {
			sd.rest = pl.rowPlan(k, byBase, nil)
		}
		byBase = map[column]bool{}
		for _, p := range sd.row.progs {
			byBase[p.col] = true
		}
		for j, c := range sd.earnCols {
			if sd.earnSlots[j] >= 0 {
				byBase[c] = true
			}
		}
		for _, c := range slices.Concat(sd.condCols, sd.ruleCols, sd.earnCols) {
			if _, fresh := pl.fresh[c]; !fresh && c.gaps.n.Load() > 0 && !slices.Contains(sd.gappy, &c.gaps) {
				sd.gappy = append(sd.gappy, &c.gaps)
			}
		}
	}
}

// rowPlan plans side k's stage, leaving out the columns in skip; the
// points in maybe are worked out unless they are there already.
func (pl *plan) rowPlan(k int, skip, maybe map[column]bool) rowPlan {
	sd := &pl.sides[k]
	rp := rowPlan{at: make([]int, len(sd.condCols)+len(sd.ruleCols)), earn: make([]earnWay, len(sd.earnCols))}
	var (
		progs          []*formula.Program
		seen           = map[*valueColumn]int{}
		numbers, bools int
	)
	for item := range rp.at {
		c, prog := sd.item(item)
		_, fresh := pl.fresh[c]
		if at, ok := seen[c]; ok || !fresh || skip[c] {
			rp.at[item] = -1
			if ok {
				rp.at[item] = at
			}
			continue
		}
		seen[c], rp.at[item] = len(progs), len(progs)
		p := rowProg{item: item, fill: pl.fresh[c], col: c}
		if c.num != nil {
			p.slot, numbers = numbers, numbers+1
		} else {
			p.slot, bools = bools, bools+1
		}
		progs, rp.progs = append(progs, prog), append(rp.progs, p)
	}
	rp.stage = formula.NewStage(progs...)
	for j, c := range sd.earnCols {
		switch {
		case sd.earnSlots[j] < 0 || skip[c]:
			rp.earn[j] = earnRead
		case maybe[c]:
			rp.earn[j] = earnUnless
		default:
			rp.earn[j] = earnWork
		}
	}
	return rp
}

// item is side k's condition or rule by its item number, with its value
// column.
func (sd *side) item(item int) (*valueColumn, *formula.Program) {
	if item < len(sd.conds) {
		return sd.condCols[item], sd.conds[item]
	}
	return sd.ruleCols[item-len(sd.conds)], sd.rules[item-len(sd.conds)]
}

// fault is the error of the side's item on a record, as the stage gives it,
// wrapped as assessing wraps it.
func (sd *side) fault(item int, key string, err error) error {
	if item < len(sd.conds) {
		return &qualify.Error{Key: key, Condition: sd.conds[item].Rule(), Err: err}
	}
	return &evaluate.Error{Key: key, Rule: sd.rules[item-len(sd.conds)].Rule(), Err: err}
}

// inputsKey names the declarations of a policy's inputs: two policies
// with one key bind a record's inputs alike.
func inputsKey(pol *policy.Policy) string {
	var b strings.Builder
	for _, in := range pol.Document().Inputs {
		fmt.Fprintf(&b, "%s:%s:%v:%v:", in.ID, in.Type, optDecimal(in.Min), optDecimal(in.Max))
		if in.Default != nil {
			fmt.Fprintf(&b, "%q", *in.Default)
		}
		b.WriteString(";")
	}
	return b.String()
}

// inputIDs lists the inputs pol declares, in order.
func inputIDs(pol *policy.Policy) []string {
	var ids []string
	for _, in := range pol.Document().Inputs {
		ids = append(ids, in.ID)
	}
	return ids
}

func optDecimal(d *decimal.Decimal) string {
	if d == nil {
		return "-"
	}
	return d.String()
}

// valueKey names what a formula's value on a record depends on: its kind
// and text, the declarations of the inputs it reads, and the
// classification when it reads the group.
func valueKey(prog *formula.Program, kind byte, pol *policy.Policy, classKey string) string {
	var b strings.Builder
	b.WriteByte(kind)
	b.WriteString(prog.Source())
	for _, name := range prog.Reads() {
		switch id, isInput := strings.CutPrefix(name, "In."); {
		case isInput:
			for _, in := range pol.Document().Inputs {
				if in.ID == id {
					fmt.Fprintf(&b, "\x00%s:%s:%v:%v:%v", in.ID, in.Type, optDecimal(in.Min), optDecimal(in.Max), in.Default != nil)
					if in.Default != nil {
						b.WriteString(*in.Default)
					}
				}
			}
		case name == "Group" || name == "Subkind":
			b.WriteString("\x00" + classKey)
		}
	}
	return b.String()
}

// classKey names what a policy's classification of a record depends on:
// its rules, and the declarations of its inputs when a rule reads one (the
// baseline's rules read none, so a county that only adds inputs
// classifies as the city does, once for both).
func classKey(pol *policy.Policy, inputs string) string {
	key := pol.Classifier().Fingerprint()
	for _, prog := range pol.Classifier().Programs() {
		if slices.ContainsFunc(prog.Reads(), func(name string) bool { return strings.HasPrefix(name, "In.") }) {
			return key + "\x00" + inputs
		}
	}
	return key
}

func (p *Prepared) plan(base, next *policy.Policy) *plan {
	pl := &plan{p: p, newInputs: map[string]*inputColumn{}, newClasses: map[string]*classColumn{},
		newValues: map[string]*valueColumn{}, newStands: map[string]*standColumn{}, fresh: map[column]int{}}
	n := len(p.records)
	fresh := func(c column) {
		pl.fresh[c] = len(pl.order)
		pl.order = append(pl.order, c)
	}
	value := func(key string, number bool) *valueColumn {
		if c, ok := p.values[key]; ok {
			return c
		}
		if c, ok := pl.newValues[key]; ok {
			return c
		}
		c := &valueColumn{}
		if number {
			c.num = formula.NewColumn(n)
		} else {
			c.held = make([]bool, n)
		}
		pl.newValues[key] = c
		fresh(c)
		return c
	}
	for k, pol := range []*policy.Policy{base, next} {
		sd := side{pol: pol}
		fp := pol.Fingerprint()
		if sd.stand = p.stands[fp]; sd.stand == nil {
			if sd.stand = pl.newStands[fp]; sd.stand == nil {
				sd.stand = newStandColumn(n)
				pl.newStands[fp] = sd.stand
			}
		}
		ik := inputsKey(pol)
		if sd.inputs = p.inputs[ik]; sd.inputs == nil {
			if sd.inputs = pl.newInputs[ik]; sd.inputs == nil {
				sd.inputs = &inputColumn{ids: inputIDs(pol), in: make([]map[string]any, n), err: make([]error, n)}
				pl.newInputs[ik] = sd.inputs
				fresh(sd.inputs)
			}
		}
		ck := classKey(pol, ik)
		if sd.class = p.classes[ck]; sd.class == nil {
			if sd.class = pl.newClasses[ck]; sd.class == nil {
				sd.class = &classColumn{res: make([]classify.Result, n), err: make([]error, n)}
				pl.newClasses[ck] = sd.class
				fresh(sd.class)
			}
		}
		for _, prog := range pol.Conditions().All() {
			sd.conds = append(sd.conds, prog)
			sd.condCols = append(sd.condCols, value(valueKey(prog, 'p', pol, ck), false))
		}
		ev := pol.Evaluator()
		ind, bon, veto := ev.Rules()
		sd.numbers = len(ind) + len(bon)
		rounding := ev.Scheme().Rounding
		for _, prog := range append(append(slices.Clip(ind), bon...), veto...) {
			j, number := len(sd.rules), len(sd.rules) < sd.numbers
			kind := byte('p')
			if number {
				kind = 'n'
			}
			key := valueKey(prog, kind, pol, ck)
			sd.rules = append(sd.rules, prog)
			sd.ruleCols = append(sd.ruleCols, value(key, number))
			if number {
				// The cap as written: a capped value keeps its exponent.
				capped := ev.Cap(j)
				earn := fmt.Sprintf("e%se%d:%d:%s\x00%s", capped, capped.Exponent(), rounding.Places, rounding.Mode, key)
				sd.earnCols = append(sd.earnCols, value(earn, true))
			}
		}
		slot := func(c column) int {
			if n, fresh := pl.fresh[c]; fresh {
				return n
			}
			return -1
		}
		sd.inSlot, sd.classSlot = slot(sd.inputs), slot(sd.class)
		for _, c := range sd.condCols {
			sd.condSlots = append(sd.condSlots, slot(c))
		}
		for _, c := range sd.ruleCols {
			sd.ruleSlots = append(sd.ruleSlots, slot(c))
		}
		for _, c := range sd.earnCols {
			sd.earnSlots = append(sd.earnSlots, slot(c))
		}
		pl.sides[k] = sd
	}
	return pl
}

// keep adds the columns this Compare filled to the prepared roster.
func (pl *plan) keep() {
	for k, c := range pl.newInputs {
		pl.p.inputs[k] = c
	}
	for k, c := range pl.newClasses {
		pl.p.classes[k] = c
	}
	for k, c := range pl.newValues {
		pl.p.values[k] = c
	}
	for k, c := range pl.newStands {
		pl.p.stands[k] = c
	}
}

// scratch is what one worker keeps from record to record: which fresh
// columns it has filled for the current record, its facts, and the
// points earned.
type scratch struct {
	filled []bool
	earned [2][]formula.Fixed
	facts  roster.Facts // the current record's, when needed
	built  bool         // facts are the current record's
	side   int          // the side whose inputs and group facts hold, -1 for none
	// A row's values, and whether base's row ran in full on the
	// current record.
	numbers []formula.Fixed
	bools   []bool
	baseRow bool
	// bound holds, for each side, the inputs bound so far by the texts
	// they were given (see bind); key is where bind writes those texts.
	bound [2]map[string]map[string]any
	key   []byte
}

// maxBound is how many sets of inputs a scratch keeps for a side, and
// maxBoundKey the longest texts (in bytes, all inputs together) it keeps
// them by: enough for the few short values a roster repeats, and a bound
// on the memory a roster of values all different, or long, can take.
const (
	maxBound    = 1024
	maxBoundKey = 256
)

// bind binds r's inputs under side k, as [policy.Policy.Bind] does, and
// returns them. Records whose inputs are given as the same texts (or not
// given) bind alike, so they share one set of them, bound once: the sets
// are only ever read, and a roster repeats a few values in most records.
// Inputs given as other types (numbers, decimals, bools) are bound for
// each record, as are any that fail, since the error names the record.
func (s *scratch) bind(k int, sd *side, f *roster.Facts, r *roster.Record) (map[string]any, error) {
	key, same := s.key[:0], len(sd.inputs.ids) > 0
	for _, id := range sd.inputs.ids {
		switch raw := r.Extra[id].(type) {
		case nil:
			key = append(key, 0) // not given: the default, as for ""
		case string:
			if raw == "" {
				key = append(key, 0)
				continue
			}
			key = binary.AppendUvarint(append(key, 1), uint64(len(raw)))
			key = append(key, raw...)
		default:
			same = false
		}
	}
	s.key = key
	same = same && len(key) <= maxBoundKey
	if same {
		if in, ok := s.bound[k][string(key)]; ok {
			return in, nil
		}
	}
	err := sd.pol.Bind(f, r)
	if same && err == nil && len(s.bound[k]) < maxBound {
		if s.bound[k] == nil {
			s.bound[k] = map[string]map[string]any{}
		}
		s.bound[k][string(key)] = f.In
	}
	return f.In, err
}

func (pl *plan) scratch() *scratch {
	s := &scratch{filled: make([]bool, len(pl.order))}
	for k, sd := range pl.sides {
		s.earned[k] = make([]formula.Fixed, sd.numbers)
		s.numbers = make([]formula.Fixed, max(len(s.numbers), sd.row.stage.Numbers()))
		s.bools = make([]bool, max(len(s.bools), sd.row.stage.Bools()))
	}
	return s
}

// fill reports whether a column must be worked out for record i: it is
// fresh (slot ≥ 0) and not yet filled for the record, or a kept column
// that an earlier Compare left a gap in.
func (pl *plan) fill(s *scratch, slot int, g *gaps, i int) bool {
	if slot < 0 {
		return g.take(i)
	}
	if s.filled[slot] {
		return false
	}
	s.filled[slot] = true
	return true
}

// unfill undoes fill: the column has no value for record i after all.
func (pl *plan) unfill(s *scratch, slot int, g *gaps, i int) {
	if slot < 0 {
		g.leave(i)
		return
	}
	s.filled[slot] = false
}

// recordFacts gives record i's facts, made from the record when first
// needed for it: a Compare that finds every value in its columns makes
// none, and a prepared roster keeps none (they would be most of its
// memory, scanned by every collection, and are quicker made again).
func (pl *plan) recordFacts(i int, s *scratch) *roster.Facts {
	if !s.built {
		s.facts, s.built, s.side = pl.p.records[i].Facts(pl.p.asOf), true, -1
	}
	return &s.facts
}

// factsOf gives record i's facts under side k, with its inputs and group.
func (pl *plan) factsOf(k, i int, s *scratch) *roster.Facts {
	f := pl.recordFacts(i, s)
	if s.side != k {
		sd := &pl.sides[k]
		f.In, f.Group, f.Subkind = sd.inputs.in[i], "", ""
		sd.class.res[i].Give(f)
		s.side = k
	}
	return f
}

// standings gives record i's standing under base and under next, each
// stage's value taken from its column or worked out into it.
func (pl *plan) standings(i int, s *scratch) (before, after Standing, err error) {
	clear(s.filled)
	s.built, s.baseRow = false, false
	if pl.p.records[i] == nil {
		return before, after, errNilRecord
	}
	var out [2]Standing
	for k := range pl.sides {
		st := pl.sides[k].stand
		var known bool
		if out[k], known = st.at(i); known {
			continue
		}
		if out[k], err = pl.standing(k, i, s); err != nil {
			// The record is rejected before every column had its value:
			// a later Compare works out what this one did not.
			for slot, c := range pl.order {
				if c != nil && !s.filled[slot] {
					c.gapped().leave(i)
				}
			}
			return before, after, err
		}
		st.set(i, out[k])
	}
	return out[0], out[1], nil
}

func (pl *plan) standing(k, i int, s *scratch) (Standing, error) {
	p, sd := pl.p, &pl.sides[k]
	if pl.fill(s, sd.inSlot, &sd.inputs.gaps, i) {
		f := pl.recordFacts(i, s)
		s.side = -1
		sd.inputs.in[i], sd.inputs.err[i] = s.bind(k, sd, f, p.records[i])
	}
	if err := sd.inputs.err[i]; err != nil {
		return Standing{}, err
	}
	if pl.fill(s, sd.classSlot, &sd.class.gaps, i) {
		f := pl.recordFacts(i, s)
		f.In, s.side = sd.inputs.in[i], -1
		sd.class.res[i], sd.class.err[i] = sd.pol.Classifier().Classify(f)
	}
	if err := sd.class.err[i]; err != nil {
		return Standing{}, err
	}
	if !slices.ContainsFunc(sd.gappy, func(g *gaps) bool { return g.has(i) }) {
		return pl.byRow(k, i, s)
	}
	// A kept column has a gap for the record: each column is looked at
	// in turn, and worked out where it must be.
	qualified := true
	for j, c := range sd.condCols {
		if pl.fill(s, sd.condSlots[j], &c.gaps, i) {
			f := pl.factsOf(k, i, s)
			held, err := sd.conds[j].Bool(f)
			if err != nil {
				err = sd.fault(j, f.Key, err)
				c.errs.store(i, err)
				return Standing{}, err
			}
			c.held[i] = held
		}
		if err := pl.faultAt(c, k, j, i, s); err != nil {
			return Standing{}, err
		}
		qualified = qualified && c.held[i]
	}
	ev := sd.pol.Evaluator()
	for j, c := range sd.earnCols {
		if pl.fill(s, sd.earnSlots[j], &c.gaps, i) {
			if err := pl.run(k, j, i, s); err != nil {
				// No points: the rule's fault rejects the record whenever
				// they are looked for again.
				pl.unfill(s, sd.earnSlots[j], &c.gaps, i)
				return Standing{}, err
			}
			c.num.Set(i, ev.Earn(j, sd.ruleCols[j].num.At(i)))
		}
		s.earned[k][j] = c.num.At(i)
	}
	vetoed := false
	for j := sd.numbers; j < len(sd.rules); j++ {
		if err := pl.run(k, j, i, s); err != nil {
			return Standing{}, err
		}
		vetoed = vetoed || sd.ruleCols[j].held[i]
	}
	return standingOf(qualified, ev.Settle(s.earned[k], vetoed), sd.class.res[i].Outcome), nil
}

// byRow gives record i's standing under side k: the formulas whose values
// no column holds yet run as one stage and their values go to their
// columns, then the standing is worked out item by item, in the order the
// column-by-column way takes them, reading what the stage did not run from
// its column. The first fault in that order rejects the record.
func (pl *plan) byRow(k, i int, s *scratch) (Standing, error) {
	sd := &pl.sides[k]
	rp := &sd.row
	if k == 1 && s.baseRow {
		rp = &sd.rest
	}
	numbers, bools := s.numbers[:rp.stage.Numbers()], s.bools[:rp.stage.Bools()]
	ran, failed := rp.stage.Len(), error(nil)
	if ran > 0 {
		f := pl.factsOf(k, i, s)
		if ran, failed = rp.stage.Run(f, numbers, bools); failed != nil {
			failed = sd.fault(rp.progs[ran].item, f.Key, failed)
		}
	}
	for _, p := range rp.progs[:ran] {
		if p.col.num != nil {
			p.col.num.Set(i, numbers[p.slot])
		} else {
			p.col.held[i] = bools[p.slot]
		}
		s.filled[p.fill] = true
	}
	if failed != nil {
		p := rp.progs[ran]
		p.col.errs.store(i, failed)
		s.filled[p.fill] = true
	}
	// held and number give an item's value: the stage's, or its column's.
	held := func(item int) (bool, error) {
		switch n := rp.at[item]; {
		case n >= ran:
			return false, failed // the stage stopped at it or before
		case n >= 0:
			return bools[rp.progs[n].slot], nil
		}
		c, _ := sd.item(item)
		return c.held[i], pl.faultAt(c, k, item, i, s)
	}
	number := func(item int) (formula.Fixed, error) {
		switch n := rp.at[item]; {
		case n >= ran:
			return formula.Fixed{}, failed
		case n >= 0:
			return numbers[rp.progs[n].slot], nil
		}
		c, _ := sd.item(item)
		return c.num.At(i), pl.faultAt(c, k, item, i, s)
	}
	qualified := true
	for j := range sd.conds {
		ok, err := held(j)
		if err != nil {
			return Standing{}, err
		}
		qualified = qualified && ok
	}
	ev := sd.pol.Evaluator()
	earned := s.earned[k]
	for j, way := range rp.earn {
		c := sd.earnCols[j]
		if way == earnRead || way == earnUnless && s.filled[sd.earnSlots[j]] {
			earned[j] = c.num.At(i)
			continue
		}
		x, err := number(len(sd.conds) + j)
		if err != nil {
			return Standing{}, err
		}
		earned[j] = ev.Earn(j, x)
		c.num.Set(i, earned[j])
		s.filled[sd.earnSlots[j]] = true
	}
	vetoed := false
	for j := sd.numbers; j < len(sd.rules); j++ {
		v, err := held(len(sd.conds) + j)
		if err != nil {
			return Standing{}, err
		}
		vetoed = vetoed || v
	}
	s.baseRow = k == 0
	return standingOf(qualified, ev.Settle(earned, vetoed), sd.class.res[i].Outcome), nil
}

// run works out side k's rule j on record i into its column, when it must
// be, and returns the rule's fault on the record.
func (pl *plan) run(k, j, i int, s *scratch) error {
	sd := &pl.sides[k]
	c := sd.ruleCols[j]
	if pl.fill(s, sd.ruleSlots[j], &c.gaps, i) {
		f := pl.factsOf(k, i, s)
		prog := sd.rules[j]
		var err error
		if c.num != nil {
			var x formula.Fixed
			x, err = prog.Fixed(f)
			c.num.Set(i, x)
		} else {
			c.held[i], err = prog.Bool(f)
		}
		if err != nil {
			err = sd.fault(len(sd.conds)+j, f.Key, err)
			c.errs.store(i, err)
			return err
		}
	}
	return pl.faultAt(c, k, len(sd.conds)+j, i, s)
}

// faultAt is side k's item's fault on record i, when its column holds
// one, as the side's own rule gives it. A column is shared by every rule
// and policy with the formula's text, and the fault it keeps names the
// rule that first ran it; the side's own program runs again to give its
// own words (faults are rare, and a formula fails alike on the same
// facts). c is the item's column; looking costs an atomic load while it
// holds no fault.
func (pl *plan) faultAt(c *valueColumn, k, item, i int, s *scratch) error {
	if c.errs.n.Load() == 0 {
		return nil
	}
	return pl.refault(k, item, i, s)
}

// refault is faultAt for a column that holds faults.
func (pl *plan) refault(k, item, i int, s *scratch) error {
	sd := &pl.sides[k]
	c, prog := sd.item(item)
	kept := c.errs.load(i)
	if kept == nil {
		return nil
	}
	f := pl.factsOf(k, i, s)
	var err error
	if c.num != nil {
		_, err = prog.Fixed(f)
	} else {
		_, err = prog.Bool(f)
	}
	if err == nil {
		return kept
	}
	return sd.fault(item, f.Key, err)
}
