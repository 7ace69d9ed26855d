// Package nearest finds the known name a mistyped one was meant to be: a
// misspelt field of a rule file (pionts for points) or column title of a
// roster (身分证号 for 身份证号). It stands apart because both roster and the
// rule-file decoder need it, and roster sits below the decoder.
package nearest

import "unicode/utf8"

// Index returns the index of the name in names closest to s by edit
// distance, when it is near enough to be a slip of the keyboard — within a
// third of s's length, at least one edit and at most three — else -1. Of
// names equally near, the first wins.
func Index(s string, names []string) int {
	best, bestD := -1, 4
	limit := max(1, min(3, utf8.RuneCountInString(s)/3))
	for i, n := range names {
		if d := Distance(s, n); d <= limit && d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b, in characters.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
