package roster

// Sex is GB/T 2261.1 sex. Only [Male] and [Female] are valid on a record, since the citizen ID encodes one of them.
// The zero value means not filled in.
type Sex uint8

// The members of Sex.
const (
	SexUnknown  Sex = iota + 1 // 未知的性别
	Male                       // 男性
	Female                     // 女性
	SexUnstated                // 未说明的性别
)

var sexSet = codeSet[Sex]{kind: "性别", entries: []codeEntry{
	{},
	{code: "0", label: "未知的性别", name: "unknown"},
	{code: "1", label: "男性", name: "male", aliases: []string{"男"}},
	{code: "2", label: "女性", name: "female", aliases: []string{"女"}},
	{code: "9", label: "未说明的性别", name: "unstated"},
}}

// Politics is GB/T 4762 political affiliation.
// The zero value means not filled in.
type Politics uint8

// The members of Politics.
const (
	CPCMember       Politics = iota + 1 // 中共党员
	CPCProbationary                     // 中共预备党员
	CYLMember                           // 共青团员
	RCCK                                // 民革党员
	CDL                                 // 民盟盟员
	CNDCA                               // 民建会员
	CAPD                                // 民进会员
	CPWDP                               // 农工党党员
	CZGP                                // 致公党党员
	JiuSan                              // 九三学社社员
	TDSL                                // 台盟盟员
	NonParty                            // 无党派人士
	Masses                              // 群众
)

var politicsSet = codeSet[Politics]{kind: "政治面貌", entries: []codeEntry{
	{},
	{code: "01", label: "中共党员", name: "CPC member", aliases: []string{"中国共产党党员", "党员"}},
	{code: "02", label: "中共预备党员", name: "CPC probationary member", aliases: []string{"中国共产党预备党员", "预备党员"}},
	{code: "03", label: "共青团员", name: "CYL member", aliases: []string{"中国共产主义青年团团员", "团员"}},
	{code: "04", label: "民革党员", name: "RCCK member", aliases: []string{"中国国民党革命委员会会员", "民革会员"}},
	{code: "05", label: "民盟盟员", name: "CDL member", aliases: []string{"中国民主同盟盟员"}},
	{code: "06", label: "民建会员", name: "CNDCA member", aliases: []string{"中国民主建国会会员"}},
	{code: "07", label: "民进会员", name: "CAPD member", aliases: []string{"中国民主促进会会员"}},
	{code: "08", label: "农工党党员", name: "CPWDP member", aliases: []string{"中国农工民主党党员"}},
	{code: "09", label: "致公党党员", name: "CZGP member", aliases: []string{"中国致公党党员"}},
	{code: "10", label: "九三学社社员", name: "Jiusan Society member"},
	{code: "11", label: "台盟盟员", name: "TDSL member", aliases: []string{"台湾民主自治同盟盟员"}},
	{code: "12", label: "无党派人士", name: "non-party", aliases: []string{"无党派"}},
	{code: "13", label: "群众", name: "ordinary citizen"},
}}

// Education is GB/T 4658 education, at the level of its categories (detailed codes such as 21 are read as their category).
// The zero value means not filled in.
type Education uint8

// The members of Education.
const (
	Postgraduate   Education = iota + 1 // 研究生
	Undergraduate                       // 大学本科
	College                             // 大学专科
	Vocational                          // 中等职业教育
	HighSchool                          // 普通高级中学
	JuniorHigh                          // 初级中学
	Primary                             // 小学
	EducationOther                      // 其他
)

var educationSet = codeSet[Education]{kind: "学历", entries: []codeEntry{
	{},
	{code: "10", label: "研究生", name: "postgraduate", aliases: []string{"博士研究生", "硕士研究生", "博士", "硕士"}},
	{code: "20", label: "大学本科", name: "undergraduate", aliases: []string{"本科"}},
	{code: "30", label: "大学专科", name: "college", aliases: []string{"专科", "大专"}},
	{code: "40", label: "中等职业教育", name: "secondary vocational", aliases: []string{"中专", "中等专科", "职业高中", "技工学校"}},
	{code: "60", label: "普通高级中学", name: "high school", aliases: []string{"高中"}},
	{code: "70", label: "初级中学", name: "junior high school", aliases: []string{"初中"}},
	{code: "80", label: "小学", name: "primary school"},
	{code: "90", label: "其他", name: "other"},
}}

