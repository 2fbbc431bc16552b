"""The tuned numbers of occupation and skill coding, each with what was measured for it.

One place for every weight, window and threshold of ``label_index`` (matching), ``occupations``
(ranking, groups, the second opinion) and ``occupation_rules`` (review flag, families), so a
tuning round reads and changes them together (docs/coding.md has the figures).
"""

from __future__ import annotations

from skilltool import textnorm

INDEX_VERSION = 12
"""Part of the cache key, with this module's source: an edit here rebuilds the compiled index."""

# Weights of the kinds of label. Hidden labels are often misspellings ESCO keeps on purpose.
KIND_PREFERRED = 1.0
KIND_ALT = 0.96
KIND_HIDDEN = 0.95
KIND_ALIAS = 1.0
# CBS's Dutch unit-group title, as a name of the group's best-known occupation only (on every
# occupation of the group the members tie and crowd the top five). MELO Dutch ISCO-4 went from
# 0.570/0.748 to 0.578/0.766, the Belgian-Dutch set from 0.640/0.777 to 0.649/0.787.
KIND_CBS = 0.9
# CBS's Dutch title index (data/cbs_title_index.yaml): each title is a label of its ISCO-08 unit group,
# which is then resolved to the group's best-matching ESCO occupation (or kept as the group).
KIND_CBS_TITLE = 1.0
# ESCO's own ISCO-08 group labels (1-4 digits, Dutch and English): a title that names a group
# ("artsen", "teaching professionals") finds the group itself.
KIND_GROUP = 0.9

# Strength of a match between a query word and an index word.
S_EXACT = 1.0
S_STEM = 0.92
S_HEAD = 0.6  # the query word is the head of a compound in the label (chauffeur ~ vrachtwagenchauffeur)
COMPOUNDS_LIMIT = 80  # compounds with a query word as their head, at most
S_PREFIX = 0.75  # the query word and an index word share most of their beginning
PREFIX_MIN_WORD = 7  # only words this long get prefix matches
PREFIX_MIN_SHARED = 6
PREFIX_SHARE = 0.7  # share of the query word that must be the shared beginning
S_SPLIT = 0.85  # a fuzzy match weaker than this loses to a split into known parts
FUZZY_CUTOFF = 80.0  # rapidfuzz ratio for a misspelt word
FUZZY_LENGTH = 3  # a misspelling is at most this many letters longer or shorter
S_TYPO = 0.9  # one edit (a letter added, dropped, changed or two swapped) from an index word

NOISE_FACTOR = 0.25  # weight of seniority and vacancy words (senior, medewerker)
UNKNOWN_WEIGHT = 1.0  # weight of a query word no label has (a place, a company name)
POSTINGS_LIMIT = 600  # a word with more labels than this is frequent (medewerker, manager)
GENERATE_MIN = 0.7  # expansions weaker than this do not generate candidates (when a stronger one does)
# A role word that takes a subject ("docent wiskunde", "X teacher") names the occupation;
# its IDF is low (many teacher occupations) and the subject's high, so without help the subject's
# own occupation (wiskundige) wins. 1.5, not more: at 2.5 any "leraar X" label beats the
# subject (tried: "leraar wiskunde" -> leraar drama).
ROLE_FACTOR = 1.5
ROLE_WORDS = textnorm.ROLE_WORDS
CONTEXT_FACTOR = 0.15  # weight of the words naming a workplace (after bij/op/at)
CANDIDATE_LABELS = 60  # labels scored in full per query, at most
NLARGEST_FROM = 1_000  # rough lists longer than this are cut with a heap, not sorted whole
ROUGH_FLOOR = 0.4  # candidates under this share of the best rough score are not scored in full
Q_EXP = 1.0  # how much an unexplained query word costs
L_EXP = 0.5  # how much an unmatched label word costs
FUZZ_BLEND = 0.15  # share of the rapidfuzz string score in a label's score
PRIOR = 1.5  # points per log(label count): common occupations (many names) win close calls
AGGREGATE = 0.05  # share of an occupation's second-best label added to its best
EXACT_STEM_SCORE = 95.0  # a whole label equal up to word endings (below an exact alternative label)
LANG_BONUS = 0.5  # points for a label in the requested language (a tie-breaker)
# When every query word is a word of the requested language's labels ("arts" is Dutch for doctor),
# a label in the other language counts this share of its score: the same spelling in English
# (*arts worker*) must not win. --lang stays a prior: a word only the other language has is
# matched at full strength.
LANG_OTHER = 0.9
LANG_BITS = {"nl": 1, "en": 2}

