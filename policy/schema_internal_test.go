package policy

import (
	"bytes"
	"encoding"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite data/policy.schema.json from the Go types")

// TestSchemaUpToDate fails when the checked-in schema is not the one the Go
// types give: a field added, renamed or retyped without regenerating it
// (go test ./policy -run TestSchemaUpToDate -update).
func TestSchemaUpToDate(t *testing.T) {
	got, err := generateSchema()
	require.NoError(t, err)
	path := filepath.Join("data", SchemaFile)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "data/%s drifted from the Go types (-want +got); regenerate with -update", SchemaFile)
	assert.Equal(t, want, Schema(), "Schema() is not the file it embeds")
}

// generateSchema writes the JSON Schema of a policy file from the types
// [Parse] decodes it into, walking them as yamlsrc's decoder does: by yaml
// tags, inline fields flattened, "-" skipped, a type that unmarshals from
// text as the text it reads.
func generateSchema() ([]byte, error) {
	g := &schemaGen{defs: map[string]any{}}
	doc := g.of(reflect.TypeFor[Document]())
	overlay := g.of(reflect.TypeFor[Overlay]())
	root := map[string]any{
		"$schema":     "http://json-schema.org/draft-07/schema#",
		"$id":         "https://github.com/newstrata/newstrata/policy/data/" + SchemaFile,
		"title":       "新的社会阶层代表人士政策文件（newstrata policy）",
		"description": "一个完整的政策（Document），或带 extends 的县区覆盖文件（Overlay）。由 policy 包的 Go 类型生成，勿手改。",
		// A file with a non-empty extends is an overlay (policy.isOverlay);
		// if/then/else gives an editor one branch to complete and report,
		// where oneOf would report both.
		"if": map[string]any{
			"type":       "object",
			"required":   []string{"extends"},
			"properties": map[string]any{"extends": map[string]any{"not": map[string]any{"const": ""}}},
		},
		"then":        overlay,
		"else":        doc,
		"definitions": g.defs,
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type schemaGen struct {
	defs map[string]any
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// scalar is any YAML scalar: the decoder reads a number or a boolean as
// text where it wants text (formula: 5 is a formula).
func scalar() map[string]any {
	return map[string]any{"type": []string{"string", "number", "boolean"}}
}

// of is the schema of a value of type t.
func (g *schemaGen) of(t reflect.Type) map[string]any {
	if t.Kind() == reflect.Pointer {
		return g.of(t.Elem())
	}
	if t.Implements(textUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return textSchema(t)
	}
	switch t.Kind() {
	case reflect.Struct:
		name := defName(t)
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = nil // a placeholder, for types that hold themselves
			g.defs[name] = g.structure(t)
		}
		return map[string]any{"$ref": "#/definitions/" + name}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.of(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.of(t.Elem())}
	case reflect.String:
		if e, ok := stringEnums[t]; ok {
			return map[string]any{"type": "string", "enum": e}
		}
		return scalar()
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}
	}
	return map[string]any{}
}

// structure is the schema of a struct: its fields by their yaml names,
// inline fields' own among them, and no other.
func (g *schemaGen) structure(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if tag == "-" || !f.IsExported() {
				continue
			}
			if strings.Contains(opts, "inline") || (f.Anonymous && tag == "") {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				walk(ft)
				continue
			}
			if tag == "" {
				tag = strings.ToLower(f.Name)
			}
			s := g.of(f.Type)
			key := defName(t) + "." + tag
			if d, ok := descriptions[key]; ok {
				if _, ref := s["$ref"]; ref {
					// draft-07 ignores the siblings of $ref.
					s = map[string]any{"allOf": []any{s}}
				}
				s["description"] = d
			}
			props[tag] = s
			if slices.Contains(requiredFields, key) {
				required = append(required, tag)
			}
		}
	}
	walk(t)
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if d, ok := descriptions[defName(t)]; ok {
		s["description"] = d
	}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// defName names a struct type in the schema: policy's types by their own
// names, the other stages' with their package's.
func defName(t reflect.Type) string {
	if t.PkgPath() == reflect.TypeFor[Document]().PkgPath() {
		return t.Name()
	}
	return t.String()
}

// textSchema is the schema of a type the decoder reads through
// UnmarshalText: a number or a date as YAML writes them, a closed set as
// the spellings it accepts.
func textSchema(t reflect.Type) map[string]any {
	switch t {
	case reflect.TypeFor[decimal.Decimal]():
		return map[string]any{"type": []string{"number", "string"}, "pattern": `^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$`}
	case reflect.TypeFor[roster.Date]():
		// 2019-04-02 is text in YAML 1.2; 20190402 a number ParseDate reads.
		return map[string]any{"type": []string{"string", "integer"}, "pattern": `^\s*([0-9]{4}([-/.][0-9]{1,2}){1,2}|[0-9]{4}年[0-9]{1,2}月([0-9]{1,2}日)?|[0-9]{6}([0-9]{2})?)?\s*$`}
	}
	if spell, ok := textEnums[t]; ok {
		var e []string
		for _, s := range spell() {
			v := reflect.New(t).Interface().(encoding.TextUnmarshaler)
			if _, err := strconv.Atoi(s); err == nil {
				continue // a bare number code is a number in YAML, and obscure
			}
			if s != "" && !slices.Contains(e, s) && v.UnmarshalText([]byte(s)) == nil {
				e = append(e, s)
			}
		}
		return map[string]any{"type": "string", "enum": e}
	}
	return map[string]any{"type": "string"}
}

