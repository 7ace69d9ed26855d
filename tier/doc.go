// Package tier places qualified, graded new social strata people on the
// city's list (市级, about 200, 重点联系培养) and on each county-district's
// list (县区级, 50 each), as the Nanning notice of 2 April 2019 asks:
// priority to holders of NPC or CPPCC seats and leading posts in
// united-front and social organisations, then grade and score, every one
// of the four groups represented, grade D never listed. It is the stage
// after evaluate and before report.
//
// The rules are data: a [Rules] value lists the lists ([List]: quota,
// priority level, group minimums), whether a person sits on one list only
// (OneList), the grades that may be listed and the tie-break chain
// ([SortKey]). They are the lists section of the city's policy document
// (policy.Policy.Lists, whose YAML fields are the tags of Rules and List);
// this package does not read files and does not import the policy.
// [Rules.Check] says what Select would refuse. [Select] takes the rules and the candidates ([Candidate]) and
// returns a [Result]: each list's admitted and held-back candidates with
// their reasons ([Reason]), the line and its ties ([Cut]), each group's
// coverage ([GroupCoverage]), the shortfalls, and one [Outcome] per
// candidate. [Round] keeps the database round after round: it turns a
// round's assessments and the previous [Registry] into the next one and
// a change list ([Changes]), running Select in between.
//
// # The order
//
// A list ranks candidates by Rules.Order, most significant key first:
//
//   - [ByPriority]: a holder of a post at or above the list's
//     PriorityLevel first (baseline: 市级 or above for the city list, 县级
//     or above for a county list; [Candidate.Post] is the person's
//     highest such post).
//   - [ByGrade]: A, then B, then C.
//   - [ByScore]: the higher score first, compared exactly (85.5 = 85.50).
//   - [ByPost]: the higher post level first (国家级, 省级, 市级, 县级, none).
//   - [ByKey]: the smaller registration number first, byte by byte.
//   - [ByIncumbent]: a candidate who sat on this very list in the
//     previous round ([Candidate.Incumbent]) first.
//
// The order must end with ByKey, which no two candidates share, so it is
// a strict total order: of two candidates one is always better. The
// baseline is ByPriority, ByGrade, ByScore, ByPost, ByKey: it keeps no
// one for being there before.
//
// # Keeping incumbents
//
// A jurisdiction that keeps its representatives from round to round
// (动态管理 without churn) puts ByIncumbent first: ByIncumbent, ByPriority,
// ByGrade, ByScore, ByPost, ByKey. Incumbency is then one more key of a
// strict total order, so everything below holds unchanged and "best"
// means best in that order: the incumbents of a list who are still
// eligible for it (a listed grade, in its scope, not on the city list
// under OneList) rank above everyone else and are taken first, best of
// them first, within the quota; the seats left go by the rest of the
// order. The group minimums still hold: an incumbent loses the seat only
// when the quota is smaller than the eligible incumbents (the worst of
// them by the rest of the order go, [ReasonQuota]) or when the seat is
// owed to a group below its minimum ([ReasonReserved]), exactly as any
// candidate above the line would. Incumbency counts only on the list the
// person sat on: a county-district's incumbent competes for the city
// list on merit, and an incumbent who moved unit is no incumbent of the
// new unit's list. An incumbent admitted above the line has
// [ReasonIncumbent]. ByIncumbent placed later in the order (say after
// ByPriority) keeps incumbents only against candidates equal to them on
// the keys before it.
//
// # What "best" means
//
// The city list is chosen first, from every candidate; then each
// county-district's list from its unit's candidates (the unit's code or
// one of its Former codes), without those on the city list under
// OneList. Of those, the eligible E are the candidates of a grade in
// Rules.Grades; n = |E| and c_g counts the eligible of group g.
//
// The list has k = min(Quota, n) seats. Group g has the declared minimum
// M_g = ⌈CoverageShare × Quota⌉ (or Minimums[g]), and the applied minimum
// m_g = min(M_g, c_g): a group with too few candidates takes them all and
// its shortfall M_g − c_g is reported. A set S ⊆ E is feasible if |S| = k
// and S holds at least m_g of every group g.
//
// The minimums never need scaling down: [Select] refuses rules whose
// declared minimums add up to more than the quota ([ErrCoverage]), so
// Σ m_g ≤ Σ M_g ≤ Quota, and Σ m_g ≤ Σ c_g = n; hence Σ m_g ≤ k and a
// feasible set exists (the best m_g of each group, filled up from the
// rest). How to shrink minimums that cannot all be met is policy the
// notice does not give; a jurisdiction writes minimums that fit.
//
// Of two feasible sets, the better is the one whose members, listed best
// first, are better at the first place where the two lists differ;
// equivalently, the best candidate that is in one set and not the other
// is in the better set. The admitted set is the best feasible set. It is
// unique, since the order is total.
//
// # How it is found, and why it is the best
//
// Select scans E best first, keeping the seats still free r (from k) and
// the minimums still owed D = Σ_g max(0, m_g − s_g), where s_g counts the
// admitted of group g. A candidate of group g is admitted if and only if
// r > 0 and either s_g < m_g (its group is still owed a seat) or r > D (a
// seat is free beyond those owed).
//
// It admits a feasible set. While a group is owed seats, every member of
// it seen so far was admitted, so at least m_g − s_g members remain
// unseen (c_g ≥ m_g). Admitting a member of an owed group lowers r and D
// by one; admitting another needs r > D; a candidate is passed over only
// when r = 0 or r = D. So D ≤ r throughout, and once r = D every
// remaining seat goes to an owed group, which has the members to fill
// it: the scan ends with k admitted and every minimum met.
//
// It admits the best feasible set. Let G be the scan's set, S another
// feasible set, and e the best candidate in exactly one of them; the two
// agree on every candidate better than e, so both have the same r and D
// when e is reached. If e is in G, G is better. If e is in S only, the
// scan passed over it: either r = 0, and S has more than k members, or
// e's group is owed nothing and r = D, and then S, spending a seat on e,
// has r − 1 seats for D owed seats and cannot meet the minimums. Either
// way S is not feasible, so G is better than every other feasible set.
// The property test checks the scan against a brute force that
// enumerates every subset.
//
// "Reserve, then fill" (the best m_g of each group, then the best of the
// rest by the order) gives the same set under these rules: a candidate of
// a group owed nothing is admitted iff r − D = k − Σ_g max(s_g, m_g) > 0,
// i.e. iff fewer than k − Σ m_g candidates beyond the minimums are in. It
// rests on each candidate counting for its primary group only and on
// minimums without maximums; counting secondary groups, or capping a
// group, breaks it (one person could fill two reservations, or a cap
// could strand a reservation), whereas the scan stays the best with any
// exact test of "the remaining seats can still meet what is owed". The
// property test checks both against the brute force.
//
// # Reasons and the line
//
// The rank line falls after the k-th eligible candidate in the order.
// Above it a candidate is admitted by rank ([ReasonPriority] if it holds
// a priority post, else [ReasonRank]) or held back because its seat went
// to a group that was owed one ([ReasonReserved]); below it a candidate
// is admitted to such a seat ([ReasonCoverage]) or held back because the
// quota is full ([ReasonQuota]). There are as many ReasonCoverage as
// ReasonReserved, and [GroupCoverage].CoverageSeats counts them by group.
// Candidates not ranked are held back for their grade ([ReasonGrade]) or,
// under OneList, because they are on the city list ([ReasonListed]).
//
// [Cut] gives the lowest admitted score (the 分数线), the last candidate
// above the rank line and the first below it with the key of the order
// that separated them, and every held-back candidate below the line with
// the same score as the last one above it, each with its deciding key.
//
// Every candidate of a list's scope appears once in the list's Admitted
// or HeldBack; every candidate has one [Outcome]: the lists it sits on
// and the reason of its first admission, or the reason it was held back
// from the last list that considered it.
//
// # Errors
//
// Select returns an error, and no result, for rules or candidates that
// cannot be used, listing every fault as an [*Error] joined with
// [errors.Join]: a duplicate or empty registration number, a group or
// grade outside its set, a unit without a list when the rules have county
// lists, a negative quota, minimums over the quota, an order that is not
// strict, grade D among the grades listed, an Incumbent naming no list
// of the rules. Causes match [ErrInvalid],
// [ErrDuplicate], [ErrUnknownUnit], [ErrQuota], [ErrCoverage] and
// [ErrOrder] with [errors.Is]. A shortfall is not an error: it is
// reported in ListResult.Short and GroupCoverage.Short.
//
// # The database, round after round
//
// The notice asks for dynamic management (动态管理) of the database
// (代表人士数据库): grade D is removed (剔除). A [Registry] is the database
// after a round: one [Row] per person in it (Status [Active]: the seat —
// [SeatCity], [SeatCounty] or [SeatNone], in the database without a
// list —, the list id, group, grade, score, post level, assessment date,
// policy and fingerprint, the [Basis] of the seat, the date of entry),
// and one Removed row per past stay of a person who was removed, with
// the date, the [Cause] and the detail (the veto, the failed conditions
// or the grade). A person removed and later entered again has both rows.
// A Registry is immutable and safe for concurrent use; a nil *Registry is
// the empty database.
//
// [Round] (prev, rules, round, asOf) takes a round's assessments
// ([Assessed]) and returns the new Registry and a [Changes] list with one
// [Change] per person of the round or in prev's database within the
// round's scope, by registration number, whatever the input order:
//
//   - A veto (Assessed.Vetoes) removes the person, named by the veto,
//     whatever else the assessment says (a veto's facts often fail a
//     condition too). Otherwise StandingRemoved (grade D) removes for
//     the grade, StandingNotNewStrata for no longer being in any of the
//     four groups, StandingUnqualified naming the failed conditions. A
//     person in the database is removed ([Left]); one who was not is
//     [Rejected] and leaves no row.
//   - A person in the database whom the round did not assess, or could
//     not classify (StandingUnclassified), is kept: the last assessment
//     is carried forward (Change.Carried says why; Row.AssessedOn stays
//     the old date) and competes for the lists with it. Absence is never
//     taken as a reason to remove. An unclassified newcomer is Rejected.
//   - Every other person (StandingCandidate, and those carried) is a
//     [Candidate] of [Select], with Incumbent set to the list they sat
//     on when the rules still have it. The outcome gives the change:
//     [Entered], [Stayed] (same list of the same unit, or still on none),
//     [Moved] (between the city's and a county's list, or to another
//     unit), [Listed] (from no list onto one), [Dropped] (off a list, kept
//     in the database, with [CauseQuota], [CauseReserved], [CauseGrade]
//     or [CauseLostPriority] when the person had been admitted for a
//     priority post they no longer hold at that list's level).
//
// Round needs Rules.OneList, since a row holds one list; rounds go
// forward (asOf not before prev's) and no assessment is dated after its
// round.
//
// # Scope
//
// A county-district's [View] ([Registry.View]) reads only its own
// people (those whose latest row names the unit or a former code), and a
// request for another unit's key is an error matching [ErrScope] that
// names the key and the unit, never a silent filter; the city's view
// ("") sees all. A county-district's round ([View.Round], or [Round]
// with [ByUnit]) chooses the unit's list only, refuses an assessment of
// another unit's person, or of a person the registry keeps in another
// unit (moving a person between units is the city's round), keeps the
// unit's people on the city list there (they are not candidates of the
// county list), and leaves every other unit's rows as they were.
//
// # From an assessment
//
// The front door (newstrata.Assessment.Tier) fills an Assessed from an
// assessment (classification, qualification, evaluation) in a few lines;
// Post is the highest level of the record's NPC or CPPCC seats and
// leading posts:
//
//	as := tier.Assessed{
//		Key: a.Key, Unit: a.Unit,
//		Group: a.Classification.Primary, Secondary: a.Classification.Secondary,
//		Grade: a.Evaluation.Grade, Score: a.Evaluation.Total, Post: post,
//		Policy: a.Evaluation.Policy, Fingerprint: a.Evaluation.Fingerprint, AsOf: a.Evaluation.AsOf,
//	}
//	for _, v := range a.Evaluation.Vetoes() {
//		as.Vetoes = append(as.Vetoes, v.ID+" "+v.Name)
//	}
//	for _, c := range a.Qualification.Failures() {
//		as.Failed = append(as.Failed, c.ID+" "+c.Name)
//	}
//	switch {
//	case a.Evaluation.Removed:
//		as.Standing = tier.StandingRemoved
//	case a.Classification.Outcome == classify.NotNewStrata:
//		as.Standing = tier.StandingNotNewStrata
//	case a.Classification.Outcome == classify.Undetermined:
//		as.Standing = tier.StandingUnclassified
//	case !a.Qualification.Qualified:
//		as.Standing = tier.StandingUnqualified
//	default:
//		as.Standing = tier.StandingCandidate
//	}
//
// # Whose score ranks where
//
// A county-district scores its people under its own overlay, so the
// scores of two counties are not comparable. A candidate may carry two
// assessments: Grade and Score, from its unit's policy, rank it on its
// county's list; CityGrade and CityScore, from the city's policy, rank it
// on the city list ([Candidate.On]). The zero CityGrade means one policy
// assessed the person and Grade and Score rank it everywhere. CityGrade D
// keeps a person off the city list (the city's policy grades it D or does
// not qualify it) and leaves it to its county's. Everything above holds
// list by list with the list's own grades and scores: [Cut].Score and
// [Entry].Grade are those that ranked on that list. The registry keeps
// Grade and Score only: a person carried forward (not assessed in a
// round) competes for the city list with them.
//
// # Files
//
// A Registry round-trips without loss through JSON ([Registry.MarshalJSON]:
// {"as_of", "rows"}, snake_case fields, closed sets as {"code", "label"}
// — groups by roster's codes "1" to "4", grades "A" to "D", post levels
// by roster's codes, tier's own sets by their Code ("city",
// "lost_priority") —, scores as strings that keep
// their places ("85.50"), dates as 2006-01-02, absent values as null,
// empty lists as []) and through CSV ([Registry.WriteCSV], [ReadCSV]):
// a header of Chinese column names (登记编号, 所属单位, 名单, 名单编号, 群体,
// 兼属群体, 等次, 综合得分, 职务级别, 评价日期, 政策, 版本校验码, 入库理由, 入库日期,
// 状态, 剔除日期, 剔除理由, 剔除说明, 数据库日期), closed sets by their Chinese
// labels, lists joined by "；", and the registry's date on every line. A
// bad CSV is reported cell by cell as [*CSVError] (line, column,
// header). Both readers check the rows as [NewRegistry] does.
//
// # Order of results, concurrency, zero values
//
// The result depends on the rules and on the set of candidates, never on
// their order in the input, on a map's order or on scheduling: lists come
// city first, then county-districts in the order of the rules; admitted
// and ranked held-back candidates by rank; unranked ones and Outcomes by
// registration number. Select reads rules and candidates and changes
// neither; it is safe for concurrent use, and so is Round, which changes
// neither prev nor its round. It ranks with one machine word
// per candidate and a radix sort; it sorts registration numbers on two
// goroutines and chooses county-district lists, which share no
// candidate, on up to GOMAXPROCS, all waited for before it returns. It
// takes at most 2^28 candidates.
//
// The zero Rules has no list and no eligible grade, which Select refuses.
// In a List the zero PriorityLevel gives no one priority, the zero
// CoverageShare with nil Minimums sets no minimum, and the zero Quota
// keeps the list empty. A Candidate's zero Post means no post, its zero
// Incumbent no previous list. The zero value of each closed set (Seat,
// Basis, Status, Cause, Kind, Standing) means not filled in; the zero
// Place is "not in the database".
package tier