POOL = 12  # occupations considered for the final ranking
GROUP_EXTRA = 8  # more hits asked of the index, so a matched group finds its occupations
GROUP_FIT = 100.0  # a group's occupation this far below the group's title still stands for it
# A one-word title whose close candidates (within GENERIC_WINDOW of the best) spread over
# GENERIC_UNITS or more ISCO-08 unit groups names a family (leraar, verkoper, monteur): the
# group their scores mostly share (GENERIC_SHARE, 3 digits, else 2) comes first, flagged.
# When one unit group alone holds GENERIC_SHARE ("slagers", "kraanmachinist": variants of one
# occupation) it is no family: its occupation leads. Intake titles top-1 0.778 -> 0.795, the
# Belgian-Dutch set 0.649 -> 0.652, JobBERT validation 0.341 -> 0.342; MELO Dutch unchanged.
GENERIC_WINDOW = 35.0
GENERIC_UNITS = 3
GENERIC_SHARE = 0.6
FAMILY_TITLES = 10  # CBS titles with one head word needed to call it a family's name
# A one-word Dutch title that ESCO's labels put in one unit group while most CBS titles with that
# head word are in another ("draaier": ESCO's Dutch label is in 8122, CBS's turner
# titles are 7223) is flagged: two sources disagree (docs/coding.md, "The review flag"). At a
# ratio of 1.5 the Dutch word for cooks (8 CBS titles of head chefs, 6 in 5120) was flagged
# although ESCO's 5120 answer was right.
HEAD_TITLES = 3
HEAD_RATIO = 3.0
ISCO_URI = "http://data.europa.eu/esco/isco/C"
# The second opinion (ngram_scorer) for a title that would be flagged: each candidate of the
# lexical list or the n-gram ranking scores its lexical score / 100 (FUSE_ABSENT when the lexical
# list lacks it) + NGRAM_WEIGHT x its cosine, and the list is spread over ISCO-08 codes
# (``occupation_rules.combine``). Tuned on the JobBERT validation half and the MELO titles in
# CBS's index (bench/coding_fusion.py): against the reciprocal-rank fusion kept before (k 10,
# weight 1, lexical first candidate always kept: 0.320 / 0.560 and 0.787 / 0.921), 0.333 / 0.575
# and 0.809 / 0.925; weight 0.5-1.0 and FUSE_ABSENT 20-30 were within 0.003 of it.
NGRAM_WEIGHT = 0.75  # 0 turns the second opinion off
FUSE_ABSENT = 20.0
# ESCO's essential skills as evidence for a flagged English title (``occupation_skills``): the
# learned re-ranker adds SKILL_WEIGHT x the cosine between the title's words and the skills of
# the candidate's unit group. JobBERT validation (tuning half) 0.334 / 0.578 -> 0.339 / 0.590
# (1.0 and 2.0 within 0.002; per occupation instead of per unit group 0.335 / 0.586; with
# optional skills too no better). English only: the skills' Dutch labels are mostly missing.
SKILL_WEIGHT = 1.5  # 0 turns it off
# And GROUP_WORDS_WEIGHT x the cosine between the title's words and the unit group's own words
# (ESCO's English description of the group, data/isco_descriptions.yaml, and its occupations'
# English labels): JobBERT validation 0.341 / 0.598 -> 0.348 / 0.605 (0.8: 0.348 / 0.604; 1.3:
# 0.348 / 0.606; the description alone at 1.0: 0.345 / 0.602; the labels alone at 0.5: 0.346 /
# 0.600). English only, like the skills.
GROUP_WORDS_WEIGHT = 1.0  # 0 turns it off
# After the evidence, each candidate of such a title gains GROUP_SUPPORT x the positive scores of
# the other candidates of its unit group: JobBERT validation 0.348 / 0.605 -> 0.350 / 0.608
# (0.05: 0.348 / 0.608; 0.1: 0.341 / 0.600 before the group words).
GROUP_SUPPORT = 0.03  # 0 turns it off
RRF_K = 10.0  # the reciprocal-rank fusion of the optional embedding opinion (8a): 1 / (RRF_K + rank)
NGRAM_POOL = 20
# A flagged list whose best score is at least NGRAM_BELOW (but not exact) skips the second
# opinion: there it changed nothing on the tuning halves (top-5 the same from 70 to 80), and it
# saves its cost on a fifth of vacancy titles. Exact but contested answers (a CBS title ESCO
# disagrees with) still get it: they gained 0.017 at top-5.
NGRAM_BELOW = 70.0
# An English flagged title gets the second opinion even when its best score is strong (over
# NGRAM_BELOW, not exact): with ESCO's skills as evidence in the re-ranker (SKILL_WEIGHT) the
# strong inexact vacancy titles gain too. JobBERT validation 0.339 / 0.590 -> 0.340 / 0.597 (90:
# 0.341 / 0.594); MELO (Dutch) unchanged. Costs about 5-10 % of English titles per CPU second.
NGRAM_BELOW_EN = 100.0
SPECIALISATIONS = 3  # occupations of a leading ISCO group listed right after it
NGRAM_MIN = 0.1  # cosine under this: nothing to say ("juf"); 0.3 lost most of the top-5 gain
# The lexical first candidate is fused like the rest (only a leading broader ISCO group, a family
# title, keeps its place): with the score fusion, keeping it cost 0.006 at top-1 on JobBERT
# validation and 0.022 on the MELO titles in CBS's index (there the cosine tells apart the exact
# candidates an exact but contested CBS title brings). Under the reciprocal-rank fusion it was kept
# (fusing it lowered MELO-in-CBS top-1 0.788 -> 0.707). The embedding fusion has its own (8a).
FUSE_KEEP_FIRST = False
CLOSE_CALL = 1.0  # candidates this close to the best may overtake it on their ISCO group's support
DIVERSITY = 15.0  # points off per occupation already listed from the same ISCO group