// textEnums list candidate spellings of each closed set from its public
// codes, labels and names; textSchema keeps those UnmarshalText reads.
// Letter case and bare number codes aside (the decoder reads b as B, and
// 1 as G1), they are what it accepts.
var textEnums = map[reflect.Type]func() []string{
	reflect.TypeFor[evaluate.Grade](): func() (out []string) {
		for _, g := range evaluate.Grades {
			out = append(out, g.Code(), g.Label())
		}
		return out
	},
	reflect.TypeFor[classify.Group](): groupSpellings,
	reflect.TypeFor[classify.Conclusion](): func() []string {
		out := groupSpellings()
		for _, o := range []classify.Outcome{classify.NotNewStrata, classify.Undetermined} {
			out = append(out, o.Label(), o.String(), strings.TrimSuffix(o.Label(), "人士"))
		}
		return out
	},
	reflect.TypeFor[classify.Subkind](): func() (out []string) {
		for s := classify.Subkind(1); s.Valid(); s++ {
			out = append(out, s.Label(), s.String(), s.Code(), string(rune('①'+int(s)-1)))
		}
		return out
	},
	reflect.TypeFor[roster.Level](): func() (out []string) {
		for l := roster.Level(1); l.Valid(); l++ {
			out = append(out, l.Label(), l.String(), l.Code())
		}
		return out
	},
	reflect.TypeFor[tier.SortKey](): func() (out []string) {
		for k := tier.SortKey(1); k.Valid(); k++ {
			out = append(out, k.Code(), k.Label())
		}
		return out
	},
}

func groupSpellings() (out []string) {
	for g := classify.Group(1); g.Valid(); g++ {
		out = append(out, g.Code(), g.Label(), g.String(), strconv.Itoa(int(g)))
	}
	return out
}

// stringEnums are the closed sets of string kind, which the decoder reads
// as any text and Compile checks.
var stringEnums = map[reflect.Type][]string{
	reflect.TypeFor[qualify.Kind]():          {string(qualify.Hard), string(qualify.Soft)},
	reflect.TypeFor[evaluate.RoundingMode](): {string(evaluate.HalfUp), string(evaluate.HalfEven), string(evaluate.Down)},
	reflect.TypeFor[GradeLock]():             {string(GradesOpen), string(GradesRemoved), string(GradesAll)},
	reflect.TypeFor[InputType]():             {string(IntInput), string(DecimalInput), string(BoolInput), string(StringInput)},
}

// requiredFields are the fields a file must give, by the type that
// declares them and their yaml name.
var requiredFields = []string{
	"Document.id", "Document.jurisdiction",
	"Overlay.id", "Overlay.jurisdiction", "Overlay.extends",
	"Input.id", "Input.type",
	"qualify.Condition.id", "qualify.Condition.kind", "qualify.Condition.formula",
	"evaluate.Indicator.id", "evaluate.Indicator.points",
	"evaluate.Bonus.id", "evaluate.Bonus.formula",
	"evaluate.Veto.id", "evaluate.Veto.formula",
	"evaluate.Band.grade", "evaluate.Band.from", "evaluate.Band.to",
	"classify.Rule.id",
	"ConditionChange.id", "ConditionChange.kind",
	"IndicatorChange.id", "RuleChange.id",
}

