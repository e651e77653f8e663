/*
 * dbq_program.c — the catalogue's SQL (sql/005_program.sql): search,
 * a program with its facilities and rotations, and the writes of the
 * board admin's pages and the demo loader.  Every statement is bound to
 * the tenant the caller passes, which is always c->tenant->slug.
 *
 * Search (BRD-2) never scans the catalogue:
 *   - without a keyword, the domains and prefectures select index ranges
 *     of program_dp or program_pd, read in index order, so a page of 20
 *     stops after 20 rows and the count stops at RECRUIT_COUNT_CAP + 1;
 *   - with a keyword, the rarest of its two-character grams (from
 *     program_gram_df) gives the candidates through program_gram, and
 *     search_text LIKE confirms them; when even the rarest gram is common
 *     (more than RECRUIT_GRAM_PATH_MAX programs) and domains or
 *     prefectures are chosen, their ranges are cheaper and the keyword
 *     filters them instead.
 * The statements are fixed strings (db.c keys its statement cache by
 * the SQL's address): up to three choices are bound as three values,
 * repeating the first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "jp.h"
#include "recruit.h"

#define SEARCH_TEXT_CHARS	2000	/* program.search_text */

/* ---- normalization ---------------------------------------------------- */

/* One code point from s (at most n bytes): its length, 0 if invalid. */
static size_t
cp_next(const unsigned char *s, size_t n, unsigned int *cp)
{
	size_t	 len, k;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		*cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		*cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		*cp = s[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[k] & 0x3f);
	}
	return len;
}

