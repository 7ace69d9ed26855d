package qualify

import (
	"fmt"
	"io"
	"strings"
)

// Explain writes r as a clerk reads it, in Chinese: each condition with its
// kind and outcome, the reason a failed one gives, and for a waived one the
// reason, the unit that granted the waiver and the day. It returns the
// first error of w. A nil Result explains as the zero one does.
func (r *Result) Explain(w io.Writer) error {
	if r == nil {
		r = &Result{}
	}
	var b strings.Builder
	verdict := "不符合资格条件"
	if r.Qualified {
		verdict = "符合资格条件"
	}
	fmt.Fprintf(&b, "记录 %s 资格审查（政策 %s，评价基准日 %s）：%s\n", r.Key, r.Policy, r.AsOf, verdict)
	for c := range r.each() {
		fmt.Fprintf(&b, "  %s %s（%s）：%s", c.ID, c.Name, c.Kind.Label(), c.Outcome.Label())
		switch {
		case c.Waiver != nil:
			fmt.Fprintf(&b, "；放宽理由：%s；审批单位：%s；审批日期：%s", c.Waiver.Reason, c.Waiver.ApprovedBy, c.Waiver.Date)
		case c.Outcome == Failed:
			fmt.Fprintf(&b, "；%s", c.Reason)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