// descriptions carry the doc comments an editor shows, in Chinese, by the
// type that declares a field and its yaml name.
var descriptions = map[string]string{
	"Document":                      "完整的政策：资格条件（附件4）、综合评价指标体系（附件3）、加分、否决、等次和取舍规则。",
	"Overlay":                       "县区的覆盖文件：只写对所继承政策的改动。",
	"Document.id":                   "政策的标识，如 nanning-2019。",
	"Document.name":                 "政策的名称。",
	"Document.jurisdiction":         "所属市或县区的 GB/T 2260 代码（写成带引号的文本，如 \"450100\"）。",
	"Document.extends":              "所继承政策的标识；完整政策不写或留空。",
	"Document.valid_from":           "生效首日（含），如 2019-04-02。",
	"Document.valid_until":          "失效末日（含）；不写即长期有效。",
	"Document.inputs":               "公式在表格之外读取的数据，来自 Record.Extra，公式中写作 In.<id>。",
	"Document.conditions":           "资格条件（附件4）。",
	"Document.locks":                "市级政策对县区覆盖文件的锁定；只有市级政策可写。",
	"Document.classification":       "分类规则（classify.Rules）：把人归入四类群体。",
	"Document.lists":                "代表人士名单规则（tier.Rules）：市级的，县区不可修改。",
	"Overlay.id":                    "覆盖文件所定义政策的标识，如 qingxiu-2019。",
	"Overlay.name":                  "政策的名称；不写则沿用所继承政策的名称。",
	"Overlay.jurisdiction":          "所属县区的 GB/T 2260 代码（写成带引号的文本，如 \"450103\"）。",
	"Overlay.extends":               "所继承政策的标识：市级政策或本县区自己的政策。",
	"Overlay.valid_from":            "写了则自此日起生效（不早于所继承政策），不写则随所继承政策生效。",
	"Overlay.valid_until":           "失效末日（含）；只能提前，不能延后所继承政策的失效日。",
	"Overlay.inputs":                "本县区公式在表格之外读取的数据，公式中写作 In.<id>。",
	"Overlay.conditions":            "对资格条件的改动：add 新增，change 只改 kind（只能从严）。",
	"Overlay.indicators":            "对指标的改动：change 改分值或公式，disable 停用，add 新增。",
	"Overlay.grades":                "写了则整体替换等次分数线。",
	"Overlay.locks":                 "写了则整体替换锁定；只有市级提交的文件可写。",
	"Overlay.classification":        "对分类规则的改动：priority、change、disable、add。",
	"Overlay.lists":                 "写了则整体替换名单规则；只有市级提交的文件可写。",
	"Input.type":                    "输入的类型：int、decimal、bool 或 string。",
	"Input.min":                     "数值下限（含）；不写即不设下限。",
	"Input.max":                     "数值上限（含）；不写即不设上限。",
	"Input.default":                 "记录缺少该输入时使用的值；不写则缺少即报错。",
	"qualify.Condition.kind":        "hard：不满足即不合格；soft：不满足可经批准放宽（特别优秀的可适当放宽）。",
	"qualify.Condition.formula":     "返回 true 或 false 的 expr 公式，字段见 roster.Facts。",
	"qualify.Condition.reason":      "不满足时写给经办人的理由。",
	"evaluate.Scheme.total":         "满分；一级指标分值之和须等于它。",
	"evaluate.Scheme.rounding":      "二级指标得分与加分的取舍：places 位小数，mode 为 half_up、half_even 或 down。",
	"evaluate.Scheme.indicators":    "一级指标及其二级指标（附件3）。",
	"evaluate.Scheme.bonuses":       "加分项。",
	"evaluate.Scheme.vetoes":        "否决项：任一成立即评为 veto_grade。",
	"evaluate.Scheme.veto_grade":    "被否决者的等次，须是被剔除（removed）的等次。",
	"evaluate.Scheme.grades":        "等次分数线：从 0 到满分，不重不漏。",
	"evaluate.Indicator.points":     "分值：一级指标等于其二级指标之和，二级指标为得分上限。",
	"evaluate.Indicator.formula":    "二级指标的得分公式，结果限制在 0 到分值之间。",
	"evaluate.Indicator.children":   "二级指标。",
	"evaluate.Band.removed":         "该等次的人从数据库中剔除（如 D 级）。",
	"Locks.relax":                   "县区可放宽为 soft 的市级刚性条件。",
	"Locks.indicators":              "县区不可修改或停用的指标。",
	"Locks.grades":                  "open（默认）：县区可改任一分数线；removed：不可改被剔除等次的；all：都不可改。",
	"Locks.classification":          "县区不可修改或停用、也不可在其前插入筛查规则的分类规则。",
	"IndicatorAdd.parent":           "上级一级指标的标识；不写则新增一级指标。",
	"RuleAdd.before":                "插在同一步骤中这条规则之前；不写则加在末尾。",
	"classify.Rule.group":           "规则成立时的结论：G1 至 G4，或 非新的社会阶层人士、无法判定。",
	"classify.Rule.when":            "规则成立的条件（expr 公式）。",
	"classify.Rule.reason":          "写给经办人的中文理由。",
	"classify.Rules.priority":       "群体的优先顺序。",
	"tier.Rules.one_list":           "每人只上一个名单（必须为 true）。",
	"tier.Rules.grades":             "可入名单的等次，不含 D。",
	"tier.Rules.order":              "排序键，最后一个须是 key。",
	"tier.List.unit":                "名单所属单位的代码；不写为市级名单。",
	"tier.List.quota":               "名额。",
	"tier.List.coverage_share":      "每类群体至少占名额的比例，0 到 1。",
	"tier.List.priority_level":      "此级别及以上职务者优先。",
	"IndicatorChange.points":        "新的分值。",
	"IndicatorChange.formula":       "新的公式。",
	"ConditionChange.kind":          "新的类别，只能从严（soft → hard）。",
	"ClassificationChanges.disable": "停用的分类规则（otherwise 规则除外）。",
}