static size_t
cp_put(unsigned int cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * The form both search_text and keywords take, so that what a member
 * types finds what an admin wrote: full-width ASCII as ASCII, capitals
 * as lower case, hiragana as katakana; spaces (ASCII and U+3000),
 * control characters, '|' (search_text's separator) and invalid bytes
 * dropped.  Returns the number of characters written; out is always
 * NUL-terminated and never cut inside a character.
 */
size_t
recruit_normalize(const char *in, char *out, size_t outlen)
{
	const unsigned char	*s = (const unsigned char *)in;
	size_t			 n = strlen(in), o = 0, k, chars = 0;
	unsigned int		 cp;
	char			 enc[4];

	if (outlen == 0)
		return 0;
	while (n > 0) {
		if ((k = cp_next(s, n, &cp)) == 0) {
			s++;
			n--;
			continue;
		}
		s += k;
		n -= k;
		if (cp >= 0xff01 && cp <= 0xff5e)
			cp -= 0xfee0;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		else if (cp >= 0x3041 && cp <= 0x3096)
			cp += 0x60;
		if (cp <= 0x20 || cp == 0x7f || cp == '|' || cp == 0x3000 ||
		    (cp >= 0x80 && cp < 0xa0))
			continue;
		k = cp_put(cp, enc);
		if (o + k >= outlen)
			break;
		memcpy(out + o, enc, k);
		o += k;
		chars++;
	}
	out[o] = '\0';
	return chars;
}

/* kw as a LIKE pattern: %kw% with \, % and _ escaped. */
static void
like_pattern(const char *kw, struct buf *b)
{
	buf_puts(b, "%");
	for (; *kw != '\0'; kw++) {
		if (*kw == '\\' || *kw == '%' || *kw == '_')
			buf_append(b, "\\", 1);
		buf_append(b, kw, 1);
	}
	buf_puts(b, "%");
}

/* ---- search ------------------------------------------------------------ */

/* The columns of PROG_SUMMARY (and of q_list_gram, the admin's list). */
enum {
	PS_ID, PS_CODE, PS_NAME, PS_DOMAIN, PS_PREF, PS_CAPACITY,
	PS_INSTRUCTORS, PS_TRACK, PS_BASE, PS_YEARS,
	PS_DIRECTOR		/* dbq_program_admin_list() only */
};
#define PROG_SUMMARY	"SELECT p.id, p.code, p.name, p.domain, " \
	"p.prefecture, p.capacity, p.instructors, p.track, f.name, p.years " \
	"FROM program p JOIN facility f ON f.id = p.base_facility_id "
#define W_BASE		"WHERE p.tenant = ? AND p.track = ? "
#define W_DOMAIN	"AND p.domain IN (?, ?, ?) "
#define W_PREF		"AND p.prefecture IN (?, ?, ?) "
#define W_KW		"AND p.search_text LIKE ? "
#define O_DP		"ORDER BY p.domain, p.prefecture, p.code "
#define O_PD		"ORDER BY p.prefecture, p.domain, p.code "
#define LIM		"LIMIT ? OFFSET ?"
#define COUNT_OF(w)	"SELECT COUNT(*) FROM (SELECT 1 FROM program p " \
	w "LIMIT ?) t"

/*
 * The range plans: [domains?][prefectures?], the capped count (alone:
 * for a page past the last) and the page with it (BOTH() below).
 */
static const char q_count_none[] = COUNT_OF(W_BASE W_KW);
static const char q_count_d[] = COUNT_OF(W_BASE W_DOMAIN W_KW);
static const char q_count_p[] = COUNT_OF(W_BASE W_PREF W_KW);
static const char q_count_dp[] = COUNT_OF(W_BASE W_DOMAIN W_PREF W_KW);

/*
 * The page and its capped count in one statement (issue 10): the count
 * is an uncorrelated sub-select, run once, its value on every row
 * (column PS_TOTAL).  Its parameters come first (the select list is
 * before the WHERE).
 */
#define PS_TOTAL	(PS_YEARS + 1)
#define BOTH(w, o)	"SELECT p.id, p.code, p.name, p.domain, " \
	"p.prefecture, p.capacity, p.instructors, p.track, f.name, p.years, " \
	"(" COUNT_OF(w) ") " \
	"FROM program p JOIN facility f ON f.id = p.base_facility_id " \
	w o LIM
static const char q_both_none[] = BOTH(W_BASE W_KW, O_DP);
static const char q_both_d[] = BOTH(W_BASE W_DOMAIN W_KW, O_DP);
static const char q_both_p[] = BOTH(W_BASE W_PREF W_KW, O_PD);
static const char q_both_dp[] = BOTH(W_BASE W_DOMAIN W_PREF W_KW, O_DP);

/* The gram plan: candidates in posting order, domains/prefs as filters. */
#define G_FROM	"FROM program_gram g JOIN program p ON p.id = g.program_id " \
	"AND p.tenant = g.tenant JOIN facility f ON f.id = p.base_facility_id " \
	"WHERE g.tenant = ? AND g.track = ? AND g.gram = ? " \
	"AND (? = 0 OR p.domain IN (?, ?, ?)) " \
	"AND (? = 0 OR p.prefecture IN (?, ?, ?)) AND p.search_text LIKE ? "
static const char q_list_gram[] = "SELECT p.id, p.code, p.name, p.domain, "
    "p.prefecture, p.capacity, p.instructors, p.track, f.name, p.years "
    G_FROM "ORDER BY g.program_id LIMIT ? OFFSET ?";
static const char q_count_gram[] = "SELECT COUNT(*) FROM (SELECT 1 " G_FROM
    "LIMIT ?) t";

static const char q_gram_df[] =
    "SELECT n FROM program_gram_df WHERE tenant = ? AND track = ? "
    "AND gram = ?";

/*
 * The rarest gram of kw and how many programs hold it: 1 found (*n may
 * be 0: nothing can match), 0 kw has no gram (one character), -1 error.
 */
static int
rarest_gram(struct db *d, const char *tenant, const char *track,
    const char *kw, char *gram, size_t gramlen, long long *n)
{
	const unsigned char	*s = (const unsigned char *)kw;
	size_t			 len = strlen(kw), a, b, tried = 0;
	unsigned int		 cp;
	struct dbres		*r;
	const char		*c;
	char			 g[9];
	long long		 v;
	int			 rc = 0;

	*n = -1;
	while ((a = cp_next(s, len, &cp)) > 0 && a < len &&
	    (b = cp_next(s + a, len - a, &cp)) > 0 && tried < 24) {
		memcpy(g, s, a + b);
		g[a + b] = '\0';
		tried++;
		if ((r = db_select(d, q_gram_df, "sss", tenant, track,
		    g)) == NULL)
			return -1;
		v = (c = dbres_scalar(r)) != NULL ? atoll(c) : 0;
		dbres_free(r);
		if (*n < 0 || v < *n) {
			*n = v;
			snprintf(gram, gramlen, "%s", g);
			rc = 1;
		}
		if (v == 0)
			break;		/* no program holds it: no match */
		s += a;
		len -= a;
	}
	return rc;
}

static long long
count_of(struct dbres *r)
{
	const char	*c;
	long long	 n = -1;

	if ((c = dbres_scalar(r)) != NULL)
		n = atoll(c);
	dbres_free(r);
	return n;
}

/*
 * The count a BOTH() page carries into *total: 1, or 0 when it cannot
 * tell (no row on a page after the first).  The first page with no row
 * means nothing matches.
 */
static int
page_total(const struct dbres *r, long long off, long long *total)
{
	const char	*c;

	if (r->nrows == 0) {
		*total = 0;
		return off == 0;
	}
	*total = (c = dbres_get(r, 0, PS_TOTAL)) != NULL ? atoll(c) : -1;
	return 1;
}

/*
 * One page of programs matching q, and in *total how many match (at most
 * RECRUIT_COUNT_CAP + 1: the caller says "more than").  *plan is set to
 * 'g' (grams) or 'r' (ranges) for the benchmark's EXPLAIN.  NULL on
 * error.
 */
struct dbres *
dbq_program_search(struct db *d, const char *tenant,
    const struct program_query *q, long long *total, int *plan)
{
	struct buf	 pat = { NULL, 0, 0 };
	struct dbres	*r = NULL;
	const char	*d0, *d1, *d2, *p0, *p1, *p2;
	char		 gram[9];
	long long	 df = -1, off, cap = RECRUIT_COUNT_CAP + 1;
	long long	 lim = RECRUIT_PAGE_SIZE;
	int		 g;

	*total = -1;
	*plan = 'r';
	off = (q->page > 0 ? q->page - 1 : 0) * RECRUIT_PAGE_SIZE;
	d0 = q->ndomain ? q->domain[0] : "";
	d1 = q->ndomain > 1 ? q->domain[1] : d0;
	d2 = q->ndomain > 2 ? q->domain[2] : d0;
	p0 = q->npref ? q->pref[0] : "";
	p1 = q->npref > 1 ? q->pref[1] : p0;
	p2 = q->npref > 2 ? q->pref[2] : p0;
	like_pattern(q->kw, &pat);
	if (pat.data == NULL)
		goto out;
	if (q->kw[0] != '\0') {
		g = rarest_gram(d, tenant, q->track, q->kw, gram, sizeof(gram),
		    &df);
		if (g < 0)
			goto out;
		if (g == 1 && df == 0) {
			/* A gram no program holds: an empty page, no query. */
			*plan = 'g';
			*total = 0;
			r = calloc(1, sizeof(*r));
			goto out;
		}
		if (g == 1 && (df <= RECRUIT_GRAM_PATH_MAX ||
		    (q->ndomain == 0 && q->npref == 0))) {
			*plan = 'g';
			*total = count_of(db_select(d, q_count_gram,
			    "sssisssissssi", tenant, q->track, gram,
			    (long long)q->ndomain, d0, d1, d2,
			    (long long)q->npref, p0, p1, p2, pat.data, cap));
			if (*total < 0)
				goto out;
			r = db_select(d, q_list_gram, "sssisssissssii", tenant,
			    q->track, gram, (long long)q->ndomain, d0, d1, d2,
			    (long long)q->npref, p0, p1, p2, pat.data, lim,
			    off);
			goto out;
		}
	}
	/*
	 * One statement: the page with the count on its rows.  A page past
	 * the last (no row, not the first page) asks for the count alone.
	 */
	if (q->ndomain > 0 && q->npref > 0) {
		r = db_select(d, q_both_dp, "sssssssssisssssssssii", tenant,
		    q->track, d0, d1, d2, p0, p1, p2, pat.data, cap, tenant,
		    q->track, d0, d1, d2, p0, p1, p2, pat.data, lim, off);
		if (r != NULL && !page_total(r, off, total))
			*total = count_of(db_select(d, q_count_dp,
			    "sssssssssi", tenant, q->track, d0, d1, d2, p0, p1,
			    p2, pat.data, cap));
	} else if (q->ndomain > 0) {
		r = db_select(d, q_both_d, "ssssssissssssii", tenant,
		    q->track, d0, d1, d2, pat.data, cap, tenant, q->track, d0,
		    d1, d2, pat.data, lim, off);
		if (r != NULL && !page_total(r, off, total))
			*total = count_of(db_select(d, q_count_d, "ssssssi",
			    tenant, q->track, d0, d1, d2, pat.data, cap));
	} else if (q->npref > 0) {
		r = db_select(d, q_both_p, "ssssssissssssii", tenant,
		    q->track, p0, p1, p2, pat.data, cap, tenant, q->track, p0,
		    p1, p2, pat.data, lim, off);
		if (r != NULL && !page_total(r, off, total))
			*total = count_of(db_select(d, q_count_p, "ssssssi",
			    tenant, q->track, p0, p1, p2, pat.data, cap));
	} else {
		r = db_select(d, q_both_none, "sssisssii", tenant, q->track,
		    pat.data, cap, tenant, q->track, pat.data, lim, off);
		if (r != NULL && !page_total(r, off, total))
			*total = count_of(db_select(d, q_count_none, "sssi",
			    tenant, q->track, pat.data, cap));
	}
	if (*total < 0) {
		dbres_free(r);
		r = NULL;
	}
out:
	buf_free(&pat);
	return r;
}

/* Row i of a result of PROG_SUMMARY columns. */
void
dbq_program_summary_row(const struct dbres *r, size_t i,
    struct program_summary *s)
{
	s->id = dbres_get(r, i, PS_ID);
	s->code = dbres_get(r, i, PS_CODE);
	s->name = dbres_get(r, i, PS_NAME);
	s->domain = dbres_get(r, i, PS_DOMAIN);
	s->pref = dbres_get(r, i, PS_PREF);
	s->capacity = dbres_get(r, i, PS_CAPACITY);
	s->instructors = dbres_get(r, i, PS_INSTRUCTORS);
	s->track = dbres_get(r, i, PS_TRACK);
	s->base = dbres_get(r, i, PS_BASE);
	s->years = dbres_get(r, i, PS_YEARS);
	s->director = r->ncols > PS_DIRECTOR ?
	    dbres_get(r, i, PS_DIRECTOR) : NULL;
}

/* ---- one program ------------------------------------------------------- */

/* A facility's columns, from FAC_ID on in a row (FAC_SEL). */
enum {
	FAC_ID, FAC_NAME, FAC_PREF, FAC_ADDRESS, FAC_BEDS, FAC_DETAILS,
	FAC_NCOLS
};
#define FAC_SEL	"f.id, f.name, f.prefecture, f.address, f.beds, f.details"

static void
facility_at(const struct dbres *r, size_t i, size_t col,
    struct facility_row *f)
{
	f->id = dbres_get(r, i, col + FAC_ID);
	f->name = dbres_get(r, i, col + FAC_NAME);
	f->pref = dbres_get(r, i, col + FAC_PREF);
	f->address = dbres_get(r, i, col + FAC_ADDRESS);
	f->beds = dbres_get(r, i, col + FAC_BEDS);
	f->details = dbres_get(r, i, col + FAC_DETAILS);
	f->role = NULL;
}

/* The columns of dbq_program_get(); the base facility from PG_BASE. */
enum {
	PG_ID, PG_CODE, PG_NAME, PG_DOMAIN, PG_PREF, PG_CAPACITY,
	PG_INSTRUCTORS, PG_YEARS, PG_DIRECTOR_UID, PG_DIRECTOR_NAME,
	PG_TRACK, PG_BOOKLET, PG_DESCRIPTION, PG_BASE,
	PG_UPDATED = PG_BASE + FAC_NCOLS
};

struct dbres *
dbq_program_get(struct db *d, const char *tenant, long long id)
{
	return db_select(d,
	    "SELECT p.id, p.code, p.name, p.domain, p.prefecture, p.capacity, "
	    "p.instructors, p.years, p.director_uid, p.director_name, p.track, "
	    "p.booklet_upload_id, p.description, " FAC_SEL ", p.updated_at "
	    "FROM program p JOIN facility f ON f.id = p.base_facility_id "
	    "WHERE p.tenant = ? AND p.id = ?", "si", tenant, id);
}

void
dbq_program_row(const struct dbres *r, size_t i, struct program_row *p)
{
	p->id = dbres_get(r, i, PG_ID);
	p->code = dbres_get(r, i, PG_CODE);
	p->name = dbres_get(r, i, PG_NAME);
	p->domain = dbres_get(r, i, PG_DOMAIN);
	p->pref = dbres_get(r, i, PG_PREF);
	p->capacity = dbres_get(r, i, PG_CAPACITY);
	p->instructors = dbres_get(r, i, PG_INSTRUCTORS);
	p->years = dbres_get(r, i, PG_YEARS);
	p->director_uid = dbres_get(r, i, PG_DIRECTOR_UID);
	p->director_name = dbres_get(r, i, PG_DIRECTOR_NAME);
	p->track = dbres_get(r, i, PG_TRACK);
	p->booklet = dbres_get(r, i, PG_BOOKLET);
	p->description = dbres_get(r, i, PG_DESCRIPTION);
	p->updated = dbres_get(r, i, PG_UPDATED);
	facility_at(r, i, PG_BASE, &p->base);
}

/* A facility's columns, then its role in the program. */
#define PARTNER_ROLE	FAC_NCOLS

void
dbq_partner_row(const struct dbres *r, size_t i, struct facility_row *f)
{
	facility_at(r, i, 0, f);
	f->role = dbres_get(r, i, PARTNER_ROLE);
}

enum {
	RO_YEAR, RO_SEQ, RO_FACILITY_ID, RO_FACILITY, RO_MONTHS, RO_NOTES,
	RO__MAX
};

/* A column of a UNION ALL's part, as text (the parts' collations differ). */
#define CH(x)	"CAST(" x " AS CHAR)"

/*
 * A program's page in one statement (issue 10: the admin's program page
 * read the program twice and its partners and rotations twice, 6
 * statements in all, its applicants' page 7, the director's 5): a UNION
 * ALL whose column 0 says 'g' (the program, as dbq_program_get()), 'p'
 * (a partner), 'r' (a rotation) or, when apps, 'a' (an application, as
 * dbq_apps_of_program() of every round); column 1 orders each part as
 * text, for dbres_sorted(): a ROW_NUMBER() over rows this wide (the
 * description is TEXT) cost MariaDB a temporary table on disk.  Partners
 * by seq, then name (by code point: the collation's order for kanji);
 * applications newest year first (9999 - year), then as the rounds
 * opened, as they were made, by id.
 * pg's results are read by dbq_program_row(), dbq_partner_row(),
 * dbq_rotation_row() and dbq_program_app_row(); pg->ap is NULL without
 * apps.  0, -1.
 */
#define PP_WIDTH	26	/* the widest part: an application */
#define PP_PAD4		"NULL, NULL, NULL, NULL"
#define PP_PAD6		PP_PAD4 ", NULL, NULL"
#define PP_PAD10	PP_PAD6 ", " PP_PAD4
int
dbq_program_page(struct db *d, const char *tenant, long long id, int apps,
    struct program_page_res *pg)
{
	struct dbres	*r;
	int		 rc = -1;

	memset(pg, 0, sizeof(*pg));
	r = dbres_cols(db_select(d,
	    "SELECT 'g', 0, " CH("p.id") ", " CH("p.code") ", " CH("p.name")
	    ", " CH("p.domain") ", " CH("p.prefecture") ", " CH("p.capacity")
	    ", " CH("p.instructors") ", " CH("p.years") ", "
	    CH("p.director_uid") ", " CH("p.director_name") ", "
	    CH("p.track") ", " CH("p.booklet_upload_id") ", "
	    CH("p.description") ", " CH("f.id") ", " CH("f.name") ", "
	    CH("f.prefecture") ", " CH("f.address") ", " CH("f.beds") ", "
	    CH("f.details") ", " CH("p.updated_at") ", " PP_PAD6 " "
	    "FROM program p JOIN facility f ON f.id = p.base_facility_id "
	    "WHERE p.tenant = ? AND p.id = ? UNION ALL "
	    "SELECT 'p', CONCAT(LPAD(pp.seq + 32768, 5, '0'), f.name), "
	    CH("f.id") ", " CH("f.name") ", " CH("f.prefecture") ", "
	    CH("f.address") ", " CH("f.beds") ", " CH("f.details") ", "
	    CH("pp.role") ", " PP_PAD10 ", " PP_PAD6 ", NULL, NULL, NULL "
	    "FROM program p JOIN program_partner pp ON pp.program_id = p.id "
	    "JOIN facility f ON f.id = pp.facility_id "
	    "WHERE p.tenant = ? AND p.id = ? UNION ALL "
	    "SELECT 'r', CONCAT(LPAD(r.year, 3, '0'), LPAD(r.seq, 3, '0')), "
	    CH("r.year") ", " CH("r.seq") ", " CH("f.id") ", " CH("f.name")
	    ", " CH("r.months") ", " CH("r.notes") ", " PP_PAD10 ", "
	    PP_PAD10 " FROM program p JOIN program_rotation r ON "
	    "r.program_id = p.id JOIN facility f ON f.id = r.facility_id "
	    "WHERE p.tenant = ? AND p.id = ? UNION ALL "
	    "SELECT 'a', CONCAT(LPAD(9999 - r.year, 4, '0'), "
	    "DATE_FORMAT(r.apply_open, '%Y%m%d%H%i%s'), "
	    "DATE_FORMAT(a.created_at, '%Y%m%d%H%i%s'), LPAD(a.id, 20, '0')), "
	    CH("a.id") ", "
	    CH("a.state") ", " CH("a.system") ", " CH("a.curriculum_reason")
	    ", " CH("a.curriculum_detail") ", " CH("a.prior_domain") ", "
	    CH("a.prior_status") ", " CH("a.prior_ym") ", "
	    CH("a.created_at") ", " CH("a.cancelled_at") ", "
	    CH("a.decided_at") ", " CH("a.declined_at") ", "
	    CH("a.decline_reason") ", " CH("a.uid") ", " CH("m.regno") ", "
	    CH("m.name_kanji") ", " CH("m.name_kana") ", " CH("m.email") ", "
	    CH("r.id") ", " CH("r.year") ", " CH("r.track") ", "
	    CH("r.kind") ", " CH("r.adjust_open") ", " CH("r.adjust_close")
	    ", " CH("r.notify_at") ", " CH("a.director_contacted") " "
	    "FROM application a JOIN recruit_round r ON r.id = a.round_id "
	    "LEFT JOIN member m ON m.tenant = a.tenant AND m.uid = a.uid "
	    "WHERE ? <> 0 AND a.tenant = ? AND a.program_id = ?",
	    "sisisiisi", tenant, id, tenant, id, tenant, id, (long long)apps,
	    tenant, id),
	    2 + PP_WIDTH);
	r = dbres_sorted(r, 2, 0);
	if (r == NULL ||
	    (pg->p = dbres_part(r, "g", 2, PG_UPDATED + 1)) == NULL ||
	    (pg->pa = dbres_part(r, "p", 2, FAC_NCOLS + 1)) == NULL ||
	    (pg->ro = dbres_part(r, "r", 2, RO__MAX)) == NULL ||
	    (apps && (pg->ap = dbres_part(r, "a", 2, PP_WIDTH)) == NULL))
		goto out;
	rc = 0;
out:
	if (rc == -1)
		dbq_program_page_free(pg);
	dbres_free(r);
	return rc;
}

void
dbq_program_page_free(struct program_page_res *pg)
{
	dbres_free(pg->p);
	dbres_free(pg->pa);
	dbres_free(pg->ro);
	dbres_free(pg->ap);
	memset(pg, 0, sizeof(*pg));
}

void
dbq_rotation_row(const struct dbres *r, size_t i, struct rotation_row *ro)
{
	ro->year = dbres_get(r, i, RO_YEAR);
	ro->seq = dbres_get(r, i, RO_SEQ);
	ro->facility_id = dbres_get(r, i, RO_FACILITY_ID);
	ro->facility = dbres_get(r, i, RO_FACILITY);
	ro->months = dbres_get(r, i, RO_MONTHS);
	ro->notes = dbres_get(r, i, RO_NOTES);
}

/* A director's programs, as PROG_SUMMARY columns. */
struct dbres *
dbq_program_of_director(struct db *d, const char *tenant, const char *uid)
{
	return db_select(d, PROG_SUMMARY
	    "WHERE p.tenant = ? AND p.director_uid = ? ORDER BY p.code",
	    "ss", tenant, uid);
}

/*
 * The admin's list: programs whose code starts with, or whose normalized
 * text contains, what was typed (or all), by code, one page; as
 * PROG_SUMMARY plus the director's name (PS_DIRECTOR).
 */
struct dbres *
dbq_program_admin_list(struct db *d, const char *tenant, const char *kw,
    long long page)
{
	struct buf	 pat = { NULL, 0, 0 }, prefix = { NULL, 0, 0 };
	struct dbres	*r = NULL;
	char		 norm[RECRUIT_KW_BYTES];

	recruit_normalize(kw != NULL ? kw : "", norm, sizeof(norm));
	like_pattern(norm, &pat);
	/* "%kw%" without its first '%': a prefix of the code. */
	like_pattern(kw != NULL ? kw : "", &prefix);
	if (pat.data != NULL && prefix.data != NULL)
		r = db_select(d,
		    "SELECT p.id, p.code, p.name, p.domain, p.prefecture, "
		    "p.capacity, p.instructors, p.track, f.name, p.years, "
		    "p.director_name FROM program p "
		    "JOIN facility f ON f.id = p.base_facility_id "
		    "WHERE p.tenant = ? AND (p.code LIKE ? OR "
		    "p.search_text LIKE ?) ORDER BY p.code LIMIT ? OFFSET ?",
		    "sssii", tenant, prefix.data + 1, pat.data,
		    (long long)RECRUIT_PAGE_SIZE + 1,
		    (page > 0 ? page - 1 : 0) * RECRUIT_PAGE_SIZE);
	buf_free(&pat);
	buf_free(&prefix);
	return r;
}

/* ---- writes ------------------------------------------------------------ */

/*
 * The id an upsert (`ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)`)
 * made or found.  When it updated a row, the refdata_version trigger
 * that fired (sql/015_refdata.sql) has cleared the insert id the client
 * sees, so the row is read by its unique key (sql, tenant, key).
 */
static long long
upsert_id(struct db *d, int rc, const char *sql, const char *tenant,
    const char *key)
{
	struct dbres	*r;
	const char	*v;
	long long	 id;

	if (rc < 0)
		return rc;
	if ((id = db_insert_id(d)) > 0)
		return id;
	if ((r = db_select(d, sql, "ss", tenant, key)) == NULL)
		return -1;
	id = (v = dbres_scalar(r)) != NULL ? atoll(v) : -1;
	dbres_free(r);
	return id;
}

/* A facility by its name within the tenant, made or updated: its id. */
long long
dbq_facility_put(struct db *d, const char *tenant,
    const struct facility_rec *f)
{
	int	 rc;

	rc = f->beds >= 0 ?
	    db_exec(d, "INSERT INTO facility (tenant, name, prefecture, "
	    "address, beds, kind, details) VALUES (?, ?, ?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), "
	    "prefecture = VALUES(prefecture), address = VALUES(address), "
	    "beds = VALUES(beds), details = VALUES(details), "
	    "kind = IF(kind = 'base', 'base', VALUES(kind))", "ssssiss",
	    tenant, f->name, f->prefecture, f->address, f->beds, f->kind,
	    f->details) :
	    db_exec(d, "INSERT INTO facility (tenant, name, prefecture, "
	    "address, beds, kind, details) VALUES (?, ?, ?, ?, NULL, ?, ?) "
	    "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), "
	    "prefecture = VALUES(prefecture), address = VALUES(address), "
	    "beds = NULL, details = VALUES(details), "
	    "kind = IF(kind = 'base', 'base', VALUES(kind))", "ssssss",
	    tenant, f->name, f->prefecture, f->address, f->kind, f->details);
	return upsert_id(d, rc, "SELECT id FROM facility WHERE tenant = ? "
	    "AND name = ?", tenant, f->name);
}

/*
 * A program: id < 0 made or updated by its code (the demo loader), 0
 * made (DB_DUP when the code is taken), > 0 updated (DB_DUP likewise).
 * Returns the id, 0 when id > 0 does not exist in the tenant.
 */
long long
dbq_program_put(struct db *d, const char *tenant, long long id,
    const struct program_rec *p)
{
	int	 rc;

	if (id > 0) {
		rc = db_exec(d, "UPDATE program SET code = ?, name = ?, "
		    "domain = ?, prefecture = ?, base_facility_id = ?, "
		    "capacity = ?, instructors = ?, years = ?, "
		    "director_uid = ?, director_name = ?, track = ?, "
		    "description = ? WHERE tenant = ? AND id = ?",
		    "ssssiiiisssssi", p->code, p->name, p->domain,
		    p->prefecture, p->base_facility_id, p->capacity,
		    p->instructors, p->years, p->director_uid,
		    p->director_name, p->track, p->description, tenant, id);
		return rc < 0 ? rc : id;
	}
	if (id == 0)
		rc = db_exec(d, "INSERT INTO program (tenant, code, name, "
		    "domain, prefecture, base_facility_id, capacity, "
		    "instructors, years, director_uid, director_name, track, "
		    "description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    "sssssiiiissss", tenant, p->code, p->name, p->domain,
		    p->prefecture, p->base_facility_id, p->capacity,
		    p->instructors, p->years, p->director_uid,
		    p->director_name, p->track, p->description);
	else
		rc = db_exec(d, "INSERT INTO program (tenant, code, name, "
		    "domain, prefecture, base_facility_id, capacity, "
		    "instructors, years, director_uid, director_name, track, "
		    "description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		    "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), "
		    "name = VALUES(name), domain = VALUES(domain), "
		    "prefecture = VALUES(prefecture), "
		    "base_facility_id = VALUES(base_facility_id), "
		    "capacity = VALUES(capacity), "
		    "instructors = VALUES(instructors), years = VALUES(years), "
		    "director_uid = VALUES(director_uid), "
		    "director_name = VALUES(director_name), "
		    "track = VALUES(track), description = VALUES(description)",
		    "sssssiiiissss", tenant, p->code, p->name, p->domain,
		    p->prefecture, p->base_facility_id, p->capacity,
		    p->instructors, p->years, p->director_uid,
		    p->director_name, p->track, p->description);
	return upsert_id(d, rc, "SELECT id FROM program WHERE tenant = ? "
	    "AND code = ?", tenant, p->code);
}

/* A partner facility of a program of the tenant (both must be its). */
int
dbq_partner_put(struct db *d, const char *tenant, long long program,
    long long facility, const char *role, int seq)
{
	return db_exec(d, "INSERT INTO program_partner (program_id, "
	    "facility_id, role, seq) SELECT p.id, f.id, ?, ? FROM program p "
	    "JOIN facility f ON f.tenant = p.tenant AND f.id = ? "
	    "WHERE p.tenant = ? AND p.id = ? "
	    "ON DUPLICATE KEY UPDATE role = VALUES(role), seq = VALUES(seq)",
	    "siisi", role, (long long)seq, facility, tenant, program);
}

/* Remove a partner, and the rotations that went there. */
int
dbq_partner_del(struct db *d, const char *tenant, long long program,
    long long facility)
{
	int	 rc;

	rc = db_exec(d, "DELETE r FROM program_rotation r "
	    "JOIN program p ON p.id = r.program_id "
	    "WHERE p.tenant = ? AND p.id = ? AND r.facility_id = ? "
	    "AND r.facility_id <> p.base_facility_id", "sii", tenant, program,
	    facility);
	if (rc < 0)
		return rc;
	return db_exec(d, "DELETE pp FROM program_partner pp "
	    "JOIN program p ON p.id = pp.program_id "
	    "WHERE p.tenant = ? AND p.id = ? AND pp.facility_id = ?",
	    "sii", tenant, program, facility);
}

/* A rotation: in training year `year`, place `seq`, months at a facility. */
int
dbq_rotation_put(struct db *d, const char *tenant, long long program,
    int year, int seq, long long facility, int months, const char *notes)
{
	return db_exec(d, "INSERT INTO program_rotation (program_id, year, "
	    "seq, facility_id, months, notes) SELECT p.id, ?, ?, f.id, ?, ? "
	    "FROM program p JOIN facility f ON f.tenant = p.tenant "
	    "AND f.id = ? WHERE p.tenant = ? AND p.id = ? "
	    "ON DUPLICATE KEY UPDATE facility_id = VALUES(facility_id), "
	    "months = VALUES(months), notes = VALUES(notes)", "iiisisi",
	    (long long)year, (long long)seq, (long long)months, notes,
	    facility, tenant, program);
}

int
dbq_rotation_del(struct db *d, const char *tenant, long long program,
    int year, int seq)
{
	return db_exec(d, "DELETE r FROM program_rotation r "
	    "JOIN program p ON p.id = r.program_id "
	    "WHERE p.tenant = ? AND p.id = ? AND r.year = ? AND r.seq = ?",
	    "siii", tenant, program, (long long)year, (long long)seq);
}

int
dbq_rotations_clear(struct db *d, const char *tenant, long long program)
{
	return db_exec(d, "DELETE r FROM program_rotation r "
	    "JOIN program p ON p.id = r.program_id "
	    "WHERE p.tenant = ? AND p.id = ?", "si", tenant, program);
}

/* The booklet (a public PDF upload of the same tenant), or none (0). */
int
dbq_program_booklet(struct db *d, const char *tenant, long long program,
    long long upload)
{
	if (upload <= 0)
		return db_exec(d, "UPDATE program SET booklet_upload_id = NULL "
		    "WHERE tenant = ? AND id = ?", "si", tenant, program);
	return db_exec(d, "UPDATE program SET booklet_upload_id = ? "
	    "WHERE tenant = ? AND id = ?", "isi", upload, tenant, program);
}

/* ---- the keyword index -------------------------------------------------- */

/*
 * Keep search_text and the program's grams in step with its code, name
 * and base facility; the per-gram counts follow.  1 reindexed, 0 it
 * already was, -1 error.  Run it in the transaction that changed the
 * program.
 */
int
dbq_program_reindex(struct db *d, const char *tenant, long long id)
{
	/* Code, name and base facility: search_text's parts, in order. */
	enum { RX_CODE, RX_NAME, RX_BASE, RX_TEXT, RX_HAS_GRAMS };
	struct dbres	*r;
	struct buf	 raw = { NULL, 0, 0 };
	char		 text[SEARCH_TEXT_CHARS * 4 + 1];
	int		 rc = -1, have;

	r = db_select(d, "SELECT p.code, p.name, f.name, p.search_text, "
	    "EXISTS (SELECT 1 FROM program_gram g WHERE g.program_id = p.id) "
	    "FROM program p JOIN facility f ON f.id = p.base_facility_id "
	    "WHERE p.tenant = ? AND p.id = ?", "si", tenant, id);
	if (r == NULL)
		goto out;
	if (r->nrows == 0) {
		rc = 0;
		goto out;
	}
	/* Each part normalized alone: '|' never joins two of them. */
	for (have = RX_CODE; have <= RX_BASE; have++) {
		char part[SEARCH_TEXT_CHARS * 4 + 1];
		recruit_normalize(dbres_get(r, 0, (size_t)have), part,
		    sizeof(part));
		buf_printf(&raw, "%s%s", have > RX_CODE ? "|" : "", part);
	}
	if (raw.data == NULL)
		goto out;
	/* Cut at SEARCH_TEXT_CHARS characters, on a character boundary. */
	{
		size_t i = 0, chars = 0;
		while (raw.data[i] != '\0' && chars < SEARCH_TEXT_CHARS) {
			i++;
			while ((raw.data[i] & 0xc0) == 0x80)
				i++;
			chars++;
		}
		snprintf(text, sizeof(text), "%.*s", (int)i, raw.data);
	}
	have = strcmp(dbres_get(r, 0, RX_HAS_GRAMS), "1") == 0;
	if (have && strcmp(text, dbres_get(r, 0, RX_TEXT)) == 0) {
		rc = 0;
		goto out;
	}
	if (db_exec(d, "UPDATE program SET search_text = ? "
	    "WHERE tenant = ? AND id = ?", "ssi", text, tenant, id) < 0 ||
	    db_exec(d, "UPDATE program_gram_df df JOIN program_gram g "
	    "ON g.tenant = df.tenant AND g.track = df.track "
	    "AND g.gram = df.gram SET df.n = df.n - 1 "
	    "WHERE g.tenant = ? AND g.program_id = ?", "si", tenant, id) < 0 ||
	    db_exec(d, "DELETE FROM program_gram WHERE tenant = ? "
	    "AND program_id = ?", "si", tenant, id) < 0 ||
	    db_exec(d, "INSERT IGNORE INTO program_gram (tenant, track, gram, "
	    "program_id) SELECT p.tenant, p.track, "
	    "SUBSTRING(p.search_text, s.seq, 2), p.id FROM program p "
	    "JOIN seq_1_to_2000 s ON s.seq < CHAR_LENGTH(p.search_text) "
	    "WHERE p.tenant = ? AND p.id = ? "
	    "AND LOCATE('|', SUBSTRING(p.search_text, s.seq, 2)) = 0",
	    "si", tenant, id) < 0 ||
	    db_exec(d, "INSERT INTO program_gram_df (tenant, track, gram, n) "
	    "SELECT tenant, track, gram, 1 FROM program_gram "
	    "WHERE tenant = ? AND program_id = ? "
	    "ON DUPLICATE KEY UPDATE n = n + 1", "si", tenant, id) < 0)
		goto out;
	rc = 1;
out:
	dbres_free(r);
	buf_free(&raw);
	return rc;
}

/*
 * The grams and counts of every program of the tenant, rebuilt from
 * search_text in three statements: for catalogues loaded in bulk (the
 * benchmark's).  0 ok, -1 error.
 */
int
dbq_program_index_all(struct db *d, const char *tenant)
{
	if (db_exec(d, "DELETE FROM program_gram WHERE tenant = ?", "s",
	    tenant) < 0 ||
	    db_exec(d, "INSERT IGNORE INTO program_gram (tenant, track, gram, "
	    "program_id) SELECT p.tenant, p.track, "
	    "SUBSTRING(p.search_text, s.seq, 2), p.id FROM program p "
	    "JOIN seq_1_to_2000 s ON s.seq < CHAR_LENGTH(p.search_text) "
	    "WHERE p.tenant = ? "
	    "AND LOCATE('|', SUBSTRING(p.search_text, s.seq, 2)) = 0",
	    "s", tenant) < 0 ||
	    db_exec(d, "DELETE FROM program_gram_df WHERE tenant = ?", "s",
	    tenant) < 0 ||
	    db_exec(d, "INSERT INTO program_gram_df (tenant, track, gram, n) "
	    "SELECT tenant, track, gram, COUNT(*) FROM program_gram "
	    "WHERE tenant = ? GROUP BY tenant, track, gram", "s", tenant) < 0)
		return -1;
	return 0;
}

/* A program's id by its code: >0, 0 none, -1 error. */
long long
dbq_program_id(struct db *d, const char *tenant, const char *code)
{
	struct dbres	*r;
	const char	*c;
	long long	 id = -1;

	if ((r = db_select(d, "SELECT id FROM program WHERE tenant = ? "
	    "AND code = ?", "ss", tenant, code)) != NULL) {
		id = (c = dbres_scalar(r)) != NULL ? atoll(c) : 0;
		dbres_free(r);
	}
	return id;
}
