// Package jsonwire holds the pieces of the JSON model that every stage's
// results are written in, so that classify, qualify, evaluate and the root
// package write one shape: a member of a closed set as {"code", "label"},
// an exact number as a string with at least two places ("85.50"), a date
// as 2006-01-02, text or a value that is absent as null, a list as [] when
// empty, and reading that refuses unknown fields. Users never call it; the
// report and tier packages write the same shape on their own.
//
// Everything here is a pure function of its arguments, safe for concurrent
// use.
package jsonwire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Code is a member of a closed set: its stable code and its Chinese label.
type Code struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// NewCode returns the member code, label; nil (null) when code is "", the
// zero value of a set that has no member for it.
func NewCode(code, label string) *Code {
	if code == "" {
		return nil
	}
	return &Code{Code: code, Label: label}
}

// Text is what a reader parses: the code, or the label when the code is
// empty; "" for nil.
func (c *Code) Text() string {
	if c == nil {
		return ""
	}
	if c.Code != "" {
		return c.Code
	}
	return c.Label
}

// Date writes d as 2006-01-02 (2006-01 for a month); nil for the zero Date.
func Date(d roster.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// ParseDate reads what [Date] writes, and nothing else: a date in another
// spelling is refused, so that a file read back writes the same bytes.
func ParseDate(s *string) (roster.Date, error) {
	if s == nil {
		return roster.Date{}, nil
	}
	d, err := roster.ParseDate(*s)
	if err != nil || d.IsZero() || d.String() != *s {
		return roster.Date{}, fmt.Errorf("%w: %q 不是 2006-01-02 格式的日期 (not a date written 2006-01-02)", roster.ErrBadDate, *s)
	}
	return d, nil
}

// Decimal writes d exactly, with at least two places and no zero beyond
// them: 85.5 as "85.50", 3 as "3.00", 1.125 as "1.125", and a 0 computed
// to twelve places as "0.00". The text depends on the value alone.
func Decimal(d decimal.Decimal) string {
	s := d.String() // exact, without trailing zeros
	switch i := strings.IndexByte(s, '.'); {
	case i < 0:
		return s + ".00"
	case i == len(s)-2:
		return s + "0"
	}
	return s
}

// ParseDecimal reads what [Decimal] writes: digits with a point and an
// optional sign, no exponent.
func ParseDecimal(s string) (decimal.Decimal, error) {
	if strings.ContainsAny(s, "eE") || strings.TrimSpace(s) != s || s == "" {
		return decimal.Decimal{}, fmt.Errorf("%w: %q", errNotDecimal, s)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%w: %q", errNotDecimal, s)
	}
	return d, nil
}

var errNotDecimal = errors.New("不是数字，应写作字符串 \"85.50\" (not a number written as a string such as \"85.50\")")

// Text writes s, or nil (null) for "".
func Text(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// String reads what [Text] writes.
func String(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// List returns xs, or an empty list for nil, so that it is written [].
func List[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// Items returns xs, or nil for an empty list: a list read back from []
// is nil, as the stages leave a list they have nothing for.
func Items[T any](xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	return xs
}

// Decode reads one JSON value from b into v, refusing fields v does not
// have and anything after the value. what names the value in the error,
// in Chinese then in English: "分类结果 (classification)". An error of a
// value inside, already named, is returned as it is: the innermost name
// says best what is wrong.
func Decode(b []byte, v any, what string) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, more := dec.Token(); more != io.EOF {
			err = errors.New("值后还有内容 (data after the value)")
		}
	}
	if err != nil {
		return Fail(what, err)
	}
	return nil
}

// Fail returns the error of a value that cannot be read, named as in
// [Decode]: a bad code, date or number.
func Fail(what string, err error) error {
	var u *unreadable
	if errors.As(err, &u) {
		return err
	}
	return &unreadable{what: what, err: err}
}

// unreadable is a value that cannot be read, and why.
type unreadable struct {
	what string
	err  error
}

func (e *unreadable) Error() string {
	return fmt.Sprintf("%s JSON 无法读取 (%s JSON unreadable): %v", zh(e.what), en(e.what), e.err)
}

func (e *unreadable) Unwrap() error { return e.err }

// zh and en split "分类结果 (classification)".
func zh(what string) string { s, _, _ := strings.Cut(what, " ("); return s }

func en(what string) string {
	_, s, ok := strings.Cut(what, " (")
	if !ok {
		return what
	}
	return strings.TrimSuffix(s, ")")
}

// IsNull reports whether b is the JSON null, which an UnmarshalJSON
// takes as no value: it leaves its receiver as it is.
func IsNull(b []byte) bool { return string(bytes.TrimSpace(b)) == "null" }

// Marshal is json.Marshal without escaping <, > and &: a MarshalJSON
// returns its value so, and the encoder that called it escapes them or
// not, as its caller chose (json.Marshal does, an Encoder told
// SetEscapeHTML(false) does not).
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// Unmarshal reads b into the wire form W and turns it into its value with
// value, storing it in *to; null leaves *to as it is. what names the value
// in errors, in Chinese then English.
func Unmarshal[W any, T any](b []byte, what string, to *T, value func(W) (T, error)) error {
	if IsNull(b) {
		return nil
	}
	var w W
	if err := Decode(b, &w, what); err != nil {
		return err
	}
	v, err := value(w)
	if err != nil {
		return Fail(what, err)
	}
	*to = v
	return nil
}

// Of marshals the wire form wire gives, or fails with its error.
func Of[W any](wire func() (W, error)) ([]byte, error) {
	w, err := wire()
	if err != nil {
		return nil, err
	}
	return Marshal(w)
}
