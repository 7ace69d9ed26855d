// Command newstrata is the library's front door for people who do not
// write Go: county-district staff who edit their policy files and the
// city's staff who run the round.
//
// # Why a command beside the library
//
// The rules are data (package policy): a county clerk changes a weight or a
// grade cut-off in YAML. Checking that file, seeing what it changes, reading
// the whole policy it makes and running the cases kept beside it would
// otherwise take a Go program; so would assessing a roster a unit sends in
// as CSV or a workbook and writing the two forms the notice asks for. This
// command does each in one line, calling the library and nothing else:
//
//	newstrata check FILE... [-from UNIT]
//	newstrata diff BASE NEXT [-from UNIT]
//	newstrata effective FILE -from UNIT
//	newstrata cases DIR -from UNIT
//	newstrata assess ROSTER [-date 2019-04-15] [-policies DIR -from UNIT] [-format csv|json|xlsx] [-o FILE]
//	newstrata report ROSTER -out DIR [-date 2019-04-15] [-policies DIR -from UNIT]
//
// UNIT is the city's or a unit's code or name (450103 or 青秀区): who hands
// the files in, which bounds what they may change (the city's locks). check
// and diff default to the city; effective and cases need it said, so that
// a county's file is never checked with the city's rights by mistake. Every
// policy set holds the embedded baseline (policy.WithBaseline) to extend.
//
// Help and messages are in Chinese first, then English. Results go to
// standard output, problems to standard error.
//
// # Exit codes
//
//	0  all is well
//	1  the input has problems: a policy with errors, failing cases, rejected records
//	2  usage error
//	3  a file could not be read or written
//
// assess writes CSV and xlsx as a table, one row per line of the roster
// (行号, 登记编号, 所属单位, 群体, 状态, 综合得分, 等次, 问题). Its JSON is the
// library's JSON model, one shape for programs that read results:
// {"batch": a newstrata.Batch, "lines": the line each record starts on,
// by the record's index, "unreadable": the rows that could not be read,
// as newstrata.ErrorJSON values with their line and column}; a rejected
// record's error carries its line too.
//
// effective prints a whole policy that policy.Parse reads back as a
// document: extends, which would make it an overlay, is a comment, and
// every value is kept (a bound of 0 included). Its header gives the
// policy's fingerprint and that of the file loaded alone, which differ only
// by extends.
package main
