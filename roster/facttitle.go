package roster

import "strings"

// workedOut titles the [Facts] that no column of the form fills: they are
// worked out from the form, the assessment date or a stage's conclusion.
var workedOut = map[string]string{
	"AsOf":            "评价基准日",
	"Group":           "所属群体",
	"Subkind":         "自由职业人员类别",
	"Age":             "年龄（评价基准日）",
	"CPC":             "中共党员（含预备党员）",
	"TrainingHours":   "近三年培训学时",
	"TrainingHours5y": "近五年培训学时",
}

// FactTitle returns the words a clerk knows a [Facts] field by, for an
// explanation that shows what a formula read: the form's column title for
// a field the form fills (政治立场评价 for PoliticalRating), a title for
// one worked out from it (近三年培训学时 for TrainingHours, 年龄（评价基准日）
// for Age), and the id of a declared input (rural for In.rural), whose
// label only the policy knows. A name it does not know comes back as it is.
func FactTitle(name string) string {
	if id, ok := strings.CutPrefix(name, "In."); ok {
		return id
	}
	if t, ok := workedOut[name]; ok {
		return t
	}
	for i := range formFields {
		if f := &formFields[i]; f.Name() == name {
			return f.Title()
		}
	}
	return name
}
