package synth

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"runtime"
	"sync"

	"github.com/newstrata/newstrata/internal/wordmap"
	"github.com/newstrata/newstrata/roster"
)

// DefaultChunk is the number of records a chunk of [Chunks] holds when it
// is not told: few enough (some 850 KB with their strings and slices)
// that a chunk is still in the processor's caches when the loop takes its
// records, which a loop that assesses them does 3-5 % faster than with
// chunks of 4,096.
const DefaultChunk = 1024

// Parallel yields n synthetic records assessed on asOf, generated in
// chunks of chunk records (0 means [DefaultChunk]) by goroutines ahead of
// the loop: [Chunks] with the other fields left at their defaults.
func Parallel(n int, seed int64, asOf roster.Date, chunk int) iter.Seq[*roster.Record] {
	return Chunks{N: n, Seed: seed, AsOf: asOf, Chunk: chunk}.All()
}

// Chunks generates a roster of N records, assessed on AsOf, in chunks of
// Chunk records, each from a generator of its own seeded from Seed and the
// chunk's index, so that a few goroutines can generate the chunks ahead of
// the loop that ranges over them. The records are of the kind [Records]
// yields but not the same ones: they depend on the chunk size too. They
// depend on nothing else, neither on Workers, Ahead, GOMAXPROCS nor on
// timing: the chunks are yielded in order, and what must be unique across
// the roster is settled in that order.
//
//   - Registration numbers carry the record's index in the roster
//     (NN-450102-01234 is the 1,234th record, of 青秀区), not a count by
//     unit as Records' do, so they are unique by construction.
//   - Names and phone numbers are those of the record's index, as in
//     Records: unique too.
//   - A citizen ID that an earlier chunk gave already is changed, when its
//     chunk is yielded, to the next free sequence number of the same area,
//     birth date and sex (with its check character): it stays valid and
//     agrees with the record. Some 0.6 % of a million records are. For
//     that the loop keeps every ID it has yielded, as Records does (a
//     table of 16-byte slots at most half full: 32-64 bytes an ID).
//
// The records of a chunk are allocated together: a record kept after the
// loop keeps its chunk's memory too.
type Chunks struct {
	N    int
	Seed int64
	AsOf roster.Date // as for Generate: the zero Date means SampleAsOf
	// Chunk is the number of records a chunk holds (the last may hold
	// fewer); 0 or less means DefaultChunk.
	Chunk int
	// Workers is the number of goroutines generating chunks; 0 or less
	// means GOMAXPROCS. There are never more than chunks.
	Workers int
	// Ahead bounds the chunks generated or being generated and not yet
	// yielded through, the memory the generation holds; 0 or less means
	// twice Workers. It is at least Workers.
	Ahead int
	// Wrap, when not nil, is called for each chunk on the goroutine that
	// generates it, and must call generate once, on that goroutine: to
	// measure what the generation costs (internal/million counts the
	// processor time of it).
	Wrap func(generate func())
}

// chunk is a generated chunk: its records and their citizen IDs, packed.
type chunk struct {
	recs []roster.Record
	ids  []uint64
}

