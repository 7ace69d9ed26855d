package main

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
	_ "modernc.org/sqlite" // the "sqlite" driver: pure Go, no cgo
)

// schema creates the tables if they are not there; a clerk reads it as
// the description of the database.
//
//go:embed schema.sql
var schema string

// store keeps a [tier.Registry] in SQLite, round after round. The library
// decides; the store only writes down what a round decided and reads it
// back, so that the next round starts from the database and not from
// memory.
type store struct{ db *sql.DB }

// openStore opens (or creates) the database file at path and its tables.
func openStore(ctx context.Context, path string) (*store, error) {
	db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("建表失败 (creating the tables): %w", err)
	}
	return &store{db: db}, nil
}

func (s *store) Close() error { return s.db.Close() }

// policyUse is a policy a round assessed people under, and how many.
type policyUse struct {
	ID, Fingerprint string
	People          int
}

// policiesOf counts the policies of a round's assessments, by id and
// fingerprint.
func policiesOf(round []tier.Assessed) []policyUse {
	var out []policyUse
	for _, a := range round {
		i := slices.IndexFunc(out, func(p policyUse) bool { return p.ID == a.Policy && p.Fingerprint == a.Fingerprint })
		if i < 0 {
			out = append(out, policyUse{ID: a.Policy, Fingerprint: a.Fingerprint})
			i = len(out) - 1
		}
		out[i].People++
	}
	slices.SortFunc(out, func(a, b policyUse) int {
		return strings.Compare(a.ID+"\x00"+a.Fingerprint, b.ID+"\x00"+b.Fingerprint)
	})
	return out
}

