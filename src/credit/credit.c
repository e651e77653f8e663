/*
 * credit.c — the credit service of credit.h: fiscal years, the member's
 * ledger with its totals, sums and checks for products, events and
 * attendance in batches.  SQL is in dbq_credit.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clock.h"
#include "credit_int.h"
#include "ctx.h"
#include "db.h"
#include "owncache.h"
#include "refcache.h"
#include "tenant.h"

/* ---- fiscal years and units (pure) -------------------------------------- */

int
credit_fy(const char *d)
{
	int	y, m, day, n = 0;

	if (d == NULL || sscanf(d, "%4d-%2d-%2d%n", &y, &m, &day, &n) != 3 ||
	    n != 10 || d[10] != '\0' || y < 1900 || m < 1 || m > 12 ||
	    day < 1 || day > 31)
		return -1;
	return m < 4 ? y - 1 : y;
}

int
credit_fy_at(time_t t)
{
	struct tm	tm;

	jst_tm(t, &tm);
	return tm.tm_mon < 3 ? tm.tm_year + 1900 - 1 : tm.tm_year + 1900;
}

void
credit_fy_bounds(int fy, char *from, size_t fromsz, char *to, size_t tosz)
{
	snprintf(from, fromsz, "%04d-04-01", fy);
	snprintf(to, tosz, "%04d-03-31", fy + 1);
}

long
credit_tenths(const char *s)
{
	long	 v = 0;
	int	 digits = 0, dec = -1;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s == '.' && dec < 0 && digits > 0) {
			dec = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || digits >= 4 || dec >= 1)
			return -1;
		v = v * 10 + (*s - '0');
		if (dec >= 0)
			dec++;
		else
			digits++;
	}
	if (dec == 0)
		return -1;		/* "12." */
	if (dec < 0)
		v *= 10;
	return v <= 9999 ? v : -1;
}

void
credit_tenths_fmt(long t, char *out, size_t len)
{
	char	 d[24];
	size_t	 n = 0;
	long	 w;

	/* By hand: the ledger formats three figures a row (snprintf()
	 * was 2 % of its page).  What no credit has goes to snprintf(). */
	if (t < 0 || t > 99999999 || len < 12) {
		snprintf(out, len, "%ld.%ld", t / 10, t % 10);
		return;
	}
	w = t / 10;
	do
		d[n++] = (char)('0' + w % 10);
	while ((w /= 10) > 0);
	while (n > 0)
		*out++ = d[--n];
	*out++ = '.';
	*out++ = (char)('0' + t % 10);
	*out = '\0';
}

/* ---- curriculum codes (reference data, cached per worker) --------------- */

const struct dbres *
credit_codes(struct ctx *c)
{
	return refcache_get(c, "credit.codes", dbq_credit_codes);
}

void
credit_code_select(xmlNodePtr f, const struct dbres *codes)
{
	xmlNodePtr	 o;
	char		 label[256];
	size_t		 i;

	model_attr(f, "type", "select");
	for (i = 0; codes != NULL && i < codes->nrows; i++) {
		snprintf(label, sizeof(label), "%s %s",
		    dbres_get(codes, i, CCODE_CODE),
		    dbres_get(codes, i, CCODE_NAME));
		o = model_text(f, "option", label);
		model_attr(o, "value", dbres_get(codes, i, CCODE_CODE));
	}
}

/*
 * The code list's rows by code, for the ledger, which looks up a name
 * and a total line for every credit (a scan of the 85 codes was 5 % of
 * its page): open addressing over FNV-1a; a list too long for the
 * slots is scanned as before.
 */
#define CODE_IX_SLOTS	512

struct code_ix {
	const struct dbres	*r;
	int			 on;
	int			 slot[CODE_IX_SLOTS];	/* row + 1; 0: empty */
};

