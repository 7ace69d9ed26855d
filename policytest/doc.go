// Package policytest pins a jurisdiction's policy with test cases its staff
// write in YAML, kept next to the policy: example records, and cases that
// say what the policy must make of them — qualified or not, which
// conditions fail, the points of an indicator, the total, the grade, the
// group. Running the cases after every change of the policy shows at once
// what the change did, line by line.
//
// # Why a package of its own
//
// A case is an assessment from end to end: the record is classified, its
// conditions checked and its indicators scored, and a case can pin any of
// these. So the package sits above the stages (classify, qualify,
// evaluate) and above policy, and uses the root package's
// [newstrata.Assessor] to run them, as net/http/httptest sits above
// net/http. Nothing in the stages depends on it; only tests and tools of a
// jurisdiction do.
//
// # The cases file
//
// A policy file qingxiu-2019.yaml keeps its cases in qingxiu-2019_cases.yaml
// beside it ([policy.LoadFS] skips files so named). Records are written as
// the roster CSV writes them: fields keyed by the column titles of the
// registration form (出生年月, 从业年限, 职称级别 ...), cells as a roster
// cell is written (1985-03, 6, 中级), a county-district's own inputs by
// their id. Each cell is read by the form field its title names
// ([roster.FieldByTitle], [roster.Field.Set]), as [roster.Reader] reads a
// roster's, so a case reads exactly as a roster would.
//
//	policy: qingxiu-2019        # the policy the cases pin (default: the file name less _cases.yaml)
//	date: 2019-04-15            # the assessment date (default: the policy's valid_from)
//	examples:                   # named records that cases start from
//	  样例甲:
//	    单位性质: 民营企业
//	    岗位类别: 经营管理
//	    出生年月: 1985-03
//	    从业年限: 6
//	    职称级别: 中级
//	    rural: 1.5              # an input the policy declares
//	cases:
//	  - name: 从业年限按每年0.5分计
//	    example: 样例甲           # or record: {...} for a record of its own
//	    set: {从业年限: 9}        # cells changed from the example
//	    date: 2020-01-01        # optional, else the file's date
//	    waivers: {Q4: 特别优秀}   # soft conditions waived, with the reason; the policy's unit grants them on the case's date
//	    qualified: true
//	    failed: []              # the conditions that fail, all of them
//	    vetoes: []              # the vetoes that hold, all of them
//	    points: {A2: 4.5, C: 10, B1: 0}  # second-level, first-level or bonus ids
//	    total: 83.5
//	    grade: B
//	    group: G1               # G1–G4, 非新的社会阶层 or 无法判定
//
// A case checks only what it states, and states at least one
// expectation: a case that checks nothing could never fail, and is
// refused. points names at least one id; failed and vetoes are lists, []
// saying that none fail or hold (a lone id is a list of one), and a blank
// is refused rather than read as []; so is any other field left blank. A
// case may instead expect an error (a waiver of a hard condition,
// a missing input): error: holds a phrase of the message, from its Chinese
// or its English part, of 2 characters or more, since a letter alone is in
// almost any message. An error goes alone: a case that expects one is not
// assessed, so an expectation beside it could not be checked, and is
// refused. A condition is waived once.
// 登记编号 and 姓名 default to the case's name, 所属单位 to the policy's
// jurisdiction. A column that is neither on the form nor an input the
// policy declares is reported, so that a misspelt title is not silently
// taken for an input. Records are not validated against the form: a case
// fills in only what the rules under test read.
//
// # Running
//
// [Parse] reads a cases file and [LoadFS] every cases file of a folder,
// with the decoder that reads the policy files (internal/yamlsrc): the
// same size and nesting limits, anchors, aliases and tags refused, an
// unknown field answered with the nearest known one. Every mistake of a
// file is reported at once, each a [*formula.Error] at its line and
// column, the one error type for places in the rules and the files beside
// them, wrapping [ErrSyntax], [ErrUnknownExample], [ErrDuplicate] or, for
// a cell the roster reader refuses, its [*roster.ParseError]. A mistake
// beyond the form of a field (a bad cell, an unknown example, a case that
// cannot fail) names its case or example: 用例「从业九年」：…. [Suite.Run]
// runs the cases against a compiled policy and returns a [Report] that
// lists every [Mismatch] with the place of the expectation, the expected
// and the actual value; a waiver the policy refuses is reported at the
// waiver. Cases pin one policy: run against another, none is run and the
// report holds one Mismatch at the policy field (or at the file, when its
// name gives the policy). [Check] does the same inside go test, one
// t.Errorf per mismatch, and [CheckFS] loads a policy folder with its
// cases and checks them all, as the unit that hands the folder in (here
// 青秀区, so that the city's locks hold as they will on upload):
//
//	func TestPolicy(t *testing.T) {
//		policytest.CheckFS(t, roster.Nanning(), "450103", os.DirFS("policy"), ".", policy.WithBaseline())
//	}
//
// A Suite is immutable once parsed and safe for concurrent use.
package policytest
