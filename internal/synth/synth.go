package synth

import (
	"io"
	"iter"
	"math"
	"math/rand/v2"
	"strconv"
	"time"
	"unsafe"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/internal/wordmap"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// The sample roster checked in as testdata/roster.csv.
const (
	SampleSize = 2000
	SampleSeed = 20190402 // the date of the notice
)

// SampleAsOf is the assessment date of the sample: the notice's reporting
// deadline, 15 April 2019.
func SampleAsOf() roster.Date { return roster.NewDate(2019, time.April, 15) }

// Sample returns the records of the sample roster.
func Sample() []roster.Record { return Generate(SampleSize, SampleSeed, SampleAsOf()) }

// WriteSample writes the sample roster as CSV, as testdata/roster.csv holds
// it.
func WriteSample(w io.Writer) error {
	recs := Sample()
	ptrs := make([]*roster.Record, len(recs))
	for i := range recs {
		ptrs[i] = &recs[i]
	}
	return roster.NewWriter(w).WriteAll(ptrs)
}

// Generate returns n synthetic records assessed on asOf (birth dates, work
// histories, trainings and awards lie before it). The same arguments give
// the same records. asOf must be a valid date; a month counts as its first
// day, and the zero Date means [SampleAsOf]. n <= 0 gives nil.
func Generate(n int, seed int64, asOf roster.Date) []roster.Record {
	if n <= 0 {
		return nil
	}
	g := newGen(n, seed, asOf)
	out := make([]roster.Record, n)
	for i := range out {
		g.record(&out[i], i)
	}
	return out
}

// Records yields, one at a time and each new, the records Generate(n,
// seed, asOf) returns, without holding them: for rosters larger than
// memory should hold. It keeps only what makes each citizen ID unique (a
// table of 16-byte slots at most half full: 32-64 bytes an ID). Each range
// over it starts again from the first record. A record's strings are cut
// from blocks of text shared with its neighbours: a string kept after the
// loop keeps its block (8 KiB). [Parallel] generates on several
// goroutines, but other records.
func Records(n int, seed int64, asOf roster.Date) iter.Seq[*roster.Record] {
	return func(yield func(*roster.Record) bool) {
		if n <= 0 {
			return
		}
		g := newGen(n, seed, asOf)
		for i := range n {
			rec := new(roster.Record)
			g.record(rec, i)
			if !yield(rec) {
				return
			}
		}
	}
}

func newGen(n int, seed int64, asOf roster.Date) *gen {
	if asOf.IsZero() || !asOf.Valid() {
		asOf = SampleAsOf()
	}
	if asOf.Day == 0 {
		asOf.Day = 1
	}
	g := &gen{
		r:      rand.New(rand.NewPCG(uint64(seed), 0x6e616e6e696e67)),
		asOf:   asOf,
		today:  dayOf(asOf.Year, asOf.Month, asOf.Day),
		units:  roster.Nanning().Units,
		seq:    make([]int, len(unitWeights)),
		digits: make([]byte, 0, 18),
	}
	g.phoneOffset = g.r.IntN(1e8)
	return g
}

type gen struct {
	r           *rand.Rand
	asOf        roster.Date
	today       day // asOf
	units       []roster.Unit
	seq         []int       // next registration number, by unit
	ids         wordmap.Map // citizen IDs given, packed (packID), to keep them unique
	digits      []byte
	phoneOffset int
	// byIndex numbers the registration numbers by the record's index in
	// the roster rather than by unit (seq), as the chunks of [Chunks] must
	// to keep them unique without seeing each other.
	byIndex bool
	// lastID is the citizen ID citizenID last gave, packed.
	lastID uint64
	// prom is the record's prominence in permille: how established the
	// person is. Posts, awards, ratings and contributions rise with it
	// together, as they do in a database of nominated representatives, so
	// the sample spreads over every grade.
	prom int
	// text holds the bytes of the strings the records are given, end to
	// end (see str); cents the decimals of hundredths made so far, by
	// value, shared among records as immutable values are.
	text  []byte
	cents []decimal.Decimal // by value; the zero Decimal where none is made yet
}

// textBlock is how many bytes of strings gen allocates at a time: some
// seventy records' worth (about 110 bytes of text a record), rather than
// an allocation for each string.
const textBlock = 8 << 10

// str returns b as a string stored in g's text block. The block is only
// ever appended to, so the bytes of a string given out are never written
// again; a full block is left to the strings that point into it and a new
// one begun.
func (g *gen) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if cap(g.text)-len(g.text) < len(b) {
		g.text = make([]byte, 0, max(textBlock, len(b)))
	}
	start := len(g.text)
	g.text = append(g.text, b...)
	return unsafe.String(&g.text[start], len(b))
}

