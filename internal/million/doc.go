// Command million measures the batch front door at scale: it generates a
// roster of synthetic records (one million unless told otherwise) with
// internal/synth, assesses them through [newstrata.Assessor.Stream] under
// the embedded baseline policy, and prints how many records it assessed,
// how long it took, records per second, the processor time it used (which,
// unlike the elapsed time, does not depend on what else the machine runs),
// the peak resident memory (VmHWM on Linux, the memory the Go runtime took
// from the system elsewhere), the bytes allocated in all and the counts by
// status and grade. The records are never held together, so the peak
// memory is that of the stream and of the few chunks generated ahead, not
// of the roster.
//
// The records are generated in chunks (-chunk records each, 1024 unless
// told) by one goroutine a processor ahead of the stream, with
// [synth.Chunks]: they compete with the stream's workers for the
// processors, and their cost is this program's, not the stream's. So the
// report tells it apart twice: the elapsed time names how much of it the
// goroutine that ranges over the stream spent waiting for the records (in
// the generator's iterator: for a chunk not yet ready, and keeping citizen
// IDs unique), and a line of its own gives the processor time spent
// generating the chunks, measured on the generating threads (on Linux; not
// elsewhere), which the processor time of the run includes and which is
// also given taken out.
//
//	go run ./internal/million                    # 1,000,000 records
//	go run ./internal/million -n 100000 -workers 2
//	go run ./internal/million -chunk 1024
//	go run ./internal/million -cpuprofile cpu.prof -memprofile mem.prof
//
// The seed is fixed (-seed), so two runs assess the same records and print
// the same counts; only the times and memory differ. The records depend on
// the chunk size too, and on nothing else: not on the number of processors
// or workers. It is a measuring tool for this module's developers, not part
// of the library.
package main
