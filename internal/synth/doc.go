// Package synth generates synthetic rosters: records that look like a
// Nanning county-district's registration forms but name nobody. Tests,
// examples and benchmarks of every stage use it, and it writes the sample
// roster checked in as testdata/roster.csv (see [Sample] and the gensample
// command).
//
// [Generate] is deterministic: the same size, seed and assessment date give
// the same records on every platform and Go release, since it draws from a
// PCG source of math/rand/v2 of its own and keeps no state between calls.
// It is safe for concurrent use.
//
// What it produces, roughly: the four groups in the national proportions
// (G1 45 %, G2 20 %, G3 20 %, G4 15 %) with overlaps (technicians of private
// new-media firms, freelance writers on web platforms), the six freelance
// sub-kinds, about 3 % staff of government bodies, public institutions and
// state-owned enterprises (not new strata), about 15 % CPC members, ages 20
// to 70, a few percent holding NPC or CPPCC seats, about 1 % with an
// integrity problem. Citizen IDs are valid GB 11643 numbers with Nanning
// area codes and agree with the birth date and sex; names are a surname, 测试
// and the record's number (李测试0417), employers and associations carry 测试
// too, so no record can be mistaken for a real person or body.
//
// The package is internal: its mix is tuned for this module's tests and may
// change with them (the checked-in sample is rewritten when it does).
package synth