// concat is str of the parts end to end, then n padded to width digits
// when width > 0.
func (g *gen) concat(n, width int, parts ...string) string {
	b := g.digits[:0]
	for _, p := range parts {
		b = append(b, p...)
	}
	if width > 0 {
		b = appendPad(b, n, width)
	}
	g.digits = b[:0]
	return g.str(b)
}

// cent is the decimal n hundredths (n ≥ 0), as decimal.New(n, -2) makes
// it.
func (g *gen) cent(n int64) decimal.Decimal {
	if n >= int64(len(g.cents)) {
		g.cents = append(g.cents, make([]decimal.Decimal, int(n)+1-len(g.cents))...)
	}
	if d := g.cents[n]; d.Exponent() == -2 { // made: the zero Decimal's is 0
		return d
	}
	g.cents[n] = decimal.New(n, -2)
	return g.cents[n]
}

// category is the kind of person drawn, before the details.
type category uint8

const (
	notStrata category = iota
	g1
	g1NewMedia // a technician or editor of a private new-media firm: G1 and G4
	g2Intermediary
	g2SocialOrg
	g3
	g4
)

type w[T any] struct {
	v T
	n int
}

func pick[T any](r *rand.Rand, ws []w[T]) T {
	total := 0
	for _, x := range ws {
		total += x.n
	}
	k := r.IntN(total)
	for _, x := range ws {
		if k < x.n {
			return x.v
		}
		k -= x.n
	}
	return ws[len(ws)-1].v
}