// save writes a round in one transaction: the round and its policies,
// the change list, a history row for each person the round left in the
// database or removed, and the representatives as reg has them. reg and
// ch are what [tier.Round] returned on the registry [store.load] gave.
func (s *store) save(ctx context.Context, reg *tier.Registry, ch *tier.Changes, policies []policyUse) (round int64, err error) {
	if reg == nil || ch == nil || reg.AsOf() != ch.AsOf {
		return 0, errors.New("保存失败：数据库与变动清单不是同一轮的 (registry and changes of different rounds)")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var last sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT max(as_of) FROM rounds`).Scan(&last); err != nil {
		return 0, err
	}
	if last.Valid && last.String > ch.AsOf.String() {
		return 0, fmt.Errorf("保存失败：本轮日期 %s 早于已保存的 %s (a round before the last one saved)", ch.AsOf, last.String)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO rounds (as_of, unit) VALUES (?, ?)`, ch.AsOf.String(), ch.Unit)
	if err != nil {
		return 0, err
	}
	if round, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	for _, p := range policies {
		if _, err := tx.ExecContext(ctx, `INSERT INTO round_policies (round_id, policy, fingerprint, people) VALUES (?, ?, ?, ?)`,
			round, p.ID, p.Fingerprint, p.People); err != nil {
			return 0, err
		}
	}

	insert, err := tx.PrepareContext(ctx, `INSERT INTO changes
		(round_id, key, kind, from_unit, unit, from_seat, from_list, to_seat, to_list, basis, cause, detail, carried)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer insert.Close()
	inRound := map[string]bool{}
	for _, c := range ch.Items {
		inRound[c.Key] = true
		if _, err := insert.ExecContext(ctx, round, c.Key, c.Kind.Code(), null(c.FromUnit), null(c.Unit),
			null(c.From.Seat.Code()), null(c.From.List), null(c.To.Seat.Code()), null(c.To.List),
			null(c.Basis.Code()), null(c.Cause.Code()), null(strings.Join(c.Detail, "；")), null(c.Carried.Code())); err != nil {
			return 0, err
		}
	}

	// The active row of each of the round's people goes to the history,
	// and so does every removal: the unique index history_removal keeps
	// one row for each, the first round's that saw it.
	history, err := tx.PrepareContext(ctx, `INSERT INTO history
		(round_id, key, status, unit, seat, list, grp, secondary, grade, score, post, assessed_on,
		 policy, fingerprint, basis, since, removed_on, removed_for, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`)
	if err != nil {
		return 0, err
	}
	defer history.Close()
	for _, e := range reg.Entries() {
		if e.Status == tier.Active && !inRound[e.Key] {
			continue
		}
		if _, err := history.ExecContext(ctx, round, e.Key, e.Status.Code(), e.Unit, null(e.Seat.Code()), null(e.List),
			null(e.Group.Code()), null(groupCodes(e.Secondary)), null(e.Grade.Code()), null(scoreText(e.Score)), null(e.Post.Code()),
			null(dateText(e.AssessedOn)), null(e.Policy), null(e.Fingerprint), null(e.Basis.Code()), e.Since.String(),
			null(dateText(e.RemovedOn)), null(e.RemovedFor.Code()), null(strings.Join(e.Detail, "；"))); err != nil {
			return 0, err
		}
	}

	// The representatives are rewritten from reg; a person the round did
	// not cover (another county-district's) keeps the place on the list
	// the table had.
	seq := map[string]int{}
	if err := keep(ctx, tx, inRound, seq); err != nil {
		return 0, err
	}
	for _, l := range ch.Selection.Lists { // a nil Selection has no lists
		for i, a := range l.Admitted {
			seq[a.Candidate.Key] = i + 1
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM representatives`); err != nil {
		return 0, err
	}
	reps, err := tx.PrepareContext(ctx, `INSERT INTO representatives
		(key, unit, seat, list, seq, grp, secondary, grade, score, post, assessed_on, policy, fingerprint, basis, since, round_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer reps.Close()
	for _, e := range reg.Active() {
		var n any
		if e.Seat.Listed() && seq[e.Key] > 0 {
			n = seq[e.Key]
		}
		if _, err := reps.ExecContext(ctx, e.Key, e.Unit, e.Seat.Code(), null(e.List), n, e.Group.Code(), null(groupCodes(e.Secondary)),
			e.Grade.Code(), scoreText(e.Score), null(e.Post.Code()), e.AssessedOn.String(),
			e.Policy, e.Fingerprint, e.Basis.Code(), e.Since.String(), round); err != nil {
			return 0, err
		}
	}
	return round, tx.Commit()
}

// keep reads the list places of the representatives a round did not cover.
func keep(ctx context.Context, tx *sql.Tx, inRound map[string]bool, seq map[string]int) error {
	rows, err := tx.QueryContext(ctx, `SELECT key, seq FROM representatives WHERE seq IS NOT NULL`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			return err
		}
		if !inRound[key] {
			seq[key] = n
		}
	}
	return rows.Err()
}

// rowColumns are the columns of a tier.Row, in the order scanRow reads
// them, as both representatives and history have them.
const rowColumns = `key, unit, seat, list, grp, secondary, grade, score, post, assessed_on, policy, fingerprint, basis, since`

// load reads the registry of the latest round back: the representatives
// and every removal in the history, checked by [tier.NewRegistry]. An
// empty database gives nil, the empty registry.
func (s *store) load(ctx context.Context) (*tier.Registry, error) {
	var asOf sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT as_of FROM rounds ORDER BY id DESC LIMIT 1`).Scan(&asOf); errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	date, err := roster.ParseDate(asOf.String)
	if err != nil {
		return nil, fmt.Errorf("rounds.as_of: %w", err)
	}
	active, err := s.rows(ctx, `SELECT `+rowColumns+`, 'active', NULL, NULL, NULL FROM representatives`)
	if err != nil {
		return nil, err
	}
	removed, err := s.rows(ctx, `SELECT `+rowColumns+`, status, removed_on, removed_for, detail FROM history WHERE status = 'removed'`)
	if err != nil {
		return nil, err
	}
	return tier.NewRegistry(date, append(active, removed...))
}

// rows runs a query whose columns are rowColumns then status,
// removed_on, removed_for and detail, and reads each row.
func (s *store) rows(ctx context.Context, query string, args ...any) ([]tier.Row, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tier.Row
	for rows.Next() {
		e, err := scanRow(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// scanRow reads a row whose columns are those of extra, then
// rowColumns, status, removed_on, removed_for and detail. A row of NULLs
// (an outer join that found none) gives the zero Row.
func scanRow(rows *sql.Rows, extra ...any) (tier.Row, error) {
	var c [18]sql.NullString
	ptrs := slices.Clone(extra)
	for i := range c {
		ptrs = append(ptrs, &c[i])
	}
	if err := rows.Scan(ptrs...); err != nil {
		return tier.Row{}, err
	}
	var p parser
	e := tier.Row{Key: c[0].String, Unit: c[1].String, List: c[3].String, Policy: c[10].String, Fingerprint: c[11].String}
	p.key = e.Key
	e.Seat = member[tier.Seat](&p, "seat", c[2].String)
	e.Group = member[classify.Group](&p, "grp", c[4].String)
	if c[5].String != "" {
		for _, g := range strings.Split(c[5].String, ",") {
			e.Secondary = append(e.Secondary, member[classify.Group](&p, "secondary", g))
		}
	}
	e.Grade = member[evaluate.Grade](&p, "grade", c[6].String)
	if c[7].Valid {
		e.Score, p.err = decimal.NewFromString(c[7].String)
		p.check("score")
	}
	e.Post = member[roster.Level](&p, "post", c[8].String)
	e.AssessedOn = p.date("assessed_on", c[9].String)
	e.Basis = member[tier.Basis](&p, "basis", c[12].String)
	e.Since = p.date("since", c[13].String)
	e.Status = member[tier.Status](&p, "status", c[14].String)
	e.RemovedOn = p.date("removed_on", c[15].String)
	e.RemovedFor = member[tier.Cause](&p, "removed_for", c[16].String)
	if c[17].String != "" {
		e.Detail = strings.Split(c[17].String, "；")
	}
	return e, errors.Join(p.errs...)
}

// parser reads the columns of one row, keeping every fault.
type parser struct {
	key  string
	err  error
	errs []error
}

func (p *parser) check(column string) {
	if p.err != nil {
		p.errs = append(p.errs, fmt.Errorf("记录 %s：列 %s 无法读取 (column unreadable): %w", p.key, column, p.err))
		p.err = nil
	}
}

func (p *parser) date(column, s string) roster.Date {
	d, err := roster.ParseDate(s)
	p.err = err
	p.check(column)
	return d
}

// code is a closed set of the library: a uint8 with a code, whose
// members run from 1 up.
type code interface {
	~uint8
	Code() string
	Valid() bool
}

// member reads the member of T whose code is s; "" is the zero value.
func member[T code](p *parser, column, s string) T {
	if s == "" {
		return 0
	}
	for v := T(1); v.Valid(); v++ {
		if v.Code() == s {
			return v
		}
	}
	p.err = fmt.Errorf("未知代码 %q (unknown code)", s)
	p.check(column)
	return 0
}

// null is NULL for "", the value otherwise.
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func groupCodes(gs []classify.Group) string {
	codes := make([]string, len(gs))
	for i, g := range gs {
		codes[i] = g.Code()
	}
	return strings.Join(codes, ",")
}

func dateText(d roster.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// scoreText writes a score with its own places, as tier's files do:
// 91.50 stays 91.50.
func scoreText(d decimal.Decimal) string {
	if d.Exponent() < 0 {
		return d.StringFixed(-d.Exponent())
	}
	return d.String()
}
