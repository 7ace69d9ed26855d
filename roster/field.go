package roster

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Field is one field of the registration form, described once: its title
// on the form and the other titles a roster may give it, the [Record]
// field it fills, what a cell of it holds and how it is read and written.
// The same description drives the [Reader], the [Writer], [Headers], the
// names [Validator] messages give fields, and [Field.Set] for a caller
// that has one cell rather than a roster.
//
// Fields are found with [FieldByTitle] or listed with [Fields]; the zero
// Field describes nothing and must not be used. A *Field is immutable and
// safe for concurrent use.
type Field struct {
	title    string
	aliases  []string
	name     string                             // the Record field's Go name
	en       string                             // its name in English messages
	required bool                               // a roster without the column is refused
	unitRef  bool                               // the cell names a unit or department of the jurisdiction
	decode   func(r *Record, cell string) error // cell trimmed, not empty
	encode   func(r *Record) (string, error)
	items    []itemField         // a list's item fields
	mask     func(string) string // hides the personal data of a cell
}

// itemField names a field of a list item: its name in the cell's
// '|'-separated fields, its label in messages and the Go name of the field
// of the item's struct.
type itemField struct {
	title, label, en, name string
}

// Title returns the field's title on the form, as [Writer] writes it and
// messages name it: 从业年限.
func (f *Field) Title() string { return f.title }

// Aliases returns the other titles a roster may give the column (身份证号码
// for 公民身份号码), beside which titles are matched ignoring white space,
// an asterisk marking a required column and the width of parentheses and
// brackets.
func (f *Field) Aliases() []string { return slices.Clone(f.aliases) }

// Name returns the Go name of the [Record] field it fills, as
// [Problem.Field] gives it: FieldYears.
func (f *Field) Name() string { return f.name }

// Required reports whether a roster must have the column (登记编号, 所属单位
// and 姓名: without them no row can be told from another).
func (f *Field) Required() bool { return f.required }

// Set reads a cell into its field of r, as [Reader] reads a cell of the
// column: the cell is trimmed of white space, and an empty cell leaves r
// as it is. A list cell replaces the list. A cell that cannot be read
// leaves r as it is and gives a [*CellError] naming the field by its
// title, what is wrong and what the cell should hold, never the cell.
// Set has no jurisdiction: it keeps a 推荐单位 cell as written, where a
// [Reader] with one reads a name as the code; [Jurisdiction.Find] does
// that for a caller with one cell.
func (f *Field) Set(r *Record, cell string) error {
	if r == nil {
		return fmt.Errorf("roster: Set of %s on a nil *Record", f.title)
	}
	if err := checkCell(cell); err != nil {
		return titled(f.title, err)
	}
	s := strings.TrimSpace(cell)
	if s == "" {
		return nil
	}
	return titled(f.title, f.decode(r, s))
}

// Format returns the field of r as a cell, as [Writer] writes it, or a
// [*CellError] for a value that would not read back as it is.
func (f *Field) Format(r *Record) (string, error) {
	if r == nil {
		return "", fmt.Errorf("roster: Format of %s of a nil *Record", f.title)
	}
	s, err := f.encode(r)
	if err == nil {
		err = checkWritable(s)
	}
	if err != nil {
		return "", titled(f.title, err)
	}
	return s, nil
}

// Personal reports whether the field holds personal data that is printed
// masked: 公民身份号码, 联系电话 and 通讯地址.
func (f *Field) Personal() bool { return f.mask != nil }

// Mask returns a cell of the field as it may be printed: for a
// [Field.Personal] field masked ([MaskCitizenID], [MaskPhone],
// [MaskAddress]), for any other the cell as it is. A form or a log that
// prints cells from [Field.Format] passes them through Mask unless the
// reader is entitled to the whole value.
func (f *Field) Mask(cell string) string {
	if f.mask == nil {
		return cell
	}
	return f.mask(cell)
}

// Fields returns the fields of the form in the order [Writer] writes them.
func Fields() []*Field {
	out := make([]*Field, len(formFields))
	for i := range formFields {
		out[i] = &formFields[i]
	}
	return out
}

// FieldByTitle returns the field a column of that title fills: its title
// or an alias, ignoring white space (so 姓  名 is 姓名), zero-width
// characters, asterisks (*政治面貌) and the width of parentheses and
// brackets (【万元】 is （万元）). It reports false for a title
// that is not on the form, such as a county-district input's.
func FieldByTitle(title string) (*Field, bool) {
	f := lookupField(normHeader(title))
	return f, f != nil
}

// Headers returns the titles of the form's columns in the order [Writer]
// writes them.
func Headers() []string {
	h := make([]string, len(formFields))
	for i := range formFields {
		h[i] = formFields[i].title
	}
	return h
}

func lookupField(norm string) *Field {
	if norm == "" {
		return nil
	}
	for i := range formFields {
		f := &formFields[i]
		if normHeader(f.title) == norm {
			return f
		}
		for _, a := range f.aliases {
			if normHeader(a) == norm {
				return f
			}
		}
	}
	return nil
}