// Degree is GB/T 6864 academic degree.
// The zero value means not filled in.
type Degree uint8

// The members of Degree.
const (
	NoDegree Degree = iota + 1 // 无
	Bachelor                   // 学士
	Master                     // 硕士
	Doctor                     // 博士
)

var degreeSet = codeSet[Degree]{kind: "学位", entries: []codeEntry{
	{},
	{code: "0", label: "无", name: "none", aliases: []string{"无学位"}},
	{code: "4", label: "学士", name: "bachelor"},
	{code: "3", label: "硕士", name: "master"},
	{code: "2", label: "博士", name: "doctor"},
}}

// TitleLevel is the level of a professional and technical title.
// The zero value means not filled in.
type TitleLevel uint8

// The members of TitleLevel.
const (
	NoTitle      TitleLevel = iota + 1 // 无
	Junior                             // 初级
	Intermediate                       // 中级
	ViceSenior                         // 副高
	Senior                             // 正高
)

var titleLevelSet = codeSet[TitleLevel]{kind: "专业技术职称级别", entries: []codeEntry{
	{},
	{code: "0", label: "无", name: "none", aliases: []string{"无职称"}},
	{code: "3", label: "初级", name: "junior"},
	{code: "2", label: "中级", name: "intermediate"},
	{code: "1", label: "副高", name: "vice-senior", aliases: []string{"副高级"}},
	{code: "9", label: "正高", name: "senior", aliases: []string{"正高级"}},
}}

// Rating is a four-step rating given by the recommending unit or the industry.
// The zero value means not filled in.
type Rating uint8

// The members of Rating.
const (
	Poor      Rating = iota + 1 // 较差
	Fair                        // 一般
	Good                        // 良好
	Excellent                   // 优秀
)

var ratingSet = codeSet[Rating]{kind: "评价", entries: []codeEntry{
	{},
	{code: "4", label: "较差", name: "poor", aliases: []string{"差"}},
	{code: "3", label: "一般", name: "fair"},
	{code: "2", label: "良好", name: "good", aliases: []string{"良"}},
	{code: "1", label: "优秀", name: "excellent", aliases: []string{"优"}},
}}

// Level is the level of a post, a seat or an award, from county up.
// The zero value means not filled in. [Level.Label] is the standard label
// that formulas compare (省级); what a clerk reads is
// [Jurisdiction.LevelLabel] (自治区级 in Guangxi). Both read back.
type Level uint8

// The members of Level.
const (
	County     Level = iota + 1 // 县级
	City                        // 市级
	Provincial                  // 省级
	National                    // 国家级
)

var levelSet = codeSet[Level]{kind: "级别", entries: []codeEntry{
	{},
	{code: "4", label: "县级", name: "county", aliases: []string{"县区级", "区级", "县（区）级"}},
	{code: "3", label: "市级", name: "city", aliases: []string{"地市级", "设区市级"}},
	{code: "2", label: "省级", name: "provincial", aliases: []string{"自治区级", "省部级"}},
	{code: "1", label: "国家级", name: "national", aliases: []string{"全国", "中央"}},
}}

// Body is the body a seat is held in.
// The zero value means not filled in.
type Body uint8

// The members of Body.
const (
	NPC   Body = iota + 1 // 人大代表
	CPPCC                 // 政协委员
)

var bodySet = codeSet[Body]{kind: "机构", entries: []codeEntry{
	{},
	{code: "1", label: "人大代表", name: "NPC deputy", aliases: []string{"人大"}},
	{code: "2", label: "政协委员", name: "CPPCC member", aliases: []string{"政协"}},
}}

// OrgKind is the kind of organisation a post is held in.
// The zero value means not filled in.
type OrgKind uint8

// The members of OrgKind.
const (
	UnitedFrontOrg OrgKind = iota + 1 // 统战组织
	SocialOrg                         // 社会组织
)