func one[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// chance reports true with probability p per mille.
func chance(r *rand.Rand, p int) bool { return r.IntN(1000) < p }

// likely is a chance of base permille plus up to extra more with prominence.
func (g *gen) likely(base, extra int) bool { return chance(g.r, base+extra*g.prom/1000) }

// unitWeights follow roughly where private firms and new-media people
// cluster: the central districts far ahead of the rural counties. They are
// indexed as the units of roster.Nanning().
var unitWeights = []int{10, 18, 12, 18, 8, 4, 6, 3, 3, 3, 6, 9}

var categories = []w[category]{
	{notStrata, 30}, {g1, 405}, {g1NewMedia, 35}, {g2Intermediary, 115}, {g2SocialOrg, 75}, {g3, 190}, {g4, 150},
}

var surnames = []w[string]{
	{"黄", 60}, {"李", 45}, {"韦", 45}, {"陈", 35}, {"梁", 30}, {"莫", 20}, {"覃", 25}, {"蒙", 15},
	{"农", 15}, {"陆", 15}, {"廖", 12}, {"刘", 25}, {"张", 20}, {"王", 20}, {"杨", 15}, {"周", 12},
	{"罗", 15}, {"林", 12}, {"何", 12}, {"吴", 10}, {"卢", 12}, {"谢", 8}, {"潘", 10}, {"蓝", 8},
	{"邓", 10}, {"唐", 8},
}

// ethnicities by GB/T 3304 number: 壮 8, 汉 1, 瑶 13, 苗 6, 侗 12, 回 3,
// 仫佬 32, 毛南 36, 京 49, 满 11, 土家 15, per ten thousand.
var ethnicities = []w[roster.Ethnicity]{
	{8, 5550}, {1, 4100}, {13, 150}, {6, 50}, {12, 30}, {3, 30}, {32, 30}, {36, 20}, {49, 20}, {11, 10}, {15, 10},
}

var nativePlaces = []w[string]{
	{"广西南宁", 55}, {"广西玉林", 6}, {"广西柳州", 4}, {"广西桂林", 4}, {"广西百色", 5}, {"广西钦州", 4},
	{"广西贵港", 5}, {"广西河池", 4}, {"广东茂名", 3}, {"湖南永州", 3}, {"湖南衡阳", 2}, {"四川南充", 2},
	{"江西赣州", 2}, {"湖北武汉", 1},
}

// areaCodes are Nanning's GB/T 2260 codes as they appear in citizen IDs of
// people born before 2021 (横县 450127, now 横州市).
var areaCodes = []string{"450102", "450103", "450105", "450107", "450108", "450109", "450110", "450123", "450124", "450125", "450126", "450127"}

var phonePrefixes = []string{
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151", "152",
	"153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181",
	"182", "183", "184", "185", "186", "187", "188", "189", "191", "193", "195", "198", "199",
}

var politics = []w[roster.Politics]{
	{roster.CPCMember, 140}, {roster.CPCProbationary, 10}, {roster.CYLMember, 60},
	{roster.RCCK, 5}, {roster.CDL, 15}, {roster.CNDCA, 20}, {roster.CAPD, 10}, {roster.CPWDP, 10},
	{roster.CZGP, 5}, {roster.JiuSan, 10}, {roster.TDSL, 1}, {roster.NonParty, 40}, {roster.Masses, 674},
}

var ratings = []w[roster.Rating]{{roster.Excellent, 30}, {roster.Good, 50}, {roster.Fair, 17}, {roster.Poor, 3}}

var industryRatings = []w[roster.Rating]{{roster.Excellent, 15}, {roster.Good, 40}, {roster.Fair, 35}, {roster.Poor, 5}, {0, 5}}

var (
	eduHigh = []w[roster.Education]{{roster.Postgraduate, 20}, {roster.Undergraduate, 60}, {roster.College, 15}, {roster.HighSchool, 5}}
	eduMid  = []w[roster.Education]{{roster.Postgraduate, 10}, {roster.Undergraduate, 48}, {roster.College, 27}, {roster.Vocational, 8}, {roster.HighSchool, 7}}
	eduLow  = []w[roster.Education]{{roster.College, 30}, {roster.Vocational, 35}, {roster.HighSchool, 25}, {roster.JuniorHigh, 10}}
)

// titleLevels are drawn for those with a title; titles name the level in
// the order 初级, 中级, 副高, 正高.
var titleLevels = []w[int]{{0, 30}, {1, 45}, {2, 20}, {3, 5}}

var levelOf = [4]roster.TitleLevel{roster.Junior, roster.Intermediate, roster.ViceSenior, roster.Senior}

var (
	titlesEngineer   = [4]string{"助理工程师", "工程师", "高级工程师", "正高级工程师"}
	titlesEconomist  = [4]string{"助理经济师", "经济师", "高级经济师", "正高级经济师"}
	titlesLawyer     = [4]string{"四级律师", "三级律师", "二级律师", "一级律师"}
	titlesAccountant = [4]string{"助理会计师", "会计师", "高级会计师", "正高级会计师"}
	titlesSocialWork = [4]string{"助理社会工作师", "社会工作师", "高级社会工作师", "正高级社会工作师"}
	titlesArt        = [4]string{"四级美术师", "三级美术师", "二级美术师", "一级美术师"}
	titlesWriter     = [4]string{"四级作家", "三级作家", "二级作家", "一级作家"}
	titlesActor      = [4]string{"四级演员", "三级演员", "二级演员", "一级演员"}
	titlesEditor     = [4]string{"助理编辑", "编辑", "副编审", "编审"}
	titlesTeacher    = [4]string{"三级教师", "二级教师", "一级教师", "高级教师"}
)

// job is the work side of a person: what they do and for whom.
type job struct {
	kind       roster.EmployerKind
	employer   string // a pattern: the unit's name and a number are added
	position   string
	occupation string
	role       roster.Role
	titles     *[4]string
	titleRate  int // per mille
	edu        []w[roster.Education]
	newMedia   bool
}

var (
	g1Industries = []string{"软件", "电子", "机械制造", "食品", "建材", "物流", "医药", "贸易", "房地产开发", "农业科技", "新能源", "餐饮管理"}
	g1Management = []string{"董事长", "总经理", "副总经理", "财务总监", "人力资源总监", "部门经理", "区域经理"}
	g1Technical  = []string{"技术总监", "总工程师", "研发工程师", "项目经理", "技术主管", "质量工程师"}
)

type intermediary struct {
	firm, occupation string
	positions        []string
	titles           *[4]string
}

var intermediaries = []w[intermediary]{
	{intermediary{"律师事务所", "律师", []string{"主任", "合伙人", "执业律师", "执业律师"}, &titlesLawyer}, 35},
	{intermediary{"会计师事务所", "注册会计师", []string{"所长", "合伙人", "项目经理", "审计员"}, &titlesAccountant}, 25},
	{intermediary{"税务师事务所", "税务师", []string{"所长", "合伙人", "税务顾问"}, &titlesAccountant}, 12},
	{intermediary{"资产评估有限公司", "资产评估师", []string{"总经理", "项目经理", "评估师"}, &titlesEconomist}, 10},
	{intermediary{"专利代理事务所", "专利代理师", []string{"所长", "专利代理师"}, &titlesEngineer}, 6},
	{intermediary{"管理咨询有限公司", "管理咨询师", []string{"总经理", "高级顾问", "咨询顾问"}, &titlesEconomist}, 12},
}

type socialOrg struct {
	kind       roster.EmployerKind
	names      []string
	occupation string
	positions  []string
}

var socialOrgs = []w[socialOrg]{
	{socialOrg{roster.SocialGroup, []string{"软件行业协会", "餐饮行业协会", "物流协会", "商会", "文化产业协会", "电子商务协会"}, "社会组织管理人员",
		[]string{"会长", "副会长", "秘书长", "副秘书长", "办公室主任"}}, 60},
	{socialOrg{roster.Foundation, []string{"公益基金会", "教育发展基金会", "助学基金会"}, "基金会工作人员",
		[]string{"理事长", "秘书长", "项目主管"}}, 12},
	{socialOrg{roster.SocialService, []string{"社会工作服务中心", "养老服务中心", "青少年服务中心", "职业培训学校"}, "社会工作者",
		[]string{"主任", "副主任", "社会工作师", "项目主管"}}, 28},
}

type freelance struct {
	occupations []string
	titles      *[4]string
	edu         []w[roster.Education]
	newMedia    int // per mille working through new-media platforms
}

// freelancers are the six sub-kinds of the notice, in its order.
var freelancers = []w[freelance]{
	{freelance{[]string{"网络作家", "自由撰稿人"}, &titlesWriter, eduMid, 450}, 15},
	{freelance{[]string{"画家", "书法家", "摄影师", "音乐创作人"}, &titlesArt, eduMid, 100}, 20},
	{freelance{[]string{"独立导演", "制片人", "歌手", "独立演员"}, &titlesActor, eduMid, 150}, 12},
	{freelance{[]string{"营销策划师", "企业培训师", "市场调研咨询师"}, &titlesEconomist, eduHigh, 80}, 18},
	{freelance{[]string{"经纪人", "设计师", "翻译"}, &titlesEconomist, eduMid, 50}, 20},
	{freelance{[]string{"工程机械技术人员", "家电维修技师", "电器及电子信息产品维修人员"}, &titlesEngineer, eduLow, 0}, 15},
}

type mediaRole struct {
	role       roster.Role
	positions  []string
	occupation string
	titles     *[4]string
}

var mediaRoles = []w[mediaRole]{
	{mediaRole{roster.Investor, []string{"创始人", "董事长"}, "新媒体企业出资人", &titlesEconomist}, 15},
	{mediaRole{roster.Management, []string{"总经理", "运营总监", "副总经理"}, "新媒体经营管理人员", &titlesEconomist}, 30},
	{mediaRole{roster.Editorial, []string{"主编", "内容编辑", "视频制作人"}, "新媒体采编人员", &titlesEditor}, 35},
	{mediaRole{roster.Technical, []string{"技术总监", "开发工程师", "运维工程师"}, "新媒体技术人员", &titlesEngineer}, 20},
}

var mediaFirms = []string{"传媒有限公司", "网络科技有限公司", "文化传播有限公司", "信息技术有限公司"}

var selfMedia = []string{"自媒体创作者", "网络主播", "网络意见人士"}

type publicJob struct {
	kind               roster.EmployerKind
	employer           string
	positions          []string
	occupation         string
	titles             *[4]string
	employerIsCityWide bool
}

var publicJobs = []w[publicJob]{
	{publicJob{roster.Government, "测试局", []string{"科员", "副科长", "科长"}, "公务员", &titlesEconomist, false}, 30},
	{publicJob{roster.PublicInstitution, "测试中学", []string{"教师", "教研组长"}, "教师", &titlesTeacher, false}, 35},
	{publicJob{roster.StateOwned, "测试投资集团有限公司", []string{"部门经理", "副总经理", "职员"}, "国有企业管理人员", &titlesEconomist, true}, 35},
}

// record fills rec as the i-th (0-based) record.
func (g *gen) record(rec *roster.Record, i int) {
	r := g.r
	u := pick(r, unitIndex)
	unit := g.units[u]
	if g.byIndex {
		rec.Key = g.concat(i+1, 5, "NN-", unit.Code, "-")
	} else {
		g.seq[u]++
		rec.Key = g.concat(g.seq[u], 5, "NN-", unit.Code, "-")
	}
	g.prom = max(r.IntN(1001), r.IntN(1001)) // nominated people: skewed high
	rec.Unit = unit.Code
	rec.Name = g.concat(i+1, 4, pick(r, surnames), "测试")
	rec.Sex = roster.Female
	if chance(r, 550) {
		rec.Sex = roster.Male
	}
	rec.Ethnicity = pick(r, ethnicities)
	rec.NativePlace = pick(r, nativePlaces)

	age := 22 + (r.IntN(39)+r.IntN(39))/2 // 22 to 60, most near 41
	if chance(r, 100) {
		age = 20 + r.IntN(50) // 20 to 69
	}
	birth := dayOf(g.asOf.Year-age, g.asOf.Month, g.asOf.Day-r.IntN(365))
	rec.BirthDate = roster.NewDate(birth.date())
	if chance(r, 100) {
		rec.BirthDate.Day = 0 // 出生年月 given as a month
	}
	rec.CitizenID = g.citizenID(unit, birth, rec.Sex == roster.Male)
	rec.Phone = g.concat((g.phoneOffset+i*36180181)%1e8, 8, one(r, phonePrefixes)) // a bijection of i: unique numbers

	rec.Politics = pick(r, politics)
	if rec.Politics == roster.CYLMember && age > 28 {
		rec.Politics = roster.Masses
	}
	rec.Reliable = chance(r, 970)
	rec.PoliticalRating = pick(r, ratings)
	if g.likely(0, 800) {
		rec.PoliticalRating = roster.Excellent
	}

	j := g.job(pick(r, categories), unit)
	rec.EmployerKind = j.kind
	rec.Employer = j.employer
	rec.Position = j.position
	rec.Occupation = j.occupation
	rec.Role = j.role
	rec.Investor = j.role == roster.Investor // no draw: every other value stays as it was
	rec.NewMedia = j.newMedia
	rec.Education = pick(r, j.edu)
	switch rec.Education {
	case roster.Postgraduate:
		rec.Degree = roster.Master
		if chance(r, 150) {
			rec.Degree = roster.Doctor
		}
	case roster.Undergraduate:
		rec.Degree = roster.Bachelor
		if chance(r, 80) {
			rec.Degree = roster.NoDegree
		}
	default:
		rec.Degree = roster.NoDegree
	}
	rec.TitleLevel = roster.NoTitle
	if chance(r, j.titleRate) {
		l := pick(r, titleLevels)
		rec.Title, rec.TitleLevel = j.titles[l], levelOf[l]
	}
	g.work(rec, age, birth)
	if rec.NewMedia {
		rec.Followers = int(math.Pow(10, 3+float64(3.5*r.Float64()))) // float64() keeps arm64 from fusing the multiply-add, so every machine draws the same numbers
	}
	rec.Local = chance(r, 970)

	g.posts(rec, unit)
	g.history(rec, unit, j)
}

// unitIndex draws a unit index by unitWeights.
var unitIndex = func() []w[int] {
	ws := make([]w[int], len(unitWeights))
	for i, n := range unitWeights {
		ws[i] = w[int]{i, n}
	}
	return ws
}()

func (g *gen) job(c category, unit roster.Unit) job {
	r := g.r
	num := 1 + r.IntN(200)
	switch c {
	case notStrata:
		p := pick(r, publicJobs)
		where := unit.Name
		if p.employerIsCityWide {
			where = "南宁"
		}
		return job{kind: p.kind, employer: g.concat(num, 3, where, p.employer), position: one(r, p.positions), occupation: p.occupation,
			role: roster.Management, titles: p.titles, titleRate: 500, edu: eduHigh}
	case g1, g1NewMedia:
		kind, suffix := roster.PrivateEnterprise, "有限公司"
		if chance(r, 150) {
			kind, suffix = roster.ForeignEnterprise, "有限公司（外商投资）"
		}
		if c == g1NewMedia {
			return job{kind: roster.PrivateEnterprise, employer: g.concat(num, 3, unit.Name, "测试", one(r, mediaFirms)),
				position: one(r, []string{"技术主管", "开发工程师", "内容主管"}), occupation: "新媒体技术人员", role: roster.Technical,
				titles: &titlesEngineer, titleRate: 300, edu: eduMid, newMedia: true}
		}
		employer := g.concat(num, 3, unit.Name, "测试", one(r, g1Industries), suffix)
		if chance(r, 550) {
			return job{kind: kind, employer: employer, position: one(r, g1Management), occupation: "企业经营管理人员",
				role: roster.Management, titles: &titlesEconomist, titleRate: 250, edu: eduMid}
		}
		return job{kind: kind, employer: employer, position: one(r, g1Technical), occupation: "工程技术人员",
			role: roster.Technical, titles: &titlesEngineer, titleRate: 500, edu: eduMid}
	case g2Intermediary:
		m := pick(r, intermediaries)
		role := roster.Professional
		if chance(r, 350) {
			role = roster.Management
		}
		return job{kind: roster.Intermediary, employer: g.concat(num, 3, "广西测试", m.firm), position: one(r, m.positions), occupation: m.occupation,
			role: role, titles: m.titles, titleRate: 500, edu: eduHigh}
	case g2SocialOrg:
		o := pick(r, socialOrgs)
		role := roster.Management
		if chance(r, 400) {
			role = roster.Professional
		}
		return job{kind: o.kind, employer: g.concat(num, 3, unit.Name, "测试", one(r, o.names)), position: one(r, o.positions), occupation: o.occupation,
			role: role, titles: &titlesSocialWork, titleRate: 400, edu: eduHigh}
	case g3:
		f := pick(r, freelancers)
		return job{kind: roster.NoEmployer, occupation: one(r, f.occupations), role: roster.Professional,
			titles: f.titles, titleRate: 250, edu: f.edu, newMedia: chance(r, f.newMedia)}
	default: // g4
		m := pick(r, mediaRoles)
		if chance(r, 250) {
			return job{kind: roster.NoEmployer, occupation: one(r, selfMedia), role: roster.Editorial,
				titles: &titlesEditor, titleRate: 100, edu: eduMid, newMedia: true}
		}
		return job{kind: roster.PrivateEnterprise, employer: g.concat(num, 3, unit.Name, "测试", one(r, mediaFirms)), position: one(r, m.positions),
			occupation: m.occupation, role: m.role, titles: m.titles, titleRate: 150, edu: eduMid, newMedia: true}
	}
}

// work sets the start of work and the years in the field, after the
// education the person has.
func (g *gen) work(rec *roster.Record, age int, birth day) {
	r := g.r
	start := 18 + r.IntN(3)
	switch rec.Education {
	case roster.Postgraduate:
		start = 25 + r.IntN(3)
	case roster.Undergraduate:
		start = 22 + r.IntN(2)
	case roster.College:
		start = 20 + r.IntN(2)
	}
	start = min(start, age-1)
	by, bm, bd := birth.date()
	ws := dayOf(by+start, bm+time.Month(r.IntN(12)), bd)
	if ws > g.today {
		ws = dayOf(g.asOf.Year, g.asOf.Month-1, g.asOf.Day)
	}
	wy, wm, wd := ws.date()
	rec.WorkStart = roster.NewDate(wy, wm, 0)
	if chance(r, 300) {
		rec.WorkStart.Day = wd
	}
	worked := rec.WorkStart.YearsTo(g.asOf)
	switch {
	case chance(r, 600):
		rec.FieldYears = worked
	case chance(r, 120):
		rec.FieldYears = r.IntN(min(worked, 3) + 1) // new to the field
	default:
		rec.FieldYears = worked/2 + r.IntN(worked/2+1)
	}
}

func (g *gen) citizenID(unit roster.Unit, birth day, male bool) string {
	r := g.r
	area := unit.Code
	if len(unit.Former) > 0 {
		area = unit.Former[0]
	}
	if chance(r, 250) {
		area = one(r, areaCodes)
	}
	for {
		b := append(g.digits[:0], area...)
		y, m, d := birth.date()
		b = strconv.AppendInt(b, int64(y), 10)
		b = append2(b, int(m))
		b = append2(b, d)
		seq := r.IntN(500) * 2
		if male {
			seq++
		}
		b = append(b, byte('0'+seq/100), byte('0'+seq/10%10), byte('0'+seq%10))
		c, _ := roster.CheckCharacter(string(b)) // 17 digits by construction
		b = append(b, c)
		if n := packID(b); !has(&g.ids, n) {
			g.ids.Add(n, 0)
			g.lastID = n
			return g.str(b)
		}
	}
}

// packID packs 17 digits and a check digit or X into one number, one to
// one: the 17 digits times 11, plus the check character (X is 10).
func packID(id []byte) uint64 {
	var n uint64
	for _, c := range id[:17] {
		n = n*10 + uint64(c-'0')
	}
	if c := id[17]; c != 'X' {
		return n*11 + uint64(c-'0')
	}
	return n*11 + 10
}

func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }

