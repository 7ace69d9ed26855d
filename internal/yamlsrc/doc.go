// Package yamlsrc reads YAML with its places: where a node stands in its
// file, the text of a scalar as YAML decodes it, and where each character of
// that text was written.
//
// The rules files of classify, the policy files of policy and the cases
// files of policytest all report their mistakes at a file:line:column, and a
// formula error found by the compiler inside a decoded text must point back
// into the file even when YAML folded lines, dropped indentation or
// replaced escapes. This package is the one place that knows how, shared by
// the three; users never call it.
//
// A [Place] is a 1-based line and a 1-based column counted in characters
// (runes), as an editor shows them; its zero value means no place is known.
// [NodePlace] and [TokenPlace] say where a node or a token starts,
// [ScalarText] and [Fields] read a scalar and a mapping, [Indirect] spots
// what the files refuse (anchors, aliases, tags), and [OriginOf] records
// where a scalar's text starts so that [Origin.Map] can place each of its
// characters once the file's [Lines] are at hand. [Parse] wraps the go-yaml
// parser so that a panic on a malformed file becomes an error.
//
// [Read] reads a whole rules file within [Limits], refusing what the files
// refuse, and [Doc.Decode] fills Go structs from it by their yaml tags,
// with the place of each value, reporting every problem at once as
// *formula.Error values. A mapping whose keys are data (the column titles
// of a cases file's records, the ids of its points) decodes into [Entries],
// which keep the place of each key and value; a value written as one text
// or a list of them into [Texts].
//
// Everything here is a pure function of its arguments or an immutable value,
// safe for concurrent use.
package yamlsrc
