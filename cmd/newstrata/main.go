package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/internal/nearest"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
)

// The exit codes, as doc.go documents them.
const (
	exitOK       = 0 // all is well
	exitProblems = 1 // the input has problems: a policy with errors, failing cases, rejected records
	exitUsage    = 2 // the command line is wrong
	exitFile     = 3 // a file could not be read or written
)

// defaultDate is the reporting date of the notice, the assessment date when
// -date is not given.
const defaultDate = "2019-04-15"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand: its name, a line of help and what runs it.
type command struct {
	name, synopsis, help string
	run                  func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"check", "check FILE... [-from UNIT]", "检查政策文件，一次列出全部问题（行、列、可能想写的字段）；无误时列出各政策的版本校验码\n\tcheck policy files, every problem at once with its line, column and did-you-mean; prints each policy's fingerprint when all is well", runCheck},
		{"diff", "diff BASE NEXT [-from UNIT]", "用文字列出 NEXT 相对 BASE 的改动；BASE、NEXT 为政策编号或政策文件\n\tlist in words what NEXT changes of BASE; each a policy id or a policy file", runDiff},
		{"effective", "effective FILE -from UNIT", "输出叠加后的完整政策（YAML），可原样载入，版本校验码不变\n\tprint the policy after its overlays as YAML that loads back to the same fingerprint", runEffective},
		{"cases", "cases DIR -from UNIT", "运行文件夹中的测试用例（*_cases.yaml），逐条列出不符之处\n\trun the test cases of a policy folder and print each mismatch", runCases},
		{"assess", "assess ROSTER [-date 2019-04-15] [-policies DIR -from UNIT] [-format csv|json|xlsx] [-o FILE]", "评价名册（CSV 任意编码，或 .xlsx），输出每条记录的结果和退回的记录\n\tassess a roster (CSV in any encoding, or .xlsx): each record's result and the rejected records", runAssess},
		{"report", "report ROSTER -out DIR [-date 2019-04-15] [-policies DIR -from UNIT]", "运行一轮评价，把附件1汇总表和附件2登记表以各种格式写入 DIR\n\trun a round and write Annex 1 and Annex 2 in every format into DIR", runReport},
	}
}

// run runs the command line args (without the program's name), writing
// results to stdout and messages to stderr, and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := find(args[1]); ok {
				commandHelp(stdout, c)
				return exitOK
			}
		}
		usage(stdout)
		return exitOK
	}
	c, ok := find(name)
	if !ok {
		var names []string
		for _, c := range commands() {
			names = append(names, c.name)
		}
		msg := fmt.Sprintf("newstrata：没有子命令 %q (no subcommand %q)", name, name)
		if i := nearest.Index(name, names); i >= 0 {
			msg += fmt.Sprintf("；是不是 %s？(did you mean %s?)", names[i], names[i])
		}
		fmt.Fprintln(stderr, msg)
		fmt.Fprintln(stderr, "运行 newstrata help 查看用法 (run newstrata help for usage)")
		return exitUsage
	}
	return c.run(args[1:], stdout, stderr)
}

func find(name string) (command, bool) {
	cs := commands()
	i := slices.IndexFunc(cs, func(c command) bool { return c.name == name })
	if i < 0 {
		return command{}, false
	}
	return cs[i], true
}

