package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/roster"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "million:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, args []string) error {
	fs := flag.NewFlagSet("million", flag.ContinueOnError)
	n := fs.Int("n", 1_000_000, "records to generate and assess")
	seed := fs.Int64("seed", 1, "seed of the generator")
	workers := fs.Int("workers", 0, "records assessed at once (0: one per processor)")
	chunk := fs.Int("chunk", synth.DefaultChunk, "records generated together, by one goroutine (the records depend on it)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to this file")
	memProfile := fs.String("memprofile", "", "write an allocation profile to this file at the end")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}

	a, err := newstrata.New(newstrata.Config{Workers: *workers}) // Nanning, the embedded baseline
	if err != nil {
		return err
	}
	asOf := synth.SampleAsOf()
	// The records are generated in chunks by goroutines ahead of the
	// stream (synth.Chunks), which compete with the stream's workers for
	// the processors. Two costs are told apart, since they are this
	// program's, not the stream's: the processor time the generating
	// goroutines spent (each chunk measured on its own thread), and the
	// time the goroutine that ranges over the stream spent in the
	// generator's iterator, waiting for a chunk and keeping citizen IDs
	// unique.
	var (
		genCPU     atomic.Int64
		_, measure = threadCPU()
		waiting    time.Duration
	)
	gen := synth.Chunks{N: *n, Seed: *seed, AsOf: asOf, Chunk: *chunk, Workers: runtime.GOMAXPROCS(0)}
	if measure {
		gen.Wrap = func(generate func()) {
			runtime.LockOSThread() // the thread's time is the goroutine's
			defer runtime.UnlockOSThread()
			t0, ok0 := threadCPU()
			generate()
			if t1, ok1 := threadCPU(); ok0 && ok1 {
				genCPU.Add(int64(t1 - t0))
			}
		}
	}
	records := func(yield func(*roster.Record) bool) {
		t := time.Now()
		for r := range gen.All() {
			waiting += time.Since(t)
			if !yield(r) {
				return
			}
			t = time.Now()
		}
	}
	s, err := a.Stream(ctx, records, asOf, nil)
	if err != nil {
		return err
	}
	var (
		statuses = map[newstrata.Status]int{}
		grades   = map[evaluate.Grade]int{}
		rejected int
		before   runtime.MemStats
		after    runtime.MemStats
	)
	runtime.ReadMemStats(&before)
	cpuBefore, _ := cpuTime()
	start := time.Now()
	for as, rej := range s.All() {
		if rej != nil {
			rejected++
			continue
		}
		statuses[as.Status]++
		grades[as.Evaluation.Grade]++
	}
	elapsed := time.Since(start)
	cpuAfter, cpuKnown := cpuTime()
	runtime.ReadMemStats(&after)
	if err := s.Err(); err != nil {
		return err
	}
	if *memProfile != "" {
		f, err := os.Create(*memProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			return err
		}
	}

	sum := s.Summary()
	peak, source := peakRSS(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	mallocs := after.Mallocs - before.Mallocs
	per := func(x uint64) uint64 { return x / uint64(max(sum.Records, 1)) }
	used := *workers
	if used <= 0 {
		used = runtime.GOMAXPROCS(0)
	}
	fmt.Fprintf(w, "records     %d (%d workers, GOMAXPROCS %d)\n", sum.Records, used, runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "elapsed     %s, of which %s waiting for the records\n", elapsed.Round(time.Millisecond), waiting.Round(time.Millisecond))
	size := *chunk
	if size <= 0 {
		size = synth.DefaultChunk
	}
	goroutines := min(gen.Workers, max(1, (*n+size-1)/size))
	generating := "not measured here"
	if measure {
		generating = time.Duration(genCPU.Load()).Round(time.Millisecond).String() + " CPU"
	}
	fmt.Fprintf(w, "generating  %s, in %d-record chunks on %d goroutines ahead of the stream\n", generating, size, goroutines)
	fmt.Fprintf(w, "records/s   %.0f\n", float64(sum.Records)/elapsed.Seconds())
	if cpuKnown {
		// On a machine shared with other work the elapsed time says little;
		// the processor time this run used does not depend on the others.
		cpu := cpuAfter - cpuBefore
		perRecord := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(max(sum.Records, 1)) }
		fmt.Fprintf(w, "CPU         %s, %.1f µs a record", cpu.Round(time.Millisecond), perRecord(cpu))
		if measure {
			fmt.Fprintf(w, " (%.1f µs without generating)", perRecord(cpu-time.Duration(genCPU.Load())))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "peak RSS    %s (%s)\n", mib(peak), source)
	fmt.Fprintf(w, "allocated   %s in all, %d B and %d allocations a record\n", mib(allocated), per(allocated), per(mallocs))
	fmt.Fprintf(w, "GC          %d cycles, %s paused\n", after.NumGC-before.NumGC, time.Duration(after.PauseTotalNs-before.PauseTotalNs).Round(time.Microsecond))
	fmt.Fprintf(w, "status      candidate %d, removed %d, unqualified %d, rejected %d\n",
		statuses[newstrata.Candidate], statuses[newstrata.Removed], statuses[newstrata.Unqualified], rejected)
	fmt.Fprintf(w, "grade       A %d, B %d, C %d, D %d\n",
		grades[evaluate.GradeA], grades[evaluate.GradeB], grades[evaluate.GradeC], grades[evaluate.GradeD])
	return nil
}

// peakRSS is the peak resident set size of the process: VmHWM from
// /proc/self/status where there is one, else the memory the Go runtime
// has taken from the system, which bounds it from below.
func peakRSS(m *runtime.MemStats) (uint64, string) {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if rest, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmHWM:")); ok {
				kb, err := strconv.ParseUint(string(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte(" kB"))), 10, 64)
				if err == nil {
					return kb << 10, "VmHWM"
				}
			}
		}
	}
	return m.Sys, "runtime.MemStats.Sys"
}

func mib(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
