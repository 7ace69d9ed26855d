package roster

import "unicode/utf8"

// nearest returns the index of the name closest to s by edit distance,
// within a third of its length (at least one, at most three edits), or -1.
// It tells a clerk which title a misspelt column may have meant: 身分证号
// for 身份证号.
func nearest(s string, names []string) int {
	best, bestD := -1, 4
	limit := max(1, min(3, utf8.RuneCountInString(s)/3))
	for i, n := range names {
		if d := editDistance(s, n); d <= limit && d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in characters.
func editDistance(a, b string) int {
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