var orgKindSet = codeSet[OrgKind]{kind: "组织类别", entries: []codeEntry{
	{},
	{code: "1", label: "统战组织", name: "united-front organisation", aliases: []string{"统战团体"}},
	{code: "2", label: "社会组织", name: "social organisation", aliases: []string{"社会团体", "行业协会", "商会"}},
}}

// EmployerKind is the nature of the employer.
// The zero value means not filled in.
type EmployerKind uint8

// The members of EmployerKind.
const (
	PrivateEnterprise EmployerKind = iota + 1 // 民营企业
	ForeignEnterprise                         // 外商投资企业
	Intermediary                              // 中介组织
	SocialGroup                               // 社会团体
	Foundation                                // 基金会
	SocialService                             // 社会服务机构
	Government                                // 党政机关
	PublicInstitution                         // 事业单位
	StateOwned                                // 国有企业
	NoEmployer                                // 无工作单位
	EmployerOther                             // 其他
)

var employerKindSet = codeSet[EmployerKind]{kind: "单位性质", entries: []codeEntry{
	{},
	{code: "1", label: "民营企业", name: "private enterprise", aliases: []string{"私营企业", "民营"}},
	{code: "2", label: "外商投资企业", name: "foreign-invested enterprise", aliases: []string{"外资企业", "港澳台资企业", "中外合资企业"}},
	{code: "3", label: "中介组织", name: "intermediary", aliases: []string{"中介机构"}},
	{code: "4", label: "社会团体", name: "social group"},
	{code: "5", label: "基金会", name: "foundation"},
	{code: "6", label: "社会服务机构", name: "social service organisation", aliases: []string{"民办非企业单位"}},
	{code: "7", label: "党政机关", name: "government body", aliases: []string{"机关"}},
	{code: "8", label: "事业单位", name: "public institution"},
	{code: "9", label: "国有企业", name: "state-owned enterprise", aliases: []string{"国企", "国有控股企业"}},
	{code: "10", label: "无工作单位", name: "no employer", aliases: []string{"无", "自由职业", "个体"}},
	{code: "99", label: "其他", name: "other"},
}}

// Role is the kind of work a person does for the employer.
// The zero value means not filled in.
type Role uint8

// The members of Role.
const (
	Management   Role = iota + 1 // 经营管理
	Technical                    // 专业技术
	Professional                 // 专业服务
	Investor                     // 出资人
	Editorial                    // 采编
	RoleOther                    // 其他
)

var roleSet = codeSet[Role]{kind: "岗位类别", entries: []codeEntry{
	{},
	{code: "1", label: "经营管理", name: "management", aliases: []string{"管理"}},
	{code: "2", label: "专业技术", name: "technical", aliases: []string{"技术", "技术研发"}},
	{code: "3", label: "专业服务", name: "professional service"},
	{code: "4", label: "出资人", name: "investor", aliases: []string{"投资人"}},
	{code: "5", label: "采编", name: "editorial", aliases: []string{"内容生产", "编辑"}},
	{code: "9", label: "其他", name: "other"},
}}

// Ethnicity is one of the 56 ethnic groups of GB/T 3304, numbered by its code.
// The zero value means not filled in.
type Ethnicity uint8

