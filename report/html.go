package report

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/newstrata/newstrata/classify"
	"github.com/shopspring/decimal"
)

// The style of both pages: local fonts only, nothing fetched.
const css = `body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC",SimSun,sans-serif;color:#111;margin:16px;font-size:10.5pt}
h1{text-align:center;font-size:18pt;margin:4px 0 10px}
h2{font-size:13pt;margin:18px 0 6px}
.meta{display:flex;justify-content:space-between;margin:6px 0}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:3px 4px}
th{background:#eee;font-weight:normal}
thead{display:table-header-group}
tr{break-inside:avoid}
.sum{font-size:8.5pt;table-layout:fixed}.sum th{font-size:8pt}.sum col.u{width:9em}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.total td,tr.total th{font-weight:bold}
tr.part th{font-weight:normal;padding-left:1.5em}
.note{font-size:9pt;margin:6px 0}
.sign{display:flex;justify-content:space-between;margin:14px 0 0}
.sign span{flex:1}
.charts{display:flex;flex-wrap:wrap;gap:18px;break-before:page}
figure{margin:0;break-inside:avoid}
figcaption{font-weight:bold;margin:4px 0}
svg text{font-family:inherit;font-size:11px}
.form{break-after:page}
.form td.t{background:#f4f4f4;width:14%;white-space:nowrap}
.form td.v{width:36%}
.form td.box{height:6em;vertical-align:top}
.form .sig{text-align:right;margin-top:3.2em;white-space:pre}
@media screen{.form{margin-bottom:3em;padding-bottom:2em;border-bottom:2px dashed #999}}
@media print{body{margin:0}.sum th,.sum td{padding:1px 2px}h1{margin:0 0 4px}.sign{margin-top:6px}th,.form td.t{print-color-adjust:exact;-webkit-print-color-adjust:exact}}`

func page(b *strings.Builder, title, orientation string) {
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>\n@page{size:A4 %s;margin:12mm}\n%s\n</style>\n</head>\n<body>\n",
		html.EscapeString(title), orientation, css)
}

var esc = html.EscapeString