func usage(w io.Writer) {
	fmt.Fprint(w, `newstrata：按南宁市的规则认定新的社会阶层代表人士。县区工作人员用它检查、比较和测试政策文件，
市里用它评价名册、生成报表，无需编写 Go 代码。
newstrata certifies representatives of the new social strata by the city's rules:
check, compare and test policy files, assess rosters and write the forms, without writing Go.

用法 (usage):
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  newstrata %s\n\t%s\n", c.synopsis, c.help)
	}
	fmt.Fprint(w, `
UNIT 为单位代码或名称（默认 450100 南宁市）；日期格式 2019-04-15。
UNIT is a unit's code or name (default 450100, the city); dates are written 2019-04-15.

退出码 (exit codes):
  0  无误 (ok)
  1  输入有问题：政策有错、用例不符、记录被退回 (the input has problems: a policy with errors, failing cases, rejected records)
  2  用法错误 (usage error)
  3  无法读取或写入文件 (a file could not be read or written)
`)
}

func commandHelp(w io.Writer, c command) {
	fmt.Fprintf(w, "用法 (usage): newstrata %s\n\t%s\n", c.synopsis, c.help)
}

// flags makes the flag set of a subcommand, whose errors go to stderr.
func flags(c string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(c, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		if cmd, ok := find(c); ok {
			commandHelp(stderr, cmd)
		}
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args with fs, flags before, between and after the
// positional arguments (check a.yaml b.yaml -from 450103), and returns the
// positional ones. It returns exitOK and false for -h, exitUsage and false
// for a bad flag or a count of arguments outside [lo, hi] (hi < 0: no
// limit).
func parse(fs *flag.FlagSet, args []string, lo, hi int) ([]string, int, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, exitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) < lo || (hi >= 0 && len(pos) > hi) {
		fmt.Fprintf(fs.Output(), "newstrata %s：参数个数不对 (wrong number of arguments)\n", fs.Name())
		fs.Usage()
		return nil, exitUsage, false
	}
	return pos, exitOK, true
}

// usageError reports a mistake of the command line and returns exitUsage.
func usageError(stderr io.Writer, cmd, zh, en string) int {
	fmt.Fprintf(stderr, "newstrata %s：%s (%s)\n", cmd, zh, en)
	return exitUsage
}

// fail reports err and returns code. A joined error (every problem of a
// policy) is printed one problem a line, as its Error method writes it.
func fail(stderr io.Writer, cmd string, code int, err error) int {
	fmt.Fprintf(stderr, "newstrata %s: %v\n", cmd, err)
	return code
}

// unitOf reads -from: the city's or a unit's code or name, as a code. ok
// is false when s names neither.
func unitOf(j *roster.Jurisdiction, s string) (string, bool) {
	if s == j.Code || s == j.Name {
		return j.Code, true
	}
	if u, ok := j.Unit(s); ok {
		return u.Code, true
	}
	if u, ok := j.Find(s); ok {
		if _, unit := j.Unit(u.Code); unit {
			return u.Code, true
		}
	}
	return "", false
}

// fromFlag adds -from to fs, defaulting to the city when def.
func fromFlag(fs *flag.FlagSet, j *roster.Jurisdiction, def bool) *string {
	d := ""
	if def {
		d = j.Code
	}
	return fs.String("from", d, "交文件的单位，代码或名称 (the unit that hands the files in, by code or name)")
}

// from checks the value of -from and returns its code; "" and a code to
// exit with when it is missing or unknown.
func from(stderr io.Writer, cmd string, j *roster.Jurisdiction, s string) (string, int) {
	if s == "" {
		return "", usageError(stderr, cmd, "需要 -from 指明交文件的单位", "-from is needed: the unit that hands the files in")
	}
	code, ok := unitOf(j, s)
	if !ok {
		return "", usageError(stderr, cmd, fmt.Sprintf("%s 不是 %s 或其所辖单位", s, j.Name), fmt.Sprintf("%s is neither %s nor one of its units", s, j.Code))
	}
	return code, exitOK
}

// readPolicyFile reads and parses one policy file handed in by from. A
// file that cannot be read gives exitFile; one that does not parse,
// exitProblems.
func readPolicyFile(from, path string) (*policy.File, int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, exitFile, err
	}
	f, err := policy.Parse(from, path, data)
	if err != nil {
		return nil, exitProblems, err
	}
	return f, exitOK, nil
}

// isFile reports whether a diff argument names a file rather than a
// policy id: a policy id holds no path separator and no .yaml ending.
func isFile(arg string) bool {
	return strings.ContainsAny(arg, `/\`) || strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml")
}
