package roster

// fieldLabel names a field of the registration form: its path in [Record]
// with list positions left out, its label on the form (Chinese) and its name
// in English messages.
type fieldLabel struct {
	path string
	zh   string
	en   string
}

// formLabels lists every field of [Record] and of the structs it holds, in
// struct order (the order problems are reported in), from the form's field
// table: a list's items are named by their own labels (政协/人大级别 for
// the level of a seat), since one Go name (Level) is several fields of the
// form and a tag-name function only sees the field, never the struct that
// holds it. A test keeps it in step with record.go.
func formLabels() []fieldLabel {
	out := make([]fieldLabel, 0, 2*len(formFields))
	for i := range formFields {
		f := &formFields[i]
		out = append(out, fieldLabel{f.name, f.title, f.en})
		for _, it := range f.items {
			out = append(out, fieldLabel{f.name + "." + it.name, it.label, it.en})
		}
	}
	return append(out, fieldLabel{"Extra", "扩展输入", "extra input"})
}

// message is the Chinese and English text of one rule. {0} is the field,
// {1} the rule's parameter.
type message struct {
	zh, en string
}

// Translation keys of the rules this package adds to the validator's own;
// the citizen ID has one key per reason.
const (
	keyCitizenLength = "citizenid-length"
	keyCitizenDigit  = "citizenid-digit"
	keyCitizenLast   = "citizenid-last"
	keyCitizenArea   = "citizenid-area"
	keyCitizenDate   = "citizenid-date"
	keyCitizenCheck  = "citizenid-check"
	keyCitizenFuture = "citizenid-future"
	keyCitizenSpace  = "citizenid-space"
	keyCitizenWide   = "citizenid-wide"
	keyExtraKey      = "extrakey"
	keyExtraType     = "extratype"
	keyNilRecord     = "nilrecord"
)

// messages holds the text of every rule this package adds. The built-in
// rules (required, max, gte, lte) speak through the validator's own zh and
// en translations.
var messages = map[string]message{
	"code":        {"{0}不是有效的选项", "{0} is not one of the allowed values"},
	"sex":         {"{0}只能是男性或女性", "{0} must be male or female"},
	"date":        {"{0}不是有效的日期", "{0} is not a valid date"},
	"notafter":    {"{0}不能晚于评价基准日{1}", "{0} must not be after the assessment date {1}"},
	"year":        {"{0}应在1900年至{1}年之间", "{0} must be between 1900 and {1}"},
	"key":         {"{0}只能包含字母、数字、“-”和“_”", "{0} may hold only letters, digits, '-' and '_'"},
	"notid":       {"{0}不能使用公民身份号码", "{0} must not be a citizen ID"},
	"utf8":        {"{0}不是有效的UTF-8文本", "{0} is not valid UTF-8 text"},
	"line":        {"{0}不能包含换行符或控制字符", "{0} must not contain line breaks or control characters"},
	"text":        {"{0}不能包含控制字符", "{0} must not contain control characters"},
	"notbefore":   {"{0}不能早于{1}", "{0} must not be before {1}"},
	"filename":    {"{0}应为文件名或编号：只含文字、数字、“-”、“_”和“.”，不含文件夹，不以“.”开头或结尾，不超过100个字符", "{0} must be a file name or an id: at most 100 letters, digits, '-', '_' and '.', no folder, not starting or ending with '.'"},
	"phone":       {"{0}应为11位手机号码或“区号-号码”格式的固定电话", "{0} must be an 11-digit mobile number or a landline written area code-number"},
	"unit":        {"{0}不是{1}的县（市、区）或开发区代码", "{0} is not a unit of {1}"},
	"recommender": {"{0}不是{1}的县（市、区）、开发区或市直部门代码", "{0} is not a unit or department of {1}"},
	"dgte":        {"{0}必须大于或等于{1}", "{0} must be {1} or greater"},
	"dlte":        {"{0}必须小于或等于{1}", "{0} must be {1} or less"},
	"idsex":       {"{0}与公民身份号码不符", "{0} does not match the citizen ID"},
	"idbirth":     {"{0}与公民身份号码不符", "{0} does not match the citizen ID"},

	keyCitizenLength: {"{0}应为18位，实为{1}位", "{0} must have 18 characters, has {1}"},
	keyCitizenDigit:  {"{0}第{1}位不是数字", "{0} character {1} is not a digit"},
	keyCitizenLast:   {"{0}第18位应为数字或X", "{0} character 18 must be a digit or X"},
	keyCitizenArea:   {"{0}的地址码不属于已知的省级行政区划", "{0} area code is not under a known province-level code"},
	keyCitizenDate:   {"{0}中的出生日期不存在", "{0} birth date does not exist"},
	keyCitizenCheck:  {"{0}校验码不符", "{0} check character does not match"},
	keyCitizenSpace:  {"{0}含有空格或不可见字符", "{0} holds white space or an invisible character"},
	keyCitizenWide:   {"{0}第{1}位是全角字符，应使用半角字符", "{0} character {1} is full-width; write it in ASCII"},
	keyCitizenFuture: {"{0}中的出生日期晚于评价基准日{1}", "{0} birth date is after the assessment date {1}"},

	keyExtraKey:  {"{0}的名称应以字母或“_”开头，只含字母、数字和“_”，不超过32个字符", "{0} name must start with a letter or '_' and hold at most 32 letters, digits and '_'"},
	keyExtraType: {"{0}的值只能是文本、整数、布尔值或小数", "{0} value must be a string, an int, a bool or a decimal"},
	keyNilRecord: {"{0}为空", "{0} is missing"},
}
