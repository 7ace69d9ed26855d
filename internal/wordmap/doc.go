// Package wordmap is a hash map from 64-bit words to ints, kept in one
// flat table: the packed citizen IDs and the hashes of registration
// numbers a stream of records must remember to find repeats, of which
// there may be millions.
//
// At that size every lookup in a Go map misses the processor's caches
// twice or more (its directory, the table, the group's control word, the
// slot); here a lookup reads one slot and the few after it, which share a
// cache line, and adding a key writes where the lookup ended. Adding a
// million packed IDs takes about half the time of a map[uint64]int. The
// table holds no pointers, so the garbage collector never scans it.
//
// It stands apart because roster (repeated citizen IDs), strtab (repeated
// registration numbers, through their hashes) and the synthetic roster
// generator (unique citizen IDs) all need it.
//
// The zero Map is empty and ready to use. It is for one goroutine.
package wordmap