REVIEW_BELOW = 75.0  # skills: best score under this, a person should check
# Occupations: calibrated on measured error rates (docs/coding.md, "needs_review"). Only an exact
# whole label (score 100: an ESCO label, an alias, a CBS title) was right often enough to go
# unchecked; under it the top-1 ISCO-4 precision was 0.75 or less on the tuning halves.
REVIEW_EXACT = 99.95
REVIEW_MARGIN = 2.5  # a runner-up this close with another ISCO code: a person should check
# An occupation's own preferred label (or a curated alias) matched all but exactly: its exact stem
# (95, +0.5 in the asked language: a plural, a female form) or a near spelling. Measured on
# answers with no other unit group within REVIEW_MARGIN (docs/coding.md, "The review flag"):
# intake titles 37 of 37 right; JobBERT 0.67-0.72 (141 titles, mostly its codes for generic
# vacancy titles, e.g. a manager title the set codes as marketing, 2431); MELO has none. An
# alternative label in that band is not enough: ESCO gives a generic alternative label to one
# occupation of many (the generic English word for an office worker is a lottery cashier's):
# 0.41-0.60 on JobBERT, 0.83-0.94 on MELO.
REVIEW_NEAR = 95.0
# A Dutch title whose best candidate is a near-exact ESCO label in Dutch (an alternative label,
# an exact stem, a title with a workplace after it) scoring at least REVIEW_AGREE, with no other
# unit group within REVIEW_MARGIN, goes unchecked too when CBS's title index (or ISCO-08's own
# group names) puts the title in the same unit group: two sources coded by different people
# agree. Measured (docs/coding.md, "The review flag"): 23 of 23 right on the tuning half of the
# intake titles; on the held-out material 26/26 (intake, other half), 20/21 (MELO absent from
# CBS's index), 10/10 (Flemish). Between 70 and 85 the tuning half stayed right (7/7), the
# held-out sets less so (18 of 21: intake 3/4, MELO absent 13/13, Flemish 2/4). English has no
# second source: the same agreement with ISCO-08's English group names was right 0.69 of the
# time on JobBERT validation (106/153), under the 0.874 its unflagged answers hold. The same
# floor holds from CBS's side (``occupation_review.score_floor``): a Dutch CBS title matched
# near-exactly (its plural, a word more) goes unchecked when ESCO's own best occupation is in its
# unit group; MELO 6 more unflagged, 4 right (docs/coding.md, "Sixth round").
REVIEW_AGREE = 85.0
HEAD_LEADS = 90.0  # coding_head.head_first: a whole title scoring under this yields to its opening label
# A Dutch title whose best candidate is a Dutch ESCO label scoring at least REVIEW_AGREE, an
# occupation with no candidate of another unit group within REVIEW_MARGIN, that no CBS title or
# ISCO-08 group name matched, goes unchecked when the n-gram opinion's best occupation (cosine >=
# NGRAM_CLEAR) is in its unit group: the n-gram opinion is the second source where CBS has none
# (``occupation_review.clear_label``; docs/coding.md, "Fifth round" and "Sixth round"). Fifth
# round (score >= REVIEW_NEAR, no other group within 40 points): unflagged intake 55.6 -> 57.6 %
# (precision 0.996), held-out 51.5 -> 52.6 % (1.000), MELO 932 -> 936 (0.950), Flemish 94 -> 107
# (0.947 -> 0.944). Without the n-gram check two generic words (a doctor's, a hospitality
# worker's: one occupation's alternative label among many) went unflagged; English has no such
# band (0.65 on JobBERT against 0.83-0.86 for its unflagged answers). Sixth round: with the
# n-gram check the 40-point margin and the REVIEW_NEAR floor guarded nothing more (docs/coding.md).
NGRAM_CLEAR = 0.25
MEMO_SIZE = 100_000  # ranked hits per query (a few small tuples each)
WORD_CACHE_SIZE = 50_000  # words whose expansions are kept
CONTRIB_CACHE_SIZE = 400_000
"""Rough label scores kept across the cached words, at most (about 36 MB). Each word keeps one per
label it generates (thousands for a common word): 30,000 distinct titles filled 2.3 million
(214 MB) under the word bound alone. At 200,000 the 18,000 distinct gold titles coded 4-5%
slower (the cache cleared mid-run); from 400,000 up no difference was measured."""
