// Package classify puts a person in one of the four groups of new social
// strata people (新的社会阶层人士) named by the Nanning notice of 2 April 2019,
// or says that the person is not new social strata, or that it cannot tell
// and why. It is the first stage of the flow: qualify, evaluate and tier
// read its [Result].
//
// The groups are G1 managers and technical staff of private and
// foreign-invested enterprises, G2 staff of intermediaries and social
// organisations, G3 freelancers in six sub-kinds and G4 new-media
// practitioners ([Group], [Subkind]: the closed sets live here, with the
// stage that decides them; roster.Facts carries the result as the text
// formulas read, "G3" and "自由写作人员"). Staff of government bodies,
// public institutions and state-owned enterprises are in none.
//
// # Rules are data, and a policy's
//
// The taxonomy is data, not code: [Rules] holds a priority of the groups
// and four steps of [Rule] values, each with an id, a Chinese name, what it
// gives ([Conclusion]: a group, or an outcome that is no group), a formula
// (When) and the reason a clerk reads; a group rule may also name a G3
// sub-kind and give way to other groups (Yields). This package does no I/O
// and reads no YAML: the rules are the classification section of a
// jurisdiction's policy document, which package policy reads (the yaml
// tags here name its fields), overlays for a county-district, holds to the
// city's locks and compiles with the policy's other formulas, so that
// policy.Set.For picks a unit's classification by date with everything
// else and policy.Policy.Classifier returns it. The reference rules are the
// baseline policy's (policy/data/nanning-2019.yaml, in Chinese):
//
//	classification:
//	  priority: [G3, G4, G1, G2]
//	  screens:
//	    - id: N1
//	      name: 党政机关工作人员
//	      group: 非新的社会阶层
//	      when: EmployerKind == "党政机关"
//	      reason: 在党政机关工作，不属于新的社会阶层人士。
//	  groups:
//	    - id: G3.1
//	      name: 自由写作人员
//	      group: G3
//	      subkind: 自由写作人员
//	      when: EmployerKind == "无工作单位" && trimPrefix(Occupation, "自由") in ["撰稿人", "网络作家"]
//	      reason: 无工作单位，以撰写、发表作品为主要收入来源，属于自由职业人员中的自由写作人员。
//	  fallbacks: [...]
//	  otherwise: {id: N9, name: 不属于四个群体, group: 非新的社会阶层, reason: ...}
//
// A program may also build Rules in Go and call [Compile] with a
// formula.Env of its own.
//
// Formulas are expr-lang/expr expressions over roster.Facts (EmployerKind,
// Role, Occupation, NewMedia, Followers ...), compiled once by [Compile]. A
// classification does not depend on the assessment date, so a formula may
// not read Age, AsOf or the training hours; nor may it read Group or
// Subkind, which are its result.
//
// A classification takes four steps, one per section of the rules:
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
// Every error is a [*formula.Error], the one error type for places in
// rules. [Compile] reports every problem at once, joined: each names the
// rule and, for rules read from a file, its file, line and column (inside a
// formula, the character at fault, with expr's snippet and a caret), and
// wraps a sentinel for [errors.Is]: [ErrInvalid], [ErrUnknownGroup],
// [ErrDuplicateID], [ErrPriority], [ErrFormula]. Read through a policy, the
// message also names the policy:
//
//	county.yaml:8:39: 政策 county：规则 G1.1：公式类型错误 (rule G1.1: unknown name Rol)
//	 | EmployerKind == "民营企业" && Rol == "经营管理"
//	 | ..........................^
//
// A formula that fails on one record gives an Undetermined result and an
// error wrapping [ErrRuntime] that names the record.
//
// # JSON
//
// A [Result] marshals as {"outcome", "primary", "secondary", "subkind",
// "rule", "reason", "matched"} and reads back what it wrote: the outcome,
// groups and sub-kind as {"code": "G1", "label": "民营企业和外商投资企业管理技术人员"}
// (outcome codes undetermined, classified, not_new_strata; sub-kinds 1 to
// 6), null for no group or sub-kind and for an empty rule or reason, []
// for an empty list. It is the classification part of the root package's
// JSON model. A [Group] or [Subkind] on its own keeps its plain text
// ("G1"), since a policy document holds them and a policy's fingerprint is
// taken over the document's JSON; an [Outcome] on its own writes {"code",
// "label"}.
//
// # Concurrency and zero values
//
// A [Classifier] is immutable and safe for concurrent use; [Compile]
// compiles every formula once and a classification does no parsing. [Rules]
// is a plain value: Compile copies it. The zero Rules hold no rule and
// Compile refuses them; the zero Classifier is not ready and Classify says
// so with an error; the zero [Result] is Undetermined with no reason; the
// zero [Conclusion] is Undetermined.
package classify
