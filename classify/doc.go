// Package classify puts a person in one of the four groups of new social
// strata people (新的社会阶层人士) named by the Nanning notice of 2 April 2019,
// or says that the person is not new social strata, or that it cannot tell
// and why. It is the first stage of the flow: qualify, evaluate and tier
// read its [Result].
//
// The groups are G1 managers and technical staff of private and
// foreign-invested enterprises, G2 staff of intermediaries and social
// organisations, G3 freelancers in six sub-kinds and G4 new-media
// practitioners ([roster.Group], [roster.Subkind]). Staff of government
// bodies, public institutions and state-owned enterprises are in none.
//
// # Rules are data
//
// The taxonomy is a rules document in YAML, not code. [Baseline] returns the
// reference one, embedded in this package (baseline.yaml, in Chinese). A
// jurisdiction writes its own with [Parse], or an overlay that starts with
// "extends: baseline" and replaces, disables or adds rules and changes the
// priority of the groups; [Rules.Extend] applies an overlay to any rules.
// An overlay never changes its base.
//
//	extends: baseline
//	jurisdiction: "450103"
//	replace:
//	  - id: G4.4
//	    name: 网络意见人士
//	    group: G4
//	    yields: true
//	    when: NewMedia && Followers >= 50000
//	    reason: 以新媒体为平台发表意见，主要账号粉丝在五万以上，属于网络意见人士。
//	disable: [U2]
//	groups:
//	  - id: QX.1
//	    name: 无人机驾驶员
//	    group: G3
//	    subkind: 技能型市场服务人员
//	    when: EmployerKind == "无工作单位" && Occupation == "无人机驾驶员"
//	    reason: 无工作单位，凭无人机驾驶技能提供服务，属于技能型市场服务人员。
//
// Each rule has an id, a Chinese name, a group, a formula (when) and the
// reason a clerk reads; a group rule may also name a G3 sub-kind (subkind)
// and give way to other groups (yields). Formulas are expr-lang/expr expressions over
// [roster.Facts] (EmployerKind, Role, Occupation, NewMedia, Followers ...),
// type-checked when the rules are compiled. A classification does not
// depend on the assessment date, so a formula may not read Age or the
// training hours; nor may it read Group or Subkind, which are its result.
//
// A classification takes four steps, one per section of the document:
//
//   - screens, before the groups: the exclusions (党政机关, 事业单位,
//     国有企业, and investors of private firms other than new-media ones,
//     give [NotNewStrata]) and the data that must be there (no
//     employer kind gives [Undetermined]). The first that holds decides.
//   - groups: every group rule runs. The groups that hold are ordered by the
//     declared priority (baseline: G3, G4, G1, G2); the first is primary,
//     the others are secondary. A rule marked "yields: true" gives way: its
//     group is primary only when no rule without yields holds for another
//     group, and secondary otherwise (the baseline's 网络意见人士 rule G4.4:
//     a lawyer with many followers stays G2, with G4 secondary). yields is
//     for rules under groups only.
//   - fallbacks, when no group holds: the first that holds decides (a
//     freelancer whose occupation is in no sub-kind list is Undetermined).
//   - otherwise: the conclusion when nothing else holds.
//
// Nothing is classified by a silent default: every [Result] names the rule
// that decided and carries its reason.
//
// # Errors
//
// Errors in a rules document are [*Error] values that name the file, line
// and column (in characters) and wrap a sentinel: [ErrUnknownField],
// [ErrUnknownGroup], [ErrDuplicateID], [ErrNoSuchRule], [ErrFormula] and
// others, for [errors.Is]. They are written for the clerk who edits the
// file: after the place and the rule, the message in Chinese, then in
// English in parentheses:
//
//	county.yaml:3:9: 规则 G9.9：所基于的规则中没有这个编号，无法替换 (no rule with this id in the base to replace)
//
// A message of the YAML reader or of the formula compiler is kept as it is,
// after a short Chinese phrase (YAML 格式错误：, 公式错误：). A formula error
// also keeps the compiler's snippet with a caret, placed in the file, also
// when the formula spans several lines:
//
//	county.yaml:7:45: 450123 规则 C1：公式错误：unknown name 专业技术
//	 | EmployerKind == "民营企业" && Role == 专业技术
//	 | ..................................^
//
// # Concurrency and zero values
//
// [Rules] and [Classifier] are immutable and safe for concurrent use; [New]
// compiles every formula once and a classification does no parsing. The
// zero [Rules] holds no rule and [New] refuses it; the zero [Result] is
// Undetermined with no reason.
package classify