const keyTitle = "登记编号"

// formFields is the form, in the order of its columns, which is the order
// of [Record]'s fields (a test keeps them in step). Every field of Record
// but Extra is here.
var formFields = []Field{
	required(textField(keyTitle, "Key", "registration number", "登记号")),
	required(textField("所属单位", "Unit", "unit", "所属县区")),
	unitRef(textField("推荐单位", "RecommendedBy", "recommending unit")),
	required(textField("姓名", "Name", "name")),
	codeField("性别", "Sex", "sex", ParseSex, SexLabels),
	codeField("民族", "Ethnicity", "ethnicity", ParseEthnicity, EthnicityLabels),
	dateField("出生年月", "BirthDate", "birth date", "出生日期", "出生年月日", "出生时间"),
	personal(digitsText(textField("公民身份号码", "CitizenID", "citizen ID", "身份证号码", "身份证号", "公民身份证号码", "证件号码", "证件号", "身份证", "居民身份证号码"),
		"身份证号已丢失末尾数字", ErrCitizenID), MaskCitizenID),
	textField("籍贯", "NativePlace", "native place"),
	personal(digitsText(textField("联系电话", "Phone", "phone number", "手机号码", "手机号", "电话", "联系方式"),
		"号码可能已丢失末尾数字"), MaskPhone),
	personal(textField("通讯地址", "Address", "postal address", "通信地址", "联系地址", "邮寄地址"), MaskAddress),
	textField("照片", "Photo", "photo", "相片", "照片文件名", "照片编号"),
	codeField("政治面貌", "Politics", "political affiliation", ParsePolitics, PoliticsLabels),
	boolField("政治可靠", "Reliable", "political reliability"),
	codeField("政治立场评价", "PoliticalRating", "political rating", ParseRating, RatingLabels),
	codeField("学历", "Education", "education", ParseEducation, EducationLabels, "文化程度"),
	codeField("学位", "Degree", "degree", ParseDegree, DegreeLabels),
	textField("毕业院校及专业", "SchoolMajor", "school and major", "毕业院校和专业", "毕业学校及专业", "毕业院校、专业", "毕业院校"),
	textField("专业技术职称", "Title", "professional title", "职称"),
	codeField("职称级别", "TitleLevel", "title level", ParseTitleLevel, TitleLevelLabels, "职称等级"),
	textField("工作单位", "Employer", "employer"),
	codeField("单位性质", "EmployerKind", "employer kind", ParseEmployerKind, EmployerKindLabels),
	textField("职务", "Position", "position"),
	textField("职业", "Occupation", "occupation"),
	codeField("岗位类别", "Role", "role", ParseRole, RoleLabels),
	boolField("是否出资人", "Investor", "investor", "出资人"),
	dateField("参加工作时间", "WorkStart", "work start date"),
	countField("从业年限", "FieldYears", "years in the field"),
	boolField("新媒体从业", "NewMedia", "new media"),
	countField("粉丝数", "Followers", "followers"),
	boolField("在本地工作或居住", "Local", "works or lives locally"),
	textField("工作简历", "WorkHistory", "work history", "个人简历", "简历", "工作经历", "主要工作经历"),
	listField("人大政协职务", "Seats", "seat", seatItem, "人大代表、政协委员", "人大代表政协委员"),
	listField("统战社会组织职务", "OrgPosts", "organisation post", orgPostItem, "统战组织和社会组织职务"),
	textField("其他社会职务", "OtherPosts", "other social posts"),
	listField("获奖情况", "Awards", "award", awardItem),
	listField("培训情况", "Trainings", "training", trainingItem),
	textField("主要政治表现", "Performance", "political performance"),
	textField("主要成就和社会影响", "Achievements", "achievements"),
	codeField("行业影响力评价", "IndustryRating", "industry rating", ParseRating, RatingLabels),
	decimalField("公益捐赠（万元）", "Donations", "donations", false, "公益捐赠"),
	countField("志愿服务时长（小时）", "VolunteerHours", "volunteer hours", "志愿服务时长"),
	countField("带动就业人数", "JobsCreated", "jobs created"),
	countField("建言献策采纳数", "Proposals", "adopted proposals"),
	decimalField("活动出勤率", "Attendance", "attendance rate", true, "出勤率"),
	boolField("应急救灾贡献", "EmergencyRelief", "emergency relief", "抢险救灾重大贡献"),
	boolField("国家级表彰", "NationalRecognition", "national recognition", "全国性表彰"),
	boolField("刑事处罚", "CriminalPenalty", "criminal penalty", "受过刑事处罚"),
	boolField("失信被执行人", "DishonestDebtor", "dishonest judgment debtor"),
	boolField("重大税收违法", "TaxViolation", "major tax violation"),
	boolField("负面言论", "NegativeStatements", "negative statements", "严重负面言论"),
}

func required(f Field) Field {
	f.required = true
	return f
}

