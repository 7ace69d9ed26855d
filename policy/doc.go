// Package policy holds a jurisdiction's rules for certifying representatives
// of the new social strata as data: the classification rules that put a
// person in one of the four groups, the qualification conditions (Annex 4 of
// the notice), the comprehensive evaluation index system (Annex 3) with its
// bonuses, vetoes and grade bands, the rounding of points, and the city's
// lists of representatives (quotas, priority, group coverage). It reads them
// from YAML, lets each county-district change them by an overlay, checks
// every invariant, compiles every formula up front and picks the version in
// force for a unit on a date.
//
// # Why a package of its own
//
// The notice publishes no annexes and says each county-district builds its
// own Annex 3 ("附件3由各县区结合工作实际，自行建立完善"). So the rules are
// data that differ by jurisdiction and by version, never logic wired into
// Go: a grade band, a condition or an indicator's weight is a line of YAML.
// Three stages read that data: classify puts the person in a group by the
// classification rules ([Policy.Classifier]), qualify checks the conditions
// and evaluate scores the indicators, applies vetoes and grades. All read
// the same [Policy] for one unit and one day, so what they share lives here and
// nowhere else: the document and its overlays ([Overlay.Apply]), the
// invariants (points that add up, bands that cover 0 to the total without
// gap or overlap), versions ([Set.For]) and the [Policy.Fingerprint] that
// every result carries, so that a result can be traced to the exact rules
// that produced it.
//
// # The flow
//
// [Parse] reads one file into a [File]: a full [Document], or an [Overlay]
// when the file has extends, with the unit that hands it in ([File.From]),
// which the caller gives and the file never does. [NewSet] (or [LoadFS]
// for a folder) resolves
// every extends chain, checks that no two versions of one jurisdiction are
// in force on the same day, and compiles each resolved document with
// [Compile] into a [Policy], each part compiled by the stage that reads it
// against one formula environment: the conditions into
// [qualify.Conditions], the index system into an [evaluate.Evaluator].
// [Set.For] returns the policy in force for a unit on a date: the unit's
// own version if it has one, else the city's.
// A jurisdiction that builds its rules in Go fills in a [Document] and calls
// [Compile] directly. [Diff] lists, in words, what one document changes of
// another: what a county's overlay did to the city's rules.
//
// The reference baseline of Nanning ships embedded ([Baseline],
// [BaselineFile], id [BaselineID]); a Nanning [Set] made with
// [WithBaseline] holds it to extend, in force for the city until the day before the city's
// first own version, as is a unit's overlay that extends it without
// valid_from. A file the city hands in with the baseline's id replaces it.
//
// # The file format
//
// A full policy (a fragment of the baseline):
//
//	id: nanning-2019
//	name: 南宁市新的社会阶层代表人士资格条件与综合评价指标体系（参考基线）
//	jurisdiction: "450100"          # GB/T 2260 code of the city or unit
//	valid_from: 2019-04-02          # valid_until: open-ended when left out
//	total: 100
//	rounding: {places: 2, mode: half_up}
//	conditions:
//	  - id: Q6
//	    name: 在本领域从业3年以上
//	    kind: hard                  # hard fails the person; soft may be waived
//	    formula: FieldYears >= 3
//	    reason: 从业年限不足3年
//	indicators:                     # first level: points and children
//	  - id: C
//	    name: 社会贡献
//	    points: 15                  # = the children's points
//	    children:                   # second level: points and a formula
//	      - {id: C1, name: 公益慈善, points: 8, formula: Donations / 2 + VolunteerHours / 20}
//	      - {id: C2, name: 带动就业, points: 7, formula: JobsCreated / 20}
//	vetoes:
//	  - {id: V1, name: 受过刑事处罚, formula: CriminalPenalty}
//	veto_grade: D                   # a removed grade: a veto removes the person
//	grades:                         # cover 0 to total, no gap, no overlap
//	  - {grade: A, from: 90, to: 100}
//	  - {grade: B, from: 80, to: 90}
//	  - {grade: C, from: 60, to: 80}
//	  - {grade: D, from: 0, to: 60, removed: true}
//
// The classification rules are the classification section, whose fields
// are those of classify.Rules (priority, screens, groups, fallbacks,
// otherwise; each rule id, name, group, subkind, yields, when, reason): see
// package classify, and the baseline's own, with their reasons in Chinese.
// They are compiled with the policy's other formulas, in the same
// environment (its inputs and functions). A policy without a classification
// section classifies by the baseline's rules, which its [Policy.Document]
// and fingerprint then hold, as if it had copied them.
//
// A second-level indicator earns what its formula gives, capped to 0 and its
// points and rounded as the policy says; the first-level points add up to
// the total. A county's overlay names the policy it extends and says only
// what it changes (this one is testdata/doc-example/qingxiu-2019.yaml, which
// a test loads):
//
//	id: qingxiu-2019
//	name: 青秀区新的社会阶层代表人士综合评价指标体系
//	jurisdiction: "450103"
//	extends: nanning-2019           # the city's policy, or one of the unit's own
//	inputs:                         # data beyond the form, from Record.Extra
//	  - {id: rural, label: 乡村振兴贡献（万元）, type: decimal, min: 0}
//	conditions:
//	  add:
//	    - {id: Q10, name: 热心公益事业, kind: soft, formula: VolunteerHours >= 20}
//	  change:
//	    - {id: Q5, kind: hard}      # only the kind, and only stricter (soft → hard)
//	indicators:
//	  change:
//	    - {id: C2, points: 5}       # a weight, a formula, or both
//	    - id: P2
//	      formula: >-
//	        TrainingHours / 3
//	    - {id: D1, points: 15}      # takes the 5 points of D2
//	  disable: [D2]
//	  add:
//	    - {parent: C, id: C3, name: 乡村振兴贡献, points: 2, formula: In.rural / 5}
//	grades:                         # when given, replace the bands whole
//	  - {grade: A, from: 85, to: 100}
//	  - {grade: B, from: 75, to: 85}
//	  - {grade: C, from: 60, to: 75}
//	  - {grade: D, from: 0, to: 60, removed: true}
//
// An overlay changes the classification rules in a classification section
// of its own: priority replaces the order of the groups; change changes the
// fields it gives of a rule, by id (the others stay; subkind: "" takes a
// sub-kind away); disable removes rules by id (never the otherwise rule);
// add puts new rules at the end of screens, groups or fallbacks, or before
// a rule of that step (before: <id>). They apply in that order; an id that
// change, disable or before names must exist ([ErrUnknownID]), an added id
// must be new:
//
//	classification:
//	  priority: [G4, G1, G2, G3]
//	  change:
//	    - {id: G4.4, when: NewMedia && Followers >= 50000}
//	  disable: [U2]
//	  add:
//	    screens:
//	      - id: QX.N1
//	        name: 人民团体工作人员
//	        group: 非新的社会阶层
//	        before: U1
//	        when: Employer matches "(总工会|共青团|妇女联合会)"
//	        reason: 在人民团体工作，不属于新的社会阶层人士。
//
// An overlay that gives valid_from gives its own period (open-ended unless
// it gives valid_until), starting no earlier than its base; one that does
// not is in force when its base is, and its valid_until may end it earlier,
// never later. A
// unit's overlay may extend the city's policy or one of the unit's own,
// never another unit's. Fields that are unknown or of the wrong type are
// errors, not silently ignored.
//
// An editor finds them before [Parse] does: [Schema] is the JSON Schema of
// a policy file, generated from [Document] and [Overlay] and shipped as
// data/policy.schema.json, which a file names on its first line for
// yaml-language-server (VS Code's YAML extension and others):
//
//	# yaml-language-server: $schema=./policy.schema.json
//
// It completes field names with their Chinese descriptions and flags a
// misspelt field, a value of the wrong type, or a grade, group, level or
// sort key that is none; what the invariants say is [Compile]'s.
//
// # What a county-district may change: the city's locks
//
// Who hands a file in is the caller's word (an upload's account, a
// county's folder), given to [Parse] or [LoadFS]; the file's own
// jurisdiction is checked against it, never trusted. A file the city hands
// in may do everything above, for the city or for any of its units. A
// county-district's file must be an overlay of its own unit (jurisdiction
// its present or a former code) that extends the city's policy or one of
// the unit's earlier versions; it may not be a whole policy, use the id of
// a policy of the city's or another unit's (the baseline's among them), or
// write locks. The policy it makes is compared with the policy of the
// city's it is built on, and must keep what that policy's locks keep.
//
// The notice leaves Annex 3 to each county-district and keeps Annex 4 and
// the removal of grade D for the city, so by default, when the city's
// policy says nothing, a county-district may change points, weights and
// formulas, add and disable indicators, move the grade cut-offs, add
// conditions and make a condition stricter (soft → hard), and change,
// disable and add classification rules and reorder the groups: the notice
// names the groups but leaves how a unit recognises its people to it. It
// may not make a
// hard condition of the city's soft, change or remove a condition or veto
// of the city's, change the veto grade, or keep in the database a grade the
// city removes: that grade stays, stays removed and, removed, stays the
// lowest ([Compile] checks that), though its cut-off may move.
// The city's policy loosens or tightens the defaults with locks ([Locks]):
//
//	locks:
//	  relax: [Q6]           # hard conditions a county may make soft
//	  indicators: [P1, S]   # indicators a county may not change or disable
//	  grades: removed       # open (default): any cut-off; removed: not the
//	                        # removed bands'; all: no band
//	  classification: [N1, N2, N3]  # classification rules a county may not
//	                        # change or disable, nor put a screen before
//
// Nothing of the classification is locked unless the city lists it: a
// locked rule stays as the city wrote it (its formula up to white space and
// parentheses), in its step, and in screens and fallbacks, where the first
// rule that holds decides, no county's rule may come before it; a change is
// refused with [LockClassification]. A city's overlay may give locks, which
// replace its base's whole.
//
// Each refusal is an [*formula.Error] at the entry of the county's file that does
// what is locked; it wraps [ErrLocked], and errors.As finds which [Lock]
// it broke, and its message names the lock first:
//
//	qingxiu.yaml:7:8: 政策 qingxiu-2019：锁定「市级资格条件只能从严，不能放宽、修改或删除」：资格条件 Q3（党外人士）是市级刚性条件（hard），不能改为 soft；只有市级政策在 locks.relax 中列出的条件才可放宽 (lock "the city's conditions may be made stricter, never relaxed, changed or removed": condition Q3 (党外人士) is a hard condition of the city's and cannot be made soft; only the conditions the city lists in locks.relax may be)
//
// # The lists
//
// The city's rules for its lists of representatives are the lists
// section, whose fields are those of tier.Rules and tier.List (see the
// baseline's, with the notice's words: "南宁市重点联系培养200名……各县区
// 分别联系50名……确保每个类别都掌握一定数量的代表人士"):
//
//	lists:
//	  one_list: true                             # required: one list per person
//	  grades: [A, B, C]                          # never D
//	  order: [priority, grade, score, post, key] # or Chinese labels; ends with key
//	  lists:
//	    - {quota: 200, priority_level: 市级, coverage_share: 0.1}  # no unit: the city's
//	    - {unit: "450102", quota: 50, priority_level: 县级, coverage_share: 0.1}
//	    - {unit: "4501A1", quota: 20, priority_level: 县级}        # a zone given a list
//
// A list's id is its unit's code (the city's for the city list) and its
// label the unit's name unless given; a unit's former codes come from the
// jurisdiction, never the file. [Compile] checks the section on its own
// (one_list, grades without D, an order that ends with key and names no
// key twice, one city list, no unit or id twice, quotas not negative,
// coverage_share from 0 to 1 and minimums, ⌈share × quota⌉ for each of the
// four groups, within the quota) and [NewSet] checks its units against the
// jurisdiction in the city's policies: a unit of the city (by its present
// code), never a department, and every county-district (市辖区, 县, 县级市)
// with a list; a development zone has one only where the section gives it
// one. A policy without the section has no lists ([Set.Lists] says so with
// [ErrNoLists]). [Policy.Lists] and [Set.Lists] return the rules.
//
// The lists are the city's: a county-district may change nothing of them,
// not even its own list's quota or order ([LockLists]), since the notice
// sets them for the city and every county-district alike and a person
// moves between the city's list and a county's by one selection. A
// county-district's policy holds the city's lists unchanged; the ones that
// count are those of the city's policy in force. A city's overlay that
// gives lists replaces its base's whole. What a county-district does
// decide is its people's scores: its list ranks them by its own policy,
// the city list by the city's (newstrata.Assessor.Round).
//
// # Formulas
//
// Formulas are expr-lang expressions over the fields of [roster.Facts]:
// Age, Group, Education, TitleLevel, FieldYears, Followers, Seats, Awards,
// Donations, JobsCreated and the rest, closed sets as their Chinese labels
// (Education == "研究生"). A declared input is read as In.<id>, with the
// type it is declared with; a formula that reads an input its policy does
// not declare is refused. Besides expr's builtins (len, count, any, all,
// filter, map, sum, the in operator, a ? b : c ...) a formula may call:
//
//	min(a, b), max(a, b)     the smaller, the larger
//	clamp(x, lo, hi)         x held within lo and hi
//	step(x, [[t, p], ...])   the points p of the highest threshold t that x reaches, else 0
//	points(s, {"优秀": 15})   the points of a label, 0 when it is not listed
//	abs(x), decimal(x)       the absolute value; x as a decimal
//	atLeast(label, floor)    label at or above floor on its scale: levels (县级 < 市级 < 省级 < 国家级),
//	                         ratings (较差 < 一般 < 良好 < 优秀), title levels, education;
//	                         count(Awards, atLeast(.Level, "市级")) counts awards by level
//	years(from, to)          whole years between two dates: years(WorkStart, AsOf)
//
// and whatever [WithFunctions] adds. Numbers are exact decimals, never
// floats: 0.1 + 0.2 is 0.3, and hours / 4 of an int is a decimal. What would
// compute in floats is refused with its reason: powers (** and ^), mean,
// median, float, round, ceil, floor, fromJSON, reduce, sum over anything
// but whole numbers, and arithmetic on values whose type cannot be known.
// The clock, the whole environment and method calls are refused too. A condition or veto
// must give a boolean and an indicator or bonus a number; both are checked
// when the policy is compiled, not when a record is scored.
//
// In YAML, a formula that holds ": " or "{" (a ? b : c, a points table)
// must be a block scalar or quoted, or YAML reads it as a mapping:
//
//	formula: >-
//	  points(PoliticalRating, {"优秀": 15, "良好": 12})
//	formula: "EmergencyRelief ? 3 : 0"
//
// # Errors
//
// Every problem of a file is reported at once, joined by [errors.Join]:
// each an [*formula.Error] with the file, line and column of the place to fix
// (inside a formula, the character at fault, in folded, literal and quoted
// scalars alike) and, for a formula, expr's snippet with a caret. The causes
// match with [errors.Is]: [ErrSyntax], [ErrInvalid], [ErrUnknownID],
// [ErrFormula], [ErrExtends], [ErrLocked], [ErrNoPolicy] and, for a record
// whose declared input is missing or wrong, [ErrInput] on an [*InputError].
//
// Each message reads Chinese first, for the clerk who edits the file, then
// the English in parentheses ([Error.MessageZH], then [Error.Message]):
//
//	errors/grade-overlap.yaml:31:6: 政策 mini：等次 C 与 B 在 15 到 16 分之间重叠 (grades C and B overlap from 15 to 16)
//
// The messages of other libraries are kept as they are, in the English
// part, after a short Chinese phrase: YAML 格式错误 for go-yaml's syntax
// messages, 规则 <id>：公式错误 for expr's formula messages, with the
// snippet and its caret last:
//
//	errors/formula-folded.yaml:30:15: 政策 mini：规则 C2：公式错误 (rule C2: unknown name Sexx)
//	 |   + Sexx * 2
//	 | ....^
//
// # Concurrency and zero values
//
// A [Policy] and a [Set] are immutable and safe for concurrent use; running
// a policy's rules parses nothing. A [Document], [Overlay] or [File] is a
// plain value: [Compile] and [Overlay.Apply] copy what they read, so
// changing one afterwards changes no policy. The zero [formula.Position] means a
// document built in Go; a zero [Document] is not a policy, and [Compile]
// says what it lacks. The zero [Locks] are the defaults; a [File] with no
// From is refused by [NewSet].
package policy