// appendPad appends n, in at least width digits, zeros first.
func appendPad(b []byte, n, width int) []byte {
	var d [20]byte
	s := strconv.AppendInt(d[:0], int64(n), 10)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

var (
	seatLevels   = []w[roster.Level]{{roster.County, 550}, {roster.City, 330}, {roster.Provincial, 100}, {roster.National, 20}}
	cppccSectors = []string{"经济界", "科技界", "文化艺术界", "新闻出版界", "社会福利和社会保障界", "无党派人士", "特邀人士"}
	orgTitles    = []w[string]{{"会长", 5}, {"副会长", 25}, {"秘书长", 10}, {"常务理事", 25}, {"理事", 35}}
	otherPosts   = []string{"南宁市青年联合会委员", "特约监督员", "人民调解员", "南宁市工商联执委", "社区共建理事"}
)

// terms name the term of a seat by body and level (county, city,
// provincial, national).
var terms = map[roster.Body][4]string{
	roster.NPC:   {"第十七届", "第十四届", "第十三届", "第十三届"},
	roster.CPPCC: {"第十届", "第十二届", "第十二届", "第十三届"},
}

func (g *gen) posts(rec *roster.Record, unit roster.Unit) {
	r := g.r
	if g.likely(10, 200) {
		n := 1
		if chance(r, 150) {
			n = 2
		}
		for k := 0; k < n; k++ {
			s := roster.Seat{Body: roster.CPPCC, Level: pick(r, seatLevels)}
			if chance(r, 300) {
				s.Body = roster.NPC
			}
			s.Term = terms[s.Body][s.Level-1]
			if s.Body == roster.CPPCC {
				s.Sector = one(r, cppccSectors)
			}
			rec.Seats = append(rec.Seats, s)
		}
	}
	if g.likely(80, 600) {
		p := roster.OrgPost{Title: pick(r, orgTitles)}
		if g.likely(0, 700) {
			p.Title = pick(r, orgTitles[:3]) // a leading post
		}
		p.Leading = p.Title == "会长" || p.Title == "副会长" || p.Title == "秘书长"
		if chance(r, 400) {
			p.Kind = roster.UnitedFrontOrg
			switch r.IntN(4) {
			case 0:
				p.Organization, p.Level = "南宁市新的社会阶层人士联合会", roster.City
			case 1:
				p.Organization, p.Level = g.concat(0, 0, unit.Name, "新的社会阶层人士联谊会"), roster.County
			case 2:
				p.Organization, p.Level = "南宁市网络人士联谊会", roster.City
			default:
				p.Organization, p.Level = "南宁市欧美同学会", roster.City
			}
		} else {
			p.Kind = roster.SocialOrg
			if chance(r, 500) {
				p.Organization, p.Level = g.concat(0, 0, "南宁市测试", one(r, g1Industries), "行业协会"), roster.City
			} else {
				p.Organization, p.Level = g.concat(0, 0, unit.Name, "测试商会"), roster.County
			}
		}
		rec.OrgPosts = append(rec.OrgPosts, p)
	}
	if chance(r, 50) {
		rec.OtherPosts = one(r, otherPosts)
	}
}

var (
	awardLevels = []w[roster.Level]{{roster.County, 450}, {roster.City, 350}, {roster.Provincial, 170}, {roster.National, 30}}
	awardNames  = [4][]string{
		{"优秀新的社会阶层人士", "优秀共青团员", "先进个人"},
		{"南宁市优秀青年", "南宁市劳动模范", "南宁市优秀中国特色社会主义事业建设者"},
		{"广西五一劳动奖章", "广西优秀中国特色社会主义事业建设者", "广西青年五四奖章"},
		{"全国五一劳动奖章", "全国优秀中国特色社会主义事业建设者"},
	}
	trainingNames = []string{"市委统战部新的社会阶层人士培训班", "县区新的社会阶层人士研修班", "自治区社会主义学院新阶层人士专题班", "网络人士统战工作培训班"}
	performances  = []string{
		"拥护中国共产党的领导，积极参加统战部门组织的学习和活动",
		"政治立场坚定，积极建言献策",
		"热心公益事业，主动参与社会服务",
	}
	achievements = []string{
		"带领团队完成多项行业项目，在业内有一定影响",
		"作品入选省级以上展览或评选",
		"参与制定行业标准或团体标准",
		"吸纳就业并带动上下游发展",
		"所办新媒体账号在本地有较大影响", // last: for new-media people
	}
	evaluators = []string{"南宁市委统战部", "", "", ""} // "" is the unit's own
	grades     = []w[evaluate.Grade]{{evaluate.GradeA, 20}, {evaluate.GradeB, 45}, {evaluate.GradeC, 30}, {evaluate.GradeD, 5}}
	integrity  = []w[int]{{0, 20}, {1, 40}, {2, 20}, {3, 20}}
)

// history fills what the person has done: awards, trainings, contributions,
// integrity and the last round.
func (g *gen) history(rec *roster.Record, unit roster.Unit, j job) {
	r := g.r
	n := pick(r, []w[int]{{0, 760}, {1, 180}, {2, 50}, {3, 10}})
	if g.likely(0, 700) {
		n++
	}
	if g.likely(0, 400) {
		n++
	}
	if n > 0 {
		rec.Awards = make([]roster.Award, 0, n)
	}
	for k := 0; k < n; k++ {
		l := pick(r, awardLevels)
		if l < roster.National && g.likely(0, 300) {
			l++ // the prominent are honoured higher up
		}
		rec.Awards = append(rec.Awards, roster.Award{Name: one(r, awardNames[l-1]), Level: l, Year: g.asOf.Year - r.IntN(8)})
	}
	if l := len(rec.Awards); l > 0 && rec.Awards[0].Level == roster.County {
		rec.Awards[0].Name = g.concat(0, 0, unit.Name, rec.Awards[0].Name)
	}
	n = pick(r, []w[int]{{0, 45}, {1, 30}, {2, 18}, {3, 7}})
	if g.likely(0, 900) {
		n += 1 + r.IntN(3)
	}
	if n > 0 {
		rec.Trainings = make([]roster.Training, 0, n)
	}
	for k := 0; k < n; k++ {
		d := g.today - day(1+r.IntN(5*365))
		rec.Trainings = append(rec.Trainings, roster.Training{
			Name: one(r, trainingNames), Date: roster.NewDate(d.date()), Hours: 8 * (1 + r.IntN(5)),
		})
	}
	if chance(r, 600) {
		rec.Performance = one(r, performances)
	}
	if chance(r, 500) {
		rec.Achievements = one(r, achievements[:len(achievements)-1])
		if rec.NewMedia {
			rec.Achievements = achievements[len(achievements)-1]
		}
	}
	rec.IndustryRating = pick(r, industryRatings)
	if g.likely(0, 500) {
		rec.IndustryRating = roster.Excellent
	}
	if g.likely(300, 650) {
		rec.Donations = g.cent(int64(5 * math.Pow(10, 3*r.Float64()))) // 0.05 to 50 万元
	}
	if g.likely(400, 550) {
		rec.VolunteerHours = 1 + r.IntN(60+200*g.prom/1000)
	}
	switch {
	case j.role == roster.Management || j.role == roster.Investor:
		rec.JobsCreated = r.IntN(60 + 300*g.prom/1000)
	case g.likely(300, 500):
		rec.JobsCreated = r.IntN(20 + 120*g.prom/1000)
	}
	if g.likely(300, 700) {
		rec.Proposals = 1 + r.IntN(2+7*g.prom/1000)
	}
	switch {
	case chance(r, 100): // not recorded
	case chance(r, 100):
		rec.Attendance = g.cent(int64(r.IntN(50)))
	default:
		rec.Attendance = g.cent(int64(min(100, 45+40*g.prom/1000+r.IntN(41))))
	}
	rec.EmergencyRelief = chance(r, 30)
	rec.NationalRecognition = chance(r, 5)
	if chance(r, 10) {
		switch pick(r, integrity) {
		case 0:
			rec.CriminalPenalty = true
		case 1:
			rec.DishonestDebtor = true
		case 2:
			rec.TaxViolation = true
		default:
			rec.NegativeStatements = true
		}
	}
	// Last round's evaluation and list left the record for the tier stage.
	// The draws that made them are kept, so that the seeded stream, and so
	// every person after this one, stays what it was.
	if chance(r, 100) {
		grade := pick(r, grades)
		_ = one(r, evaluators)
		width := 2000
		if grade == evaluate.GradeA || grade == evaluate.GradeB {
			width = 1000
		}
		_ = r.IntN(width)
		if grade != evaluate.GradeD {
			_ = chance(r, 300)
		}
	}
}