static unsigned
code_hash(const char *s)
{
	unsigned	 h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Row of code in the list, or -1. */
static long
code_ix_find(const struct code_ix *ix, const char *code)
{
	const char	*c;
	unsigned	 h;
	long		 i, row = -1;

	if (code == NULL || ix->r == NULL)
		return -1;
	if (!ix->on) {
		for (i = 0; row < 0 && (size_t)i < ix->r->nrows; i++)
			if ((c = dbres_get(ix->r, i, CCODE_CODE)) != NULL &&
			    strcmp(c, code) == 0)
				row = i;
		return row;
	}
	for (h = code_hash(code) % CODE_IX_SLOTS; ix->slot[h] != 0;
	    h = (h + 1) % CODE_IX_SLOTS)
		if (strcmp(dbres_get(ix->r, ix->slot[h] - 1, CCODE_CODE),
		    code) == 0) {
			row = ix->slot[h] - 1;
			break;
		}
	return row;
}

static void
code_ix_init(struct code_ix *ix, const struct dbres *r)
{
	size_t		 i;
	unsigned	 h;
	const char	*code;

	memset(ix, 0, sizeof(*ix));
	ix->r = r;
	if (r == NULL || r->nrows > CODE_IX_SLOTS / 2)
		return;
	ix->on = 1;
	/* The first of equal codes wins, as in credit_code_name(). */
	for (i = 0; i < r->nrows; i++) {
		if ((code = dbres_get(r, i, CCODE_CODE)) == NULL ||
		    code_ix_find(ix, code) >= 0)
			continue;
		for (h = code_hash(code) % CODE_IX_SLOTS; ix->slot[h] != 0;
		    h = (h + 1) % CODE_IX_SLOTS)
			;
		ix->slot[h] = (int)i + 1;
	}
}

const char *
credit_code_name(const struct dbres *r, const char *code)
{
	size_t	 i;

	for (i = 0; r != NULL && code != NULL && i < r->nrows; i++)
		if (strcmp(dbres_get(r, i, CCODE_CODE), code) == 0)
			return dbres_get(r, i, CCODE_NAME);
	return NULL;
}

int
credit_codes_model(struct ctx *c, xmlNodePtr parent)
{
	const struct dbres	*r;
	xmlNodePtr		 cs, n;
	size_t			 i;

	if ((r = credit_codes(c)) == NULL)
		return -1;
	cs = model_node(parent, "codes");
	for (i = 0; i < r->nrows; i++) {
		n = model_node(cs, "code");
		model_attr(n, "code", dbres_get(r, i, CCODE_CODE));
		model_attr(n, "name", dbres_get(r, i, CCODE_NAME));
	}
	return (int)r->nrows;
}

/* ---- the ledger (CME-1) ---------------------------------------------------- */

size_t
credit_tally_add(struct credit_tally *t, size_t n, const char *key,
    long tenths)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].key, key) == 0)
			break;
	if (i == n) {
		if (n == CREDIT_TALLY_MAX)
			return n;
		snprintf(t[n].key, sizeof(t[n].key), "%s", key);
		t[n].tenths = t[n].count = 0;
		n++;
	}
	t[i].tenths += tenths;
	t[i].count++;
	return n;
}

static int
tally_cmp_desc(const void *a, const void *b)
{
	return -strcmp(((const struct credit_tally *)a)->key,
	    ((const struct credit_tally *)b)->key);
}

/* Codes in their numeric order ("2" before "10"), the code-less last. */
static int
tally_cmp_code(const void *a, const void *b)
{
	const char	*x = ((const struct credit_tally *)a)->key;
	const char	*y = ((const struct credit_tally *)b)->key;

	if (*x == '\0' || *y == '\0')
		return (*x == '\0') - (*y == '\0');
	if (strlen(x) != strlen(y))
		return strlen(x) < strlen(y) ? -1 : 1;
	return strcmp(x, y);
}

void
credit_tally_sort(struct credit_tally *t, size_t n, int codes)
{
	qsort(t, n, sizeof(*t), codes ? tally_cmp_code : tally_cmp_desc);
}

