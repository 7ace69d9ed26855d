// Command million measures the batch front door at scale: it generates a
// roster of synthetic records (one million unless told otherwise) one at a
// time with internal/synth, assesses them through [newstrata.Assessor.Stream]
// under the embedded baseline policy, and prints how many records it
// assessed, how long it took (and how much of that went to generating the
// records, which run on the goroutine that ranges over the stream and are
// this program's cost, not the stream's), records per second, the
// processor time it
// used (which, unlike the elapsed time, does not depend on what else the
// machine runs), the peak resident memory
// (VmHWM on Linux, the memory the Go runtime took from the system
// elsewhere), the bytes allocated in all and the counts by status and
// grade. The records are never held together, so the peak memory is that
// of the stream, not of the roster.
//
//	go run ./internal/million                    # 1,000,000 records
//	go run ./internal/million -n 100000 -workers 2
//	go run ./internal/million -cpuprofile cpu.prof -memprofile mem.prof
//
// The seed is fixed (-seed), so two runs assess the same records and print
// the same counts; only the times and memory differ. It is a measuring
// tool for this module's developers, not part of the library.
package main