// All yields the records in order, each once. The goroutines start when
// the range does and are gone when it ends, by running out or by leaving
// the loop (at most the chunk each is generating is finished first). Each
// range starts again from the first record.
func (c Chunks) All() iter.Seq[*roster.Record] {
	return func(yield func(*roster.Record) bool) {
		if c.N <= 0 {
			return
		}
		size := c.Chunk
		if size <= 0 {
			size = DefaultChunk
		}
		chunks := (c.N-1)/size + 1
		workers := c.Workers
		if workers <= 0 {
			workers = runtime.GOMAXPROCS(0)
		}
		workers = min(workers, chunks)
		ahead := c.Ahead
		if ahead <= 0 {
			ahead = 2 * workers
		}
		ahead = min(max(ahead, workers), chunks)

		var (
			// tokens holds one for each chunk taken by a worker and not yet
			// yielded through, so at most ahead: chunk k is taken only once
			// chunk k-ahead has been yielded, and slots[k%ahead] is free.
			tokens = make(chan struct{}, ahead)
			slots  = make([]chan chunk, ahead)
			stop   = make(chan struct{})
			mu     sync.Mutex
			next   int // the next chunk to take
			wg     sync.WaitGroup
		)
		for i := range slots {
			slots[i] = make(chan chunk, 1)
		}
		stopped := func() bool {
			select {
			case <-stop:
				return true
			default:
				return false
			}
		}
		for range workers {
			wg.Go(func() {
				g := newGen(size, c.Seed, c.AsOf) // its phone offset is the roster's, as all else but the draws
				g.byIndex = true
				pcg := rand.NewPCG(0, 0)
				g.r = rand.New(pcg)
				for !stopped() {
					select {
					case tokens <- struct{}{}:
					case <-stop:
						return
					}
					mu.Lock()
					k := next
					next++
					mu.Unlock()
					if k >= chunks {
						return
					}
					var out chunk
					generate := func() { out = g.chunk(pcg, c.Seed, k, size, c.N, stop) }
					if c.Wrap != nil {
						c.Wrap(generate)
					} else {
						generate()
					}
					if out.recs == nil { // stopped
						return
					}
					slots[k%ahead] <- out // never blocks: chunk k-ahead has been taken out
				}
			})
		}
		defer func() {
			close(stop)
			wg.Wait()
		}()

		var seen wordmap.Map // the citizen IDs yielded, packed
		for k := range chunks {
			out := <-slots[k%ahead]
			// The chunk's IDs are made unique in one loop before any is
			// yielded, not one between two records: in a tight loop the
			// processor looks up many of them in the table at once.
			for j, id := range out.ids {
				if _, dup := seen.Add(id, 0); dup {
					seen.Add(reissue(&out.recs[j], &seen), 0)
				}
			}
			for j := range out.recs {
				if !yield(&out.recs[j]) {
					return
				}
			}
			<-tokens
		}
	}
}

// chunk generates chunk k of a roster of n records in chunks of size,
// reseeding pcg, which g draws from. It returns the zero chunk if stop is
// closed before it is done.
func (g *gen) chunk(pcg *rand.PCG, seed int64, k, size, n int, stop <-chan struct{}) chunk {
	pcg.Seed(chunkSeeds(seed, k))
	g.ids.Clear()
	first := k * size
	out := chunk{recs: make([]roster.Record, min(size, n-first))}
	out.ids = make([]uint64, len(out.recs))
	for j := range out.recs {
		if j%256 == 255 {
			select {
			case <-stop:
				return chunk{}
			default:
			}
		}
		g.record(&out.recs[j], first+j)
		out.ids[j] = g.lastID
	}
	return out
}

// chunkSeeds are the seeds of chunk k's generator.
func chunkSeeds(seed int64, k int) (uint64, uint64) {
	a := splitmix(uint64(seed) ^ splitmix(uint64(k)^0x6368756e6b73)) // "chunks"
	return a, splitmix(a ^ 0x6e616e6e696e67)
}

// splitmix is the finaliser of SplitMix64: a bijection that scatters
// nearby numbers.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// reissue gives r the citizen ID with the next sequence number of the same
// parity (the same sex) after its own, wrapping round, that seen does not
// hold, and returns it packed. The area and the birth date stay.
func reissue(r *roster.Record, seen *wordmap.Map) uint64 {
	b := []byte(r.CitizenID)
	seq := int(b[14]-'0')*100 + int(b[15]-'0')*10 + int(b[16]-'0')
	for range 499 {
		seq = (seq + 2) % 1000
		b[14], b[15], b[16] = byte('0'+seq/100), byte('0'+seq/10%10), byte('0'+seq%10)
		c, _ := roster.CheckCharacter(string(b[:17]))
		b[17] = c
		if id := packID(b); !has(seen, id) {
			r.CitizenID = string(b)
			return id
		}
	}
	panic(fmt.Sprintf("synth: every citizen ID of %s and its sex is taken", r.CitizenID[:14]))
}

func has(m *wordmap.Map, id uint64) bool {
	_, ok := m.Get(id)
	return ok
}
