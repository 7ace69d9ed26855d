package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
)

// scope is a unit's reading of the database, as [tier.View] is of a
// registry: a county-district's sees only its own people (the owners
// view: where they are kept now, under the unit's code or a former one),
// the city's ("") sees all. Asking for someone else's person is an error
// matching [tier.ErrScope], never a silent filter.
type scope struct {
	s     *store
	unit  string
	codes []string
}

// scope returns the reading of unit, a county-district's code with its
// former codes, or "" for the city's.
func (s *store) scope(unit string, former ...string) scope {
	return scope{s: s, unit: unit, codes: append([]string{unit}, former...)}
}

// where is the condition that keeps the scope's people, on the key column
// col, and its arguments.
func (sc scope) where(col string) (string, []any) {
	if sc.unit == "" {
		return "1 = 1", nil
	}
	args := make([]any, len(sc.codes))
	for i, c := range sc.codes {
		args[i] = c
	}
	return col + ` IN (SELECT key FROM owners WHERE unit IN (?` + strings.Repeat(", ?", len(sc.codes)-1) + `))`, args
}

// placed is a person in the database and the place on their list.
type placed struct {
	tier.Row
	Seq int // 1 up, by the list's order; 0 for none
}

// people returns the scope's people in seat, by list, place and
// registration number.
func (sc scope) people(ctx context.Context, seat tier.Seat) ([]placed, error) {
	cond, args := sc.where("key")
	rows, err := sc.s.db.QueryContext(ctx, `SELECT coalesce(seq, 0), `+rowColumns+`, 'active', NULL, NULL, NULL
		FROM representatives WHERE seat = ? AND `+cond+` ORDER BY list, seq, key`, append([]any{seat.Code()}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []placed
	for rows.Next() {
		var p placed
		if p.Row, err = scanRow(rows, &p.Seq); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// removals returns the removals of the scope's people, by date and
// registration number.
func (sc scope) removals(ctx context.Context) ([]tier.Row, error) {
	cond, args := sc.where("key")
	return sc.s.rows(ctx, `SELECT `+rowColumns+`, status, removed_on, removed_for, detail
		FROM history WHERE status = 'removed' AND `+cond+` ORDER BY removed_on, key`, args...)
}

// step is what one round did to a person and the row it left.
type step struct {
	AsOf    string
	Kind    tier.Kind
	Cause   tier.Cause
	Carried tier.Cause
	Row     tier.Row // the zero Row for a person the round did not enter
}

// history returns what each round did to key, oldest first. It is an
// error matching [tier.ErrScope] when key belongs to another unit, and
// matching [tier.ErrNotFound] when key was never in the database.
func (sc scope) history(ctx context.Context, key string) ([]step, error) {
	var unit string
	err := sc.s.db.QueryRowContext(ctx, `SELECT unit FROM owners WHERE key = ?`, key).Scan(&unit)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, &tier.Error{Key: key, Message: "不在数据库中 (not in the registry)", Err: tier.ErrNotFound}
	case err != nil:
		return nil, err
	case sc.unit != "" && !slices.Contains(sc.codes, unit):
		return nil, &tier.Error{Key: key, Field: "所属单位",
			Message: fmt.Sprintf("属于 %s，不在 %s 的范围内 (belongs to unit %s, outside the scope of %s)", unit, sc.unit, unit, sc.unit),
			Err:     tier.ErrScope}
	}
	rows, err := sc.s.db.QueryContext(ctx, `SELECT r.as_of, c.kind, coalesce(c.cause, ''), coalesce(c.carried, ''),
			h.key, h.unit, h.seat, h.list, h.grp, h.secondary, h.grade, h.score, h.post, h.assessed_on,
			h.policy, h.fingerprint, h.basis, h.since, h.status, h.removed_on, h.removed_for, h.detail
		FROM changes c
		JOIN rounds r ON r.id = c.round_id
		LEFT JOIN history h ON h.round_id = c.round_id AND h.key = c.key AND (h.status = 'active' OR h.removed_on = r.as_of)
		WHERE c.key = ? ORDER BY c.round_id`, key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []step
	for rows.Next() {
		var st step
		var kind, cause, carried string
		if st.Row, err = scanRow(rows, &st.AsOf, &kind, &cause, &carried); err != nil {
			return nil, err
		}
		var p parser
		p.key = key
		st.Kind = member[tier.Kind](&p, "kind", kind)
		st.Cause = member[tier.Cause](&p, "cause", cause)
		st.Carried = member[tier.Cause](&p, "carried", carried)
		if err := errors.Join(p.errs...); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// unitName is the name of a unit's code, the code when it is unknown.
func unitName(j *roster.Jurisdiction, code string) string {
	if u, ok := j.Unit(code); ok {
		return u.Name
	}
	return code
}