int
credit_ledger_model(struct ctx *c, xmlNodePtr parent, const char *uid,
    int fy, int *shown_fy)
{
	char			 from[32] = "", to[32] = "";
	struct credit_tally	 fys[CREDIT_TALLY_MAX], codes[CREDIT_TALLY_MAX];
	struct credit_tally	*by = NULL;	/* per row of the code list */
	struct code_ix		 ix;
	struct dbres		*fresh = NULL;
	const struct dbres	*names, *r;
	xmlNodePtr		 top, rows, n;
	const char		*d, *code;
	char			 u[32];
	size_t			 i, nfy = 0, ncode = 0;
	long			 t, k, total = 0;
	int			 shown = -1;

	/* The member's own rows, kept between requests (owncache.h). */
	if ((names = credit_codes(c)) == NULL ||
	    (by = calloc(names->nrows + 1, sizeof(*by))) == NULL ||
	    ((r = owncache_get(c, uid, "credit.ledger", "")) == NULL &&
	    (r = fresh = dbq_credit_ledger(c->app->db, c->tenant->slug,
	    uid)) == NULL)) {
		free(by);
		return -1;
	}
	code_ix_init(&ix, names);
	/* The latest: the newest credit's (the rows come newest first). */
	if (fy < 0)
		fy = r->nrows > 0 ? atoi(dbres_get(r, 0, CL_FY)) : 0;
	if (fy > 0)
		credit_fy_bounds(fy, from, sizeof(from), to, sizeof(to));
	if (shown_fy != NULL)
		*shown_fy = fy;
	top = model_node(parent, "credits");
	if (*from != '\0')
		model_attr(top, "from", from);
	if (*to != '\0')
		model_attr(top, "to", to);
	rows = model_node(top, "rows");
	shown = 0;
	for (i = 0; i < r->nrows; i++) {
		d = dbres_get(r, i, CL_DATE);
		t = credit_tenths(dbres_get(r, i, CL_UNITS));
		if (t < 0)
			t = 0;
		nfy = credit_tally_add(fys, nfy, dbres_get(r, i, CL_FY), t);
		if ((*from != '\0' && strcmp(d, from) < 0) ||
		    (*to != '\0' && strcmp(d, to) > 0))
			continue;
		code = dbres_get(r, i, CL_CODE);
		/* A listed code's line by its row; the rest by key. */
		if ((k = code_ix_find(&ix, code)) >= 0) {
			by[k].tenths += t;
			by[k].count++;
		} else
			ncode = credit_tally_add(codes, ncode,
			    code != NULL ? code : "", t);
		total += t;
		shown++;
		n = model_node(rows, "row");
		model_attr(n, "id", dbres_get(r, i, CL_ID));
		model_attr(n, "date", d);
		model_attr(n, "fy", dbres_get(r, i, CL_FY));
		if (code != NULL) {
			model_attr(n, "code", code);
			if (k >= 0)
				model_attr(n, "code-name",
				    dbres_get(names, k, CCODE_NAME));
		}
		credit_tenths_fmt(t, u, sizeof(u));
		model_attr(n, "units", u);
		model_attr(n, "source", dbres_get(r, i, CL_SOURCE));
		model_attr(n, "title", dbres_get(r, i, CL_TITLE));
		if (dbres_get(r, i, CL_EVENT) != NULL)
			model_attr(n, "event", dbres_get(r, i, CL_EVENT));
		if (dbres_get(r, i, CL_UPLOAD) != NULL)
			model_attr(n, "upload", dbres_get(r, i, CL_UPLOAD));
	}
	credit_tenths_fmt(total, u, sizeof(u));
	model_attr(top, "units", u);
	model_attrn(top, "count", shown);
	credit_tally_sort(fys, nfy, 0);
	for (i = 0; i < nfy; i++) {
		n = model_node(top, "fy-total");
		model_attr(n, "fy", fys[i].key);
		credit_tenths_fmt(fys[i].tenths, u, sizeof(u));
		model_attr(n, "units", u);
		model_attrn(n, "count", fys[i].count);
	}
	for (i = 0; i < names->nrows && ncode < CREDIT_TALLY_MAX; i++)
		if (by[i].count > 0) {
			by[i].key[0] = '\0';
			strncat(by[i].key, dbres_get(names, i, CCODE_CODE),
			    sizeof(by[i].key) - 1);
			codes[ncode++] = by[i];
		}
	credit_tally_sort(codes, ncode, 1);
	for (i = 0; i < ncode; i++) {
		n = model_node(top, "code-total");
		if (codes[i].key[0] != '\0') {
			model_attr(n, "code", codes[i].key);
			if ((k = code_ix_find(&ix, codes[i].key)) >= 0)
				model_attr(n, "name",
				    dbres_get(names, k, CCODE_NAME));
		}
		credit_tenths_fmt(codes[i].tenths, u, sizeof(u));
		model_attr(n, "units", u);
		model_attrn(n, "count", codes[i].count);
	}
	owncache_put(c, uid, "credit.ledger", "", fresh);
	free(by);
	return shown;
}

