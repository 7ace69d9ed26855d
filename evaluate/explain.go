package evaluate

import (
	"fmt"
	"io"
	"strings"
)

// Explain writes r as a clerk reads it, in Chinese: each first-level
// indicator with its points; each second-level one with the points earned
// and lost and the record's values its formula read; bonuses, vetoes, the
// total and grade; and what the next grade up would take. It returns the
// first error of w.
func (r *Result) Explain(w io.Writer) error {
	var b strings.Builder
	fp := r.Fingerprint
	if len(fp) > 12 {
		fp = fp[:12]
	}
	fmt.Fprintf(&b, "记录 %s 综合评价（政策 %s，指纹 %s，评价日 %s）\n", r.Key, r.Policy, fp, r.AsOf)
	for _, d := range r.Dimensions {
		fmt.Fprintf(&b, "%s %s：%s 分中得 %s 分\n", d.ID, d.Name, d.Points, d.Score)
		for _, in := range d.Indicators {
			fmt.Fprintf(&b, "  %s %s：%s 分中得 %s 分", in.ID, in.Name, in.Points, in.Score)
			if in.Lost.IsPositive() {
				fmt.Fprintf(&b, "，失 %s 分", in.Lost)
			}
			if !in.Raw.Equal(in.Score) {
				fmt.Fprintf(&b, "（公式得 %s）", in.Raw)
			}
			if len(in.Read) > 0 {
				reads := make([]string, len(in.Read))
				for i, x := range in.Read {
					reads[i] = x.Field + "=" + x.Value
				}
				fmt.Fprintf(&b, "；依据 %s", strings.Join(reads, "，"))
			}
			b.WriteString("\n")
		}
	}
	if len(r.Bonuses) > 0 {
		parts := make([]string, len(r.Bonuses))
		for i, x := range r.Bonuses {
			parts[i] = fmt.Sprintf("%s %s +%s", x.ID, x.Name, x.Points)
		}
		fmt.Fprintf(&b, "加分：%s\n", strings.Join(parts, "，"))
	}
	fmt.Fprintf(&b, "总分 %s，%s", r.Total, r.Grade.Label())
	if r.Removed {
		b.WriteString("，从数据库中剔除")
	}
	b.WriteString("\n")
	if len(r.Vetoes) > 0 {
		parts := make([]string, len(r.Vetoes))
		for i, v := range r.Vetoes {
			parts[i] = v.ID + " " + v.Name
		}
		fmt.Fprintf(&b, "一票否决：%s\n", strings.Join(parts, "，"))
	}
	if g := r.Gap; g != nil {
		fmt.Fprintf(&b, "距 %s 还差 %s 分", g.Next.Label(), g.Points)
		if len(g.Levers) > 0 {
			parts := make([]string, len(g.Levers))
			for i, l := range g.Levers {
				parts[i] = fmt.Sprintf("%s %s 可补 %s", l.ID, l.Name, l.Available)
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