// personal marks a text field of personal data, printed masked.
func personal(f Field, mask func(string) string) Field {
	f.mask = mask
	return f
}

// unitRef marks a field whose cell names a unit or a department: a
// [Reader] given the jurisdiction writes a name there as the code.
func unitRef(f Field) Field {
	f.unitRef = true
	return f
}

// fieldOf returns the accessor of the Record field of that name and type.
// The table is checked by every test of the package: a name or type that
// does not match is a build defect, reported when the package loads.
func fieldOf[T any](name string) func(r *Record) *T {
	sf, ok := reflect.TypeFor[Record]().FieldByName(name)
	if !ok || sf.Type != reflect.TypeFor[T]() {
		panic(fmt.Sprintf("roster: the form's field %s is not a %s of Record", name, reflect.TypeFor[T]()))
	}
	index := sf.Index
	return func(r *Record) *T {
		return reflect.ValueOf(r).Elem().FieldByIndex(index).Addr().Interface().(*T)
	}
}

func textField(title, name, en string, aliases ...string) Field {
	get := fieldOf[string](name)
	return Field{title: title, aliases: aliases, name: name, en: en,
		decode: func(r *Record, s string) error { *get(r) = s; return nil },
		encode: func(r *Record) (string, error) { return *get(r), nil },
	}
}

// digitsText refuses, in a text column of digits (a citizen ID, a phone
// number), a number a spreadsheet wrote in scientific notation
// (4.50103E+17): its last digits are gone and only the clerk can restore
// them. The message says what happened, not the cell.
func digitsText(f Field, lost string, causes ...error) Field {
	decode := f.decode
	f.decode = func(r *Record, s string) error {
		if sciNotation(s) {
			return cellFault("这一格看来被 Excel 转成了科学计数法，"+lost+"；请把该列设为文本后重新录入",
				"a spreadsheet wrote the number in scientific notation and dropped its last digits: set the column to text and type it again",
				append([]error{ErrBadCell}, causes...)...)
		}
		return decode(r, s)
	}
	return f
}

// sciNotation reports whether s is a number in scientific notation as
// spreadsheets write them: 4.50103E+17, 1.39077E+10, 4.5E17.
func sciNotation(s string) bool {
	m, e, ok := strings.Cut(strings.ToUpper(s), "E")
	if !ok {
		return false
	}
	e = strings.TrimPrefix(e, "+")
	return isPlainNumber(m) && isDigits(e)
}

func codeField[T codeValue](title, name, en string, parse func(string) (T, error), labels func() []string, aliases ...string) Field {
	get := fieldOf[T](name)
	return Field{title: title, aliases: aliases, name: name, en: en,
		decode: func(r *Record, s string) error {
			v, err := parseCodeCell(s, parse, labels)
			if err == nil {
				*get(r) = v
			}
			return err
		},
		encode: func(r *Record) (string, error) { return formatCodeCell(*get(r)) },
	}
}

func dateField(title, name, en string, aliases ...string) Field {
	get := fieldOf[Date](name)
	return Field{title: title, aliases: aliases, name: name, en: en,
		decode: func(r *Record, s string) error {
			d, err := parseDateCell(s)
			if err == nil {
				*get(r) = d
			}
			return err
		},
		encode: func(r *Record) (string, error) { return formatDateCell(*get(r)) },
	}
}

func boolField(title, name, en string, aliases ...string) Field {
	get := fieldOf[bool](name)
	return Field{title: title, aliases: aliases, name: name, en: en,
		decode: func(r *Record, s string) error {
			v, err := parseBoolCell(s)
			if err == nil {
				*get(r) = v
			}
			return err
		},
		encode: func(r *Record) (string, error) { return formatBoolCell(*get(r)), nil },
	}
}

func countField(title, name, en string, aliases ...string) Field {
	get := fieldOf[int](name)
	return Field{title: title, aliases: aliases, name: name, en: en,
		decode: func(r *Record, s string) error {
			n, err := parseCountCell(s)
			if err == nil {
				*get(r) = n
			}
			return err
		},
		encode: func(r *Record) (string, error) { return formatCountCell(*get(r), true) },
	}
}

func decimalField(title, name, en string, percent bool, aliases ...string) Field {
	get := fieldOf[decimal.Decimal](name)
	return Field{title: title, aliases: aliases, name: name, en: en,
		decode: func(r *Record, s string) error {
			d, err := parseDecimalCell(s, percent)
			if err == nil {
				*get(r) = d
			}
			return err
		},
		encode: func(r *Record) (string, error) { return formatDecimalCell(*get(r)) },
	}
}

func listField[T any](title, name, en string, kind listItem[T], aliases ...string) Field {
	get := fieldOf[[]T](name)
	return Field{title: title, aliases: aliases, name: name, en: en, items: kind.fields,
		decode: func(r *Record, s string) error {
			items, err := kind.parse(s)
			if err == nil {
				*get(r) = items
			}
			return err
		},
		encode: func(r *Record) (string, error) { return kind.format(*get(r)) },
	}
}
