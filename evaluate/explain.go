package evaluate

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newstrata/newstrata/roster"
)

// Explain writes r as a clerk reads it, in Chinese: each first-level
// indicator with its points, numbered 一、二、… in the policy's order (not
// by its id, whose letter a clerk would take for a grade); each
// second-level one with the points earned and lost and the record's values
// its formula read, named by the form's titles ([roster.FactTitle]);
// bonuses, vetoes, the total and grade; and what the next grade up would
// take. It returns the first error of w.
func (r *Result) Explain(w io.Writer) error {
	var b strings.Builder
	fp := r.Fingerprint
	if len(fp) > 12 {
		fp = fp[:12]
	}
	fmt.Fprintf(&b, "记录 %s 综合评价（政策 %s，版本校验码 %s，评价基准日 %s）\n", r.Key, r.Policy, fp, r.AsOf)
	for i, d := range r.Dimensions() {
		fmt.Fprintf(&b, "%s、%s：%s 分中得 %s 分\n", numeral(i+1), d.Name, d.Points, d.Score)
		for _, in := range d.Indicators {
			fmt.Fprintf(&b, "  %s %s：%s 分中得 %s 分", in.ID, in.Name, in.Points, in.Score)
			if in.Lost.IsPositive() {
				fmt.Fprintf(&b, "，失分 %s 分", in.Lost)
			}
			if !in.Raw.Equal(in.Score) {
				fmt.Fprintf(&b, "（%s）", rawWords(in))
			}
			if len(in.Read) > 0 {
				reads := make([]string, len(in.Read))
				for i, x := range in.Read {
					reads[i] = roster.FactTitle(x.Field) + "=" + x.Value
				}
				fmt.Fprintf(&b, "；依据 %s", strings.Join(reads, "，"))
			}
			b.WriteString("\n")
		}
	}
	if bonuses := r.Bonuses(); len(bonuses) > 0 {
		parts := make([]string, len(bonuses))
		for i, x := range bonuses {
			parts[i] = fmt.Sprintf("%s %s +%s", x.ID, x.Name, x.Points)
		}
		fmt.Fprintf(&b, "加分：%s\n", strings.Join(parts, "，"))
	}
	fmt.Fprintf(&b, "总分 %s，%s", r.Total, r.Grade.Label())
	if r.Removed {
		b.WriteString("，从数据库中剔除")
	}
	b.WriteString("\n")
	if vetoes := r.Vetoes(); len(vetoes) > 0 {
		parts := make([]string, len(vetoes))
		for i, v := range vetoes {
			parts[i] = v.ID + " " + v.Name
		}
		fmt.Fprintf(&b, "一票否决：%s\n", strings.Join(parts, "，"))
	}
	if g := r.Gap(); g != nil {
		fmt.Fprintf(&b, "距 %s 还差 %s 分", g.Next.Label(), g.Points)
		if len(g.Levers) > 0 {
			parts := make([]string, len(g.Levers))
			for i, l := range g.Levers {
				parts[i] = fmt.Sprintf("%s %s 可补 %s 分", l.ID, l.Name, l.Available)
				if l.Closes {
					parts[i] += "（单项即可补足）"
				}
			}
			fmt.Fprintf(&b, "：%s", strings.Join(parts, "，"))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// rawWords says how the formula's value became the score: capped at the
// indicator's points, raised to 0, or rounded.
func rawWords(in IndicatorScore) string {
	switch {
	case in.Raw.GreaterThan(in.Points):
		return fmt.Sprintf("按公式得 %s 分，封顶 %s 分", in.Raw, in.Points)
	case in.Raw.IsNegative():
		return fmt.Sprintf("按公式得 %s 分，最低 0 分", in.Raw)
	}
	return fmt.Sprintf("按公式得 %s 分，取 %s 分", in.Raw, in.Score)
}

// numeral writes n as a heading's Chinese numeral: 一, 十二, 九十九.
func numeral(n int) string {
	const digits = "〇一二三四五六七八九"
	d := []rune(digits)
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return string(d[n])
	}
	s := "十"
	if n >= 20 {
		s = string(d[n/10]) + s
	}
	if n%10 != 0 {
		s += string(d[n%10])
	}
	return s
}