var ethnicitySet = codeSet[Ethnicity]{kind: "民族", entries: []codeEntry{
	{},
	{code: "01", label: "汉族", name: "Han"},
	{code: "02", label: "蒙古族", name: "Mongol", aliases: []string{"蒙古"}},
	{code: "03", label: "回族", name: "Hui"},
	{code: "04", label: "藏族", name: "Tibetan"},
	{code: "05", label: "维吾尔族", name: "Uyghur", aliases: []string{"维吾尔"}},
	{code: "06", label: "苗族", name: "Miao"},
	{code: "07", label: "彝族", name: "Yi"},
	{code: "08", label: "壮族", name: "Zhuang"},
	{code: "09", label: "布依族", name: "Buyei", aliases: []string{"布依"}},
	{code: "10", label: "朝鲜族", name: "Korean", aliases: []string{"朝鲜"}},
	{code: "11", label: "满族", name: "Manchu"},
	{code: "12", label: "侗族", name: "Dong"},
	{code: "13", label: "瑶族", name: "Yao"},
	{code: "14", label: "白族", name: "Bai"},
	{code: "15", label: "土家族", name: "Tujia", aliases: []string{"土家"}},
	{code: "16", label: "哈尼族", name: "Hani", aliases: []string{"哈尼"}},
	{code: "17", label: "哈萨克族", name: "Kazakh", aliases: []string{"哈萨克"}},
	{code: "18", label: "傣族", name: "Dai"},
	{code: "19", label: "黎族", name: "Li"},
	{code: "20", label: "傈僳族", name: "Lisu", aliases: []string{"傈僳"}},
	{code: "21", label: "佤族", name: "Va"},
	{code: "22", label: "畲族", name: "She"},
	{code: "23", label: "高山族", name: "Gaoshan", aliases: []string{"高山"}},
	{code: "24", label: "拉祜族", name: "Lahu", aliases: []string{"拉祜"}},
	{code: "25", label: "水族", name: "Sui"},
	{code: "26", label: "东乡族", name: "Dongxiang", aliases: []string{"东乡"}},
	{code: "27", label: "纳西族", name: "Naxi", aliases: []string{"纳西"}},
	{code: "28", label: "景颇族", name: "Jingpo", aliases: []string{"景颇"}},
	{code: "29", label: "柯尔克孜族", name: "Kyrgyz", aliases: []string{"柯尔克孜"}},
	{code: "30", label: "土族", name: "Tu"},
	{code: "31", label: "达斡尔族", name: "Daur", aliases: []string{"达斡尔"}},
	{code: "32", label: "仫佬族", name: "Mulao", aliases: []string{"仫佬"}},
	{code: "33", label: "羌族", name: "Qiang"},
	{code: "34", label: "布朗族", name: "Blang", aliases: []string{"布朗"}},
	{code: "35", label: "撒拉族", name: "Salar", aliases: []string{"撒拉"}},
	{code: "36", label: "毛南族", name: "Maonan", aliases: []string{"毛南"}},
	{code: "37", label: "仡佬族", name: "Gelao", aliases: []string{"仡佬"}},
	{code: "38", label: "锡伯族", name: "Xibe", aliases: []string{"锡伯"}},
	{code: "39", label: "阿昌族", name: "Achang", aliases: []string{"阿昌"}},
	{code: "40", label: "普米族", name: "Pumi", aliases: []string{"普米"}},
	{code: "41", label: "塔吉克族", name: "Tajik", aliases: []string{"塔吉克"}},
	{code: "42", label: "怒族", name: "Nu"},
	{code: "43", label: "乌孜别克族", name: "Uzbek", aliases: []string{"乌孜别克"}},
	{code: "44", label: "俄罗斯族", name: "Russian", aliases: []string{"俄罗斯"}},
	{code: "45", label: "鄂温克族", name: "Evenki", aliases: []string{"鄂温克"}},
	{code: "46", label: "德昂族", name: "Deang", aliases: []string{"德昂"}},
	{code: "47", label: "保安族", name: "Bonan", aliases: []string{"保安"}},
	{code: "48", label: "裕固族", name: "Yugur", aliases: []string{"裕固"}},
	{code: "49", label: "京族", name: "Gin"},
	{code: "50", label: "塔塔尔族", name: "Tatar", aliases: []string{"塔塔尔"}},
	{code: "51", label: "独龙族", name: "Derung", aliases: []string{"独龙"}},
	{code: "52", label: "鄂伦春族", name: "Oroqen", aliases: []string{"鄂伦春"}},
	{code: "53", label: "赫哲族", name: "Hezhen", aliases: []string{"赫哲"}},
	{code: "54", label: "门巴族", name: "Monpa", aliases: []string{"门巴"}},
	{code: "55", label: "珞巴族", name: "Lhoba", aliases: []string{"珞巴"}},
	{code: "56", label: "基诺族", name: "Jino", aliases: []string{"基诺"}},
}}

// String returns the English name of v.
func (v Sex) String() string { return sexSet.name(v) }

// Label returns the official Chinese label of v.
func (v Sex) Label() string { return sexSet.label(v) }

