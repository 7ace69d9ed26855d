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
// [Records] yields the same records one at a time, from the same single
// generator, for rosters too large to hold. [Chunks] (and [Parallel], its
// short form) yields a roster of another kind, just as deterministic,
// generated in fixed-size chunks by goroutines ahead of the loop: each
// chunk from a generator of its own, seeded from the seed and the chunk's
// index, so that the records depend on the chunk size but never on the
// number of processors or on timing. It is for runs where generating on
// one goroutine would be the bottleneck (internal/million).
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