/* ---- for products ---------------------------------------------------------- */

int
credit_sum(struct db *db, const char *tenant, const char *uid,
    const char *kind, const char *from, const char *to, double *units,
    long long *events)
{
	struct dbres	*r;
	char		 u[32];
	int		 rc = -1;

	*units = 0;
	*events = 0;
	r = dbq_credit_sum_read(db, tenant, uid, kind, from, to);
	if (dbq_credit_sum_parse(r, u, sizeof(u), events) == 0) {
		*units = strtod(u, NULL);
		rc = 0;
	}
	dbres_free(r);
	return rc;
}

int
credit_sum_own(struct ctx *c, const char *uid, const char *kind,
    const char *from, const char *to, double *units, long long *events)
{
	const struct dbres	*kept;
	struct dbres		*fresh = NULL;
	char			 key[64], u[32];
	int			 rc = -1;

	*units = 0;
	*events = 0;
	snprintf(key, sizeof(key), "%s/%s/%s", kind != NULL ? kind : "",
	    from != NULL ? from : "", to != NULL ? to : "");
	if ((kept = owncache_get(c, uid, "credit.sum", key)) == NULL)
		kept = fresh = dbq_credit_sum_read(c->app->db,
		    c->tenant->slug, uid, kind, from, to);
	if (dbq_credit_sum_parse(kept, u, sizeof(u), events) == 0) {
		*units = strtod(u, NULL);
		rc = 0;
	}
	owncache_put(c, uid, "credit.sum", key, fresh);
	return rc;
}

int
credit_series_attended(struct db *db, const char *tenant, const char *uid,
    const char *kind, const char *series, const char *from, const char *to)
{
	return dbq_credit_series(db, tenant, uid, kind, series, from, to);
}

int
credit_attended_model(struct db *db, xmlNodePtr parent, const char *tenant,
    const char *uid, const char *kind, const char *from, const char *to)
{
	struct dbres	*r;
	xmlNodePtr	 top, n;
	char		 u[32];
	size_t		 i;
	long		 t, total = 0;

	if ((r = dbq_credit_attended(db, tenant, uid, kind, from, to)) ==
	    NULL)
		return -1;
	top = model_node(parent, "attended");
	for (i = 0; i < r->nrows; i++) {
		n = model_node(top, "event");
		model_attr(n, "id", dbres_get(r, i, CA_ID));
		model_attr(n, "number", dbres_get(r, i, CA_NUMBER));
		model_attr(n, "title", dbres_get(r, i, CA_TITLE));
		model_attr(n, "kind", dbres_get(r, i, CA_KIND));
		if (dbres_get(r, i, CA_SERIES) != NULL)
			model_attr(n, "series", dbres_get(r, i, CA_SERIES));
		model_attr(n, "held-on", dbres_get(r, i, CA_HELD));
		if ((t = credit_tenths(dbres_get(r, i, CA_UNITS))) < 0)
			t = 0;
		total += t;
		credit_tenths_fmt(t, u, sizeof(u));
		model_attr(n, "units", u);
	}
	credit_tenths_fmt(total, u, sizeof(u));
	model_attr(top, "units", u);
	model_attrf(top, "count", "%zu", r->nrows);
	i = r->nrows;
	dbres_free(r);
	return (int)i;
}