// Code returns the code of v in its national standard ("" for the zero value).
func (v Sex) Code() string { return sexSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Sex) Valid() bool { return sexSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v Sex) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *Sex) UnmarshalText(b []byte) error {
	p, err := ParseSex(string(b))
	*v = p
	return err
}

// ParseSex reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseSex(s string) (Sex, error) { return sexSet.parse(s) }

// SexLabels lists the Chinese labels of every member, in order.
func SexLabels() []string { return sexSet.labels() }

// String returns the English name of v.
func (v Politics) String() string { return politicsSet.name(v) }

// Label returns the official Chinese label of v.
func (v Politics) Label() string { return politicsSet.label(v) }

// Code returns the code of v in its national standard ("" for the zero value).
func (v Politics) Code() string { return politicsSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Politics) Valid() bool { return politicsSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v Politics) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *Politics) UnmarshalText(b []byte) error {
	p, err := ParsePolitics(string(b))
	*v = p
	return err
}

// ParsePolitics reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParsePolitics(s string) (Politics, error) { return politicsSet.parse(s) }

// PoliticsLabels lists the Chinese labels of every member, in order.
func PoliticsLabels() []string { return politicsSet.labels() }

// String returns the English name of v.
func (v Education) String() string { return educationSet.name(v) }

// Label returns the official Chinese label of v.
func (v Education) Label() string { return educationSet.label(v) }

// Code returns the code of v in its national standard ("" for the zero value).
func (v Education) Code() string { return educationSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Education) Valid() bool { return educationSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v Education) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *Education) UnmarshalText(b []byte) error {
	p, err := ParseEducation(string(b))
	*v = p
	return err
}

// ParseEducation reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseEducation(s string) (Education, error) { return educationSet.parse(s) }

// EducationLabels lists the Chinese labels of every member, in order.
func EducationLabels() []string { return educationSet.labels() }

// String returns the English name of v.
func (v Degree) String() string { return degreeSet.name(v) }

// Label returns the official Chinese label of v.
func (v Degree) Label() string { return degreeSet.label(v) }

// Code returns the code of v in its national standard ("" for the zero value).
func (v Degree) Code() string { return degreeSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Degree) Valid() bool { return degreeSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v Degree) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *Degree) UnmarshalText(b []byte) error {
	p, err := ParseDegree(string(b))
	*v = p
	return err
}

// ParseDegree reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseDegree(s string) (Degree, error) { return degreeSet.parse(s) }

// DegreeLabels lists the Chinese labels of every member, in order.
func DegreeLabels() []string { return degreeSet.labels() }

// String returns the English name of v.
func (v TitleLevel) String() string { return titleLevelSet.name(v) }

// Label returns the official Chinese label of v.
func (v TitleLevel) Label() string { return titleLevelSet.label(v) }

// Code returns the code of v in its national standard ("" for the zero value).
func (v TitleLevel) Code() string { return titleLevelSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v TitleLevel) Valid() bool { return titleLevelSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v TitleLevel) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *TitleLevel) UnmarshalText(b []byte) error {
	p, err := ParseTitleLevel(string(b))
	*v = p
	return err
}

// ParseTitleLevel reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseTitleLevel(s string) (TitleLevel, error) { return titleLevelSet.parse(s) }

// TitleLevelLabels lists the Chinese labels of every member, in order.
func TitleLevelLabels() []string { return titleLevelSet.labels() }

// String returns the English name of v.
func (v Rating) String() string { return ratingSet.name(v) }

// Label returns the official Chinese label of v.
func (v Rating) Label() string { return ratingSet.label(v) }

// Code returns the code of v in its national standard ("" for the zero value).
func (v Rating) Code() string { return ratingSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Rating) Valid() bool { return ratingSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v Rating) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *Rating) UnmarshalText(b []byte) error {
	p, err := ParseRating(string(b))
	*v = p
	return err
}

// ParseRating reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseRating(s string) (Rating, error) { return ratingSet.parse(s) }

// RatingLabels lists the Chinese labels of every member, in order.
func RatingLabels() []string { return ratingSet.labels() }

// String returns the English name of v.
func (v Level) String() string { return levelSet.name(v) }

// Label returns the official Chinese label of v.
func (v Level) Label() string { return levelSet.label(v) }