// WriteHTML writes the summary as one self-contained HTML page, readable
// on screen and printed on A4 landscape: the table with its merged
// headers, the footnote and the lines to sign, then three charts drawn
// in inline SVG: the grades of each unit, the histogram of scores with the
// grade cut lines, and the group mix of each list. It fetches nothing: no
// script, style sheet, font or image from elsewhere. It returns the first
// error of w.
func (s *Summary) WriteHTML(w io.Writer) error {
	var b strings.Builder
	page(&b, s.Title, "landscape")
	fmt.Fprintf(&b, "<h1>%s</h1>\n<div class=\"meta\"><span>填报单位：%s</span><span>填报日期：%s</span></div>\n",
		esc(s.Title), esc(s.Unit.Label), esc(ChineseDate(s.Date)))
	b.WriteString("<table class=\"sum\">\n<colgroup><col class=\"u\"></colgroup>\n<thead>\n<tr><th rowspan=\"2\">单位</th>")
	for i := 0; i < len(s.Columns); {
		j := i
		for j < len(s.Columns) && s.Columns[j].Group == s.Columns[i].Group {
			j++
		}
		fmt.Fprintf(&b, "<th colspan=\"%d\">%s</th>", j-i, esc(s.Columns[i].Group))
		i = j
	}
	b.WriteString("</tr>\n<tr>")
	for _, c := range s.Columns {
		fmt.Fprintf(&b, "<th>%s</th>", esc(c.Label))
	}
	b.WriteString("</tr>\n</thead>\n<tbody>\n")
	for _, r := range s.Rows {
		class := ""
		switch r.Kind {
		case RowTotal:
			class = ` class="total"`
		case RowCityList:
			class = ` class="part"`
		}
		fmt.Fprintf(&b, "<tr%s><th scope=\"row\">%s</th>", class, esc(r.Unit.Label))
		for _, v := range r.Counts {
			fmt.Fprintf(&b, "<td class=\"n\">%d</td>", v)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	fmt.Fprintf(&b, "<p class=\"note\">%s</p>\n<div class=\"sign\">", esc(s.Note()))
	for _, l := range SignOff {
		fmt.Fprintf(&b, "<span>%s</span>", esc(l))
	}
	b.WriteString("</div>\n<div class=\"charts\">\n")
	s.gradeChart(&b)
	s.histogram(&b)
	s.mixChart(&b)
	b.WriteString("</div>\n</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

var (
	gradeColors = [...]string{"#1b7837", "#5aae61", "#a6dba0", "#d6604d"}
	groupColors = [...]string{"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1"}
)

// legend draws colored keys in a row at y.
func legend(b *strings.Builder, x, y int, colors []string, labels []string, step int) {
	for i, l := range labels {
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>`,
			x+i*step, y, colors[i], x+i*step+14, y+9, esc(l))
	}
	b.WriteString("\n")
}

// gradeChart draws each unit's representatives by grade and the people
// removed, as stacked bars.
func (s *Summary) gradeChart(b *strings.Builder) {
	cols := []int{s.Column("grade_a"), s.Column("grade_b"), s.Column("grade_c"), s.Column("removed")}
	var rows []Row
	most := 1
	for _, r := range s.Rows {
		if r.Kind == RowTotal || r.Kind == RowCityList {
			continue
		}
		rows = append(rows, r)
		n := 0
		for _, c := range cols {
			n += r.Counts[c]
		}
		most = max(most, n)
	}
	const left, barW, rowH = 150, 380, 18
	h := 40 + rowH*len(rows)
	fmt.Fprintf(b, "<figure><figcaption>各单位综合评价等次分布（人）</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
		left+barW+60, h, left+barW+60, h)
	legend(b, left, 4, gradeColors[:], []string{"A级", "B级", "C级", "D级（剔除）"}, 80)
	for i, r := range rows {
		y := 24 + i*rowH
		fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, left-6, y+12, esc(r.Unit.Label))
		x, n := left, 0
		for k, c := range cols {
			v := r.Counts[c]
			wd := v * barW / most
			if wd > 0 {
				fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"><title>%s %d</title></rect>`, x, y+2, wd, rowH-4, gradeColors[k], []string{"A级", "B级", "C级", "D级"}[k], v)
			}
			x += wd
			n += v
		}
		fmt.Fprintf(b, `<text x="%d" y="%d">%d</text>`+"\n", x+4, y+12, n)
	}
	b.WriteString("</svg></figure>\n")
}

// histogram draws the scores of the people counted in bins, with a
// dashed line where each grade begins.
func (s *Summary) histogram(b *strings.Builder) {
	h := s.Scores
	if h.Width <= 0 || len(h.Counts) == 0 {
		return
	}
	const left, top, plotW, plotH = 40, 40, 440, 200
	most := 1
	for _, n := range h.Counts {
		most = max(most, n)
	}
	most += most/10 + 1 // room for the labels over the tallest bar
	top100 := h.Width * len(h.Counts)
	xOf := func(v decimal.Decimal) int {
		return left + int(v.Mul(decimal.NewFromInt(plotW)).Div(decimal.NewFromInt(int64(top100))).IntPart())
	}
	fmt.Fprintf(b, "<figure><figcaption>综合评价得分分布（人）与等次分数线</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
		left+plotW+40, top+plotH+40, left+plotW+40, top+plotH+40)
	bw := plotW / len(h.Counts)
	for i, n := range h.Counts {
		bh := n * plotH / most
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#7f9cbf" stroke="#fff"><title>%d–%d 分：%d 人</title></rect>`,
			left+i*bw, top+plotH-bh, bw, bh, i*h.Width, (i+1)*h.Width, n)
		if n > 0 {
			fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle" font-size="9">%d</text>`, left+i*bw+bw/2, top+plotH-bh-2, n)
		}
	}
	b.WriteString("\n")
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000"/>`, left, top+plotH, left+plotW, top+plotH)
	for v := 0; v <= top100; v += 10 {
		x := xOf(decimal.NewFromInt(int64(v)))
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000"/><text x="%d" y="%d" text-anchor="middle">%d</text>`,
			x, top+plotH, x, top+plotH+4, x, top+plotH+16, v)
	}
	fmt.Fprintf(b, `<text x="%d" y="%d">分</text>`+"\n", left+plotW+14, top+plotH+16)
	// The cut lines' labels sit above the plot, staggered so that close
	// lines (80 and 90) do not print over each other.
	for i, c := range h.Cuts {
		x := xOf(c.At)
		y := 12 + (i%2)*13
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#c0392b" stroke-width="1.5" stroke-dasharray="5 3"/><text x="%d" y="%d" fill="#c0392b" text-anchor="middle">%s ≥ %s</text>`+"\n",
			x, y+3, x, top+plotH, x, y, esc(c.Grade.Label), c.At)
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="10">每格 %d 分</text>`, left, top+plotH+34, h.Width)
	b.WriteString("</svg></figure>\n")
}

// mixChart draws each list's members by group, as shares of the list.
func (s *Summary) mixChart(b *strings.Builder) {
	const left, barW, rowH = 150, 380, 18
	n := len(s.Lists)
	h := 70 + rowH*n
	fmt.Fprintf(b, "<figure><figcaption>各名单代表人士群体构成</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
		left+barW+60, h, left+barW+60, h)
	for i, l := range s.Lists {
		y := 4 + i*rowH
		total := 0
		for _, v := range l.Groups {
			total += v
		}
		fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, left-6, y+12, esc(l.List.Label))
		x := left
		acc := 0
		for g, v := range l.Groups {
			if total == 0 || v == 0 {
				continue
			}
			x0 := left + acc*barW/total
			acc += v
			x = left + acc*barW/total
			fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"><title>G%d %d 人</title></rect>`, x0, y+2, x-x0, rowH-4, groupColors[g], g+1, v)
		}
		fmt.Fprintf(b, `<text x="%d" y="%d">%d</text>`+"\n", x+4, y+12, total)
	}
	y := 10 + rowH*n
	labels := groupLabels()
	for i := range labels {
		legend(b, left, y+i*14, groupColors[i:i+1], labels[i:i+1], 0)
	}
	b.WriteString("</svg></figure>\n")
}