long long
credit_add(struct db *db, const char *tenant, const char *uid,
    const char *source, const char *code, double units,
    const char *earned_on, const char *title, long long upload_id)
{
	char	 u[32];

	if (source == NULL || (strcmp(source, CREDIT_SRC_SELF) != 0 &&
	    strcmp(source, CREDIT_SRC_ELEARNING) != 0) || units < 0 ||
	    units > CREDIT_UNITS_MAX || credit_fy(earned_on) < 0)
		return -1;
	snprintf(u, sizeof(u), "%.1f", units);
	return dbq_credit_add(db, tenant, uid, source, code, u, earned_on,
	    title, upload_id);
}

/* ---- events and attendance ------------------------------------------------- */

int
credit_refresh(struct db *db, const char *tenant, const long long *ids,
    size_t n)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i, j;
	int		 rc = 0;

	for (i = 0; i < n && rc == 0; i += CREDIT_BATCH) {
		buf_reset(&b);
		buf_puts(&b, "[");
		for (j = i; j < n && j < i + CREDIT_BATCH; j++)
			buf_printf(&b, "%s%lld", j > i ? "," : "", ids[j]);
		buf_puts(&b, "]");
		if (b.data == NULL)
			rc = -1;
		else
			rc = dbq_credit_refresh(db, tenant, b.data);
	}
	buf_free(&b);
	return rc;
}

long long
credit_event_put(struct db *db, const char *tenant,
    const struct credit_event *e, const char *const *codes,
    const double *code_units, size_t ncodes)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 u[32];
	size_t		 i;
	long long	 id;

	snprintf(u, sizeof(u), "%.1f", e->units);
	if ((id = dbq_credit_event_put(db, tenant, 0, e, u)) <= 0)
		return -1;
	if (ncodes > 0) {
		buf_puts(&b, "[");
		for (i = 0; i < ncodes; i++) {
			buf_puts(&b, i > 0 ? ",[" : "[");
			buf_json_str(&b, codes[i]);
			buf_printf(&b, ",%.1f]", code_units[i]);
		}
		buf_puts(&b, "]");
	}
	if ((ncodes > 0 && b.data == NULL) ||
	    dbq_credit_event_codes(db, id, ncodes > 0 ? b.data : NULL,
	    ncodes > 1) < 0 || credit_refresh(db, tenant, &id, 1) < 0)
		id = -1;
	buf_free(&b);
	return id;
}

static int
ll_cmp(const void *a, const void *b)
{
	long long	 x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

int
credit_attend(struct db *db, const char *tenant, const long long *ids,
    const char *const *uids, const double *units, size_t n)
{
	struct buf	 b = { NULL, 0, 0 };
	long long	*ev = NULL;
	size_t		 i, j, nev = 0;
	int		 rc = 0;

	if (n == 0)
		return 0;
	for (i = 0; i < n && rc == 0; i += CREDIT_BATCH) {
		buf_reset(&b);
		buf_puts(&b, "[");
		for (j = i; j < n && j < i + CREDIT_BATCH; j++) {
			buf_printf(&b, "%s[%lld,", j > i ? "," : "", ids[j]);
			buf_json_str(&b, uids[j]);
			if (units == NULL || units[j] < 0)
				buf_puts(&b, ",null]");
			else
				buf_printf(&b, ",%.1f]", units[j]);
		}
		buf_puts(&b, "]");
		rc = b.data == NULL ? -1 : dbq_credit_attend(db, tenant,
		    b.data);
	}
	buf_free(&b);
	if (rc < 0 || (ev = calloc(n, sizeof(*ev))) == NULL)
		return -1;
	memcpy(ev, ids, n * sizeof(*ev));
	qsort(ev, n, sizeof(*ev), ll_cmp);
	for (i = 0; i < n; i++)
		if (nev == 0 || ev[nev - 1] != ev[i])
			ev[nev++] = ev[i];
	rc = credit_refresh(db, tenant, ev, nev);
	free(ev);
	return rc;
}