// Code returns the code of v in its national standard ("" for the zero value).
func (v Level) Code() string { return levelSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Level) Valid() bool { return levelSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v Level) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *Level) UnmarshalText(b []byte) error {
	p, err := ParseLevel(string(b))
	*v = p
	return err
}

// ParseLevel reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseLevel(s string) (Level, error) { return levelSet.parse(s) }

// LevelLabels lists the Chinese labels of every member, in order.
func LevelLabels() []string { return levelSet.labels() }

// String returns the English name of v.
func (v Body) String() string { return bodySet.name(v) }

// Label returns the official Chinese label of v.
func (v Body) Label() string { return bodySet.label(v) }

// Code returns the code of v in its national standard ("" for the zero value).
func (v Body) Code() string { return bodySet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Body) Valid() bool { return bodySet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v Body) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *Body) UnmarshalText(b []byte) error {
	p, err := ParseBody(string(b))
	*v = p
	return err
}

// ParseBody reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseBody(s string) (Body, error) { return bodySet.parse(s) }

// BodyLabels lists the Chinese labels of every member, in order.
func BodyLabels() []string { return bodySet.labels() }

// String returns the English name of v.
func (v OrgKind) String() string { return orgKindSet.name(v) }

// Label returns the official Chinese label of v.
func (v OrgKind) Label() string { return orgKindSet.label(v) }

// Code returns the code of v in its national standard ("" for the zero value).
func (v OrgKind) Code() string { return orgKindSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v OrgKind) Valid() bool { return orgKindSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v OrgKind) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *OrgKind) UnmarshalText(b []byte) error {
	p, err := ParseOrgKind(string(b))
	*v = p
	return err
}

// ParseOrgKind reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseOrgKind(s string) (OrgKind, error) { return orgKindSet.parse(s) }

// OrgKindLabels lists the Chinese labels of every member, in order.
func OrgKindLabels() []string { return orgKindSet.labels() }

// String returns the English name of v.
func (v EmployerKind) String() string { return employerKindSet.name(v) }

// Label returns the official Chinese label of v.
func (v EmployerKind) Label() string { return employerKindSet.label(v) }

// Code returns the code of v in its national standard ("" for the zero value).
func (v EmployerKind) Code() string { return employerKindSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v EmployerKind) Valid() bool { return employerKindSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v EmployerKind) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *EmployerKind) UnmarshalText(b []byte) error {
	p, err := ParseEmployerKind(string(b))
	*v = p
	return err
}

// ParseEmployerKind reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseEmployerKind(s string) (EmployerKind, error) { return employerKindSet.parse(s) }

// EmployerKindLabels lists the Chinese labels of every member, in order.
func EmployerKindLabels() []string { return employerKindSet.labels() }

// String returns the English name of v.
func (v Role) String() string { return roleSet.name(v) }

// Label returns the official Chinese label of v.
func (v Role) Label() string { return roleSet.label(v) }

// Code returns the code of v in its national standard ("" for the zero value).
func (v Role) Code() string { return roleSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Role) Valid() bool { return roleSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v Role) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *Role) UnmarshalText(b []byte) error {
	p, err := ParseRole(string(b))
	*v = p
	return err
}

// ParseRole reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseRole(s string) (Role, error) { return roleSet.parse(s) }

// RoleLabels lists the Chinese labels of every member, in order.
func RoleLabels() []string { return roleSet.labels() }

// String returns the English name of v.
func (v Ethnicity) String() string { return ethnicitySet.name(v) }

// Label returns the official Chinese label of v.
func (v Ethnicity) Label() string { return ethnicitySet.label(v) }

// Code returns the code of v in its national standard ("" for the zero value).
func (v Ethnicity) Code() string { return ethnicitySet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Ethnicity) Valid() bool { return ethnicitySet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v Ethnicity) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *Ethnicity) UnmarshalText(b []byte) error {
	p, err := ParseEthnicity(string(b))
	*v = p
	return err
}

// ParseEthnicity reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseEthnicity(s string) (Ethnicity, error) { return ethnicitySet.parse(s) }

// EthnicityLabels lists the Chinese labels of every member, in order.
func EthnicityLabels() []string { return ethnicitySet.labels() }