func groupLabels() []string {
	var out []string
	for _, g := range []classify.Group{classify.G1, classify.G2, classify.G3, classify.G4} {
		out = append(out, g.Code()+" "+g.Label())
	}
	return out
}

// WriteHTML writes the forms as one self-contained HTML page, a form to
// a printed A4 page (portrait, as registration forms are): the record's
// fields two to a line and long ones across, the outcome, the opinion
// boxes to sign and 填表日期. It returns the first error of w.
func (rs *Registrations) WriteHTML(w io.Writer) error {
	var b strings.Builder
	page(&b, rs.Title, "portrait")
	for i := range rs.Forms {
		f := &rs.Forms[i]
		fmt.Fprintf(&b, "<section class=\"form\">\n<h1>%s</h1>\n<div class=\"meta\"><span>填报单位：%s</span><span>登记编号：%s</span></div>\n<table>\n",
			esc(rs.Title), esc(rs.Unit.Label), esc(f.Key))
		for _, l := range f.Lines() {
			e := l.Entries
			switch {
			case l.Wide:
				fmt.Fprintf(&b, "<tr><td class=\"t\">%s</td><td colspan=\"3\">%s</td></tr>\n", esc(e[0].Title), lines(e[0].Value))
			case len(e) == 1:
				fmt.Fprintf(&b, "<tr><td class=\"t\">%s</td><td class=\"v\">%s</td><td class=\"t\"></td><td class=\"v\"></td></tr>\n", esc(e[0].Title), lines(e[0].Value))
			default:
				fmt.Fprintf(&b, "<tr><td class=\"t\">%s</td><td class=\"v\">%s</td><td class=\"t\">%s</td><td class=\"v\">%s</td></tr>\n",
					esc(e[0].Title), lines(e[0].Value), esc(e[1].Title), lines(e[1].Value))
			}
		}
		for _, o := range f.Opinions {
			fmt.Fprintf(&b, "<tr><td class=\"t\">%s</td><td colspan=\"3\" class=\"box\">%s<div class=\"sig\">%s</div></td></tr>\n",
				esc(o.Title), lines(o.Text), esc(Signature))
		}
		fmt.Fprintf(&b, "</table>\n<div class=\"meta\"><span></span><span>填表日期：%s</span></div>\n</section>\n", esc(ChineseDate(f.FilledOn)))
	}
	b.WriteString("</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// lines escapes s and keeps its line breaks, and the items of a list
// cell (separated by ；) each on a line.
func lines(s string) string {
	return strings.ReplaceAll(esc(s), "\n", "<br>")
}
