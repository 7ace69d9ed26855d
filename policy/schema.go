package policy

import (
	"bytes"
	_ "embed"
)

//go:embed data/policy.schema.json
var schemaJSON []byte

// SchemaFile is the name the JSON Schema of a policy file ships under, next
// to the baseline (data/policy.schema.json), whose first line points an
// editor at it the way yaml-language-server reads:
//
//	# yaml-language-server: $schema=./policy.schema.json
const SchemaFile = "policy.schema.json"

// Schema returns the JSON Schema (draft-07) of a policy file, generated
// from [Document] and [Overlay] by their yaml tags: a file with a non-empty
// extends is an overlay, any other a full policy. An editor that reads it
// completes the field names, shows their Chinese descriptions and flags a
// misspelt field, a value of the wrong type or a grade, group or level
// that is no such thing, before [Parse] sees the file. The schema checks
// the form only, as [Parse] does; the invariants are [Compile]'s. The
// caller owns the returned slice.
func Schema() []byte { return bytes.Clone(schemaJSON) }
