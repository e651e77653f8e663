/*
 * second_sections.c — the four sections of 二次申請 (PAL-6..PAL-9; seed
 * 002 pages 9-14), each 未登録 / 登録中 / 登録済 by the platform's rule
 * (apply.c): every form or row passes its fields and the check below.
 *
 *   1 resume    申請書・履歴書 (認定要件2): 学歴 and 職歴, SECOND_SLOTS
 *               slots each (first required, at least two shown, more
 *               behind 「行を追加する」, a slot's 「×」 deletes it and
 *               moves the rest up), and the years of palliative clinical
 *               experience (required)
 *   2 training  臨床研修修了証明書 (認定要件3): one row per certificate —
 *               category, the facility's certification (a facility
 *               appears once per kind and period), months up to July of
 *               the year, the supervisor (by name, kana or number), the
 *               certificate as a PDF; a period outside the supervisor's
 *               certification is refused with the hint to split it
 *   3 works     業績書 (認定要件6): one row per achievement, a PDF each
 *   4 documents 医師免許・受講証・受験用写真 (認定要件1・5): PDF/PNG/JPEG
 *
 * The registries are pal1's (certify.h): searched with ?fq= and ?sq=
 * on the certificate's form, so it works without JavaScript.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "certify.h"
#include "db.h"
#include "refcache.h"
#include "ctx.h"
#include "form.h"
#include "second.h"
#include "tenant.h"
#include "upload.h"

/* ---- 1 申請書・履歴書 ------------------------------------------------------ */

#define SLOT(l, n) \
	{ l "." #n ".date", F_DATE, 0, 10, "second.field." l ".date", NULL }, \
	{ l "." #n ".text", F_TEXT, 0, 200, "second.field." l ".text", NULL }
#define SLOTS(l) SLOT(l, 1), SLOT(l, 2), SLOT(l, 3), SLOT(l, 4), \
	SLOT(l, 5), SLOT(l, 6), SLOT(l, 7), SLOT(l, 8), SLOT(l, 9), \
	SLOT(l, 10)

/* years, then 学歴's slots, then 職歴's (index arithmetic below). */
static const struct field resume_fields[] = {
	{ "years", F_NUMBER, 1, 2, "second.field.years", NULL },
	SLOTS("edu"),
	SLOTS("car"),
};
#define NRESUME	(sizeof(resume_fields) / sizeof(resume_fields[0]))
#define YEARS_MAX	70

static const char *const lists[] = { "edu", "car" };

/* The field of list l's slot i: its date (text + 1). */
static const struct field *
slot_field(int l, int i, int text)
{
	return &resume_fields[1 + l * 2 * SECOND_SLOTS + 2 * i + text];
}

static void
slots_of(const struct kvlist *vals, int l, struct second_slot *s)
{
	int	 i;

	for (i = 0; i < SECOND_SLOTS; i++) {
		s[i].date = kv_str(vals, slot_field(l, i, 0)->name);
		s[i].text = kv_str(vals, slot_field(l, i, 1)->name);
	}
}

static int
resume_check(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, int row, struct kvlist *vals,
    struct form_result *res)
{
	struct second_slot	 s[SECOND_SLOTS];
	struct second_slot_err	 e[SECOND_SLOTS];
	const char		*y = kv_str(vals, "years");
	int			 l, i;

	(void)c; (void)a; (void)rs; (void)row;
	for (l = 0; l < 2; l++) {
		slots_of(vals, l, s);
		second_slots_check(s, SECOND_SLOTS, e);
		for (i = 0; i < SECOND_SLOTS; i++) {
			if (e[i].date != NULL)
				form_error_once(res, slot_field(l, i, 0)->name,
				    e[i].date);
			if (e[i].text != NULL)
				form_error_once(res, slot_field(l, i, 1)->name,
				    e[i].text);
		}
	}
	if (y != NULL && *y != '\0' && !form_has_error(res, "years") &&
	    atoi(y) > YEARS_MAX)
		form_error_add(res, "years", "second.err.years");
	return 0;
}

/* The value of name in vals, or NULL (typed_values() adds every field). */
static struct kv *
val_of(struct kvlist *vals, const char *name)
{
	size_t	 i;

	for (i = 0; i < vals->n; i++)
		if (strcmp(vals->kv[i].key, name) == 0)
			return &vals->kv[i];
	return NULL;
}

/*
 * 学歴・職歴's 「×」 (seed 002: 「行数の削除は、欄外右側の「×」ボタンで
 * 削除できます」): the POST's "drop" names a slot ("edu.3"); it goes,
 * the slots after it move up and the last is left blank, before the
 * values are checked and saved.  Two slots are still shown after (「2
 * 行以下にはなりません」: second_slots_shown()).
 */
static int
resume_typed(struct ctx *c, const struct apply_app *a, struct kvlist *vals)
{
	struct kv	*x, *y;
	char		*v;
	size_t		 vl;
	int		 l, n, i, t;

	(void)a;
	if (!second_drop_parse(kv_str(&c->form, "drop"), &l, &n))
		return 0;
	for (i = n; i < SECOND_SLOTS - 1; i++)
		for (t = 0; t < 2; t++) {
			x = val_of(vals, slot_field(l, i, t)->name);
			y = val_of(vals, slot_field(l, i + 1, t)->name);
			if (x == NULL || y == NULL)
				continue;
			v = x->val, vl = x->vlen;
			x->val = y->val, x->vlen = y->vlen;
			y->val = v, y->vlen = vl;
		}
	for (t = 0; t < 2; t++)
		if ((x = val_of(vals, slot_field(l, SECOND_SLOTS - 1,
		    t)->name)) != NULL) {
			x->val[0] = '\0';
			x->vlen = 0;
		}
	return 0;
}

/*
 * Each slot's list, number and whether it is beyond those shown (the
 * stylesheet puts those behind 「行を追加する」: no script needed).
 */
static int
resume_options(struct ctx *c, const struct apply_app *a, xmlNodePtr form)
{
	struct second_slot	 s[SECOND_SLOTS];
	struct kvlist		 vals = { NULL, 0, 0 };
	xmlNodePtr		 f, v;
	xmlChar			*t;
	size_t			 shown, k;
	int			 l, i;

	(void)c; (void)a;
	/* What the form holds now, as typed. */
	for (k = 0; k < NRESUME; k++) {
		if ((f = form_field(form, resume_fields[k].name)) == NULL)
			continue;
		for (v = f->children; v != NULL; v = v->next)
			if (v->type == XML_ELEMENT_NODE &&
			    xmlStrcmp(v->name, (const xmlChar *)"value") == 0 &&
			    (t = xmlNodeGetContent(v)) != NULL) {
				kv_add(&vals, resume_fields[k].name,
				    strlen(resume_fields[k].name),
				    (const char *)t, strlen((const char *)t));
				xmlFree(t);
			}
	}
	for (l = 0; l < 2; l++) {
		slots_of(&vals, l, s);
		shown = second_slots_shown(s, SECOND_SLOTS);
		for (i = 0; i < SECOND_SLOTS; i++)
			for (k = 0; k < 2; k++) {
				if ((f = form_field(form,
				    slot_field(l, i, (int)k)->name)) == NULL)
					continue;
				model_attr(f, "list", lists[l]);
				model_attrf(f, "slot", "%d", i + 1);
				if ((size_t)i >= shown)
					model_attr(f, "more", "1");
			}
	}
	kv_free(&vals);
	return 0;
}

/* ---- 2 臨床研修修了証明書 --------------------------------------------------- */

static const char *const categories[] = {
	"core", "partner", "certified", NULL
};

static const struct field training_fields[] = {
	{ "category", F_SELECT, 1, 0, "second.field.category", categories },
	{ "facility", F_DIGITS, 1, 12, "second.field.facility", NULL },
	{ "start", F_TEXT, 1, 7, "second.field.start", NULL },
	{ "end", F_TEXT, 1, 7, "second.field.end", NULL },
	{ "supervisor", F_DIGITS, 1, 12, "second.field.supervisor", NULL },
	{ "file", F_FILE, 1, 0, "second.field.certificate", NULL },
};

/* pal1's facility certification kinds (certify.fkind.*), for labels. */
static const struct {
	const char	*kind, *ja;
} fkinds[] = {
	{ "training", "認定研修施設" },
	{ "related", "関連施設" },
	{ "team", "緩和ケアチーム認定施設" },
};

static const char *
fkind_text(const char *k)
{
	size_t	 i;

	for (i = 0; i < sizeof(fkinds) / sizeof(fkinds[0]); i++)
		if (strcmp(fkinds[i].kind, k) == 0)
			return fkinds[i].ja;
	return k;
}

/*
 * The registries as the worker keeps them (refcache.h; the triggers of
 * sql/022_second.sql): a page checks every certificate row twice (its
 * state, the shortfalls) and lists both registries, at no statement.
 */
static const struct dbres *
facilities(struct ctx *c)
{
	return refcache_get(c, "second.facilities", dbq_second_fac_certs);
}

static const struct dbres *
supervisors(struct ctx *c)
{
	return refcache_get(c, "second.supervisors", dbq_second_supervisors);
}

/* The row of id in r (column 0), or -1. */
static long
row_of(const struct dbres *r, const char *id)
{
	size_t	 i;

	for (i = 0; r != NULL && id != NULL && i < r->nrows; i++)
		if (strcmp(dbres_get(r, i, 0), id) == 0)
			return (long)i;
	return -1;
}

/* Does q (blank: anything) occur in any of the row's columns cols? */
static int
matches(const struct dbres *r, size_t i, const char *q, const int *cols)
{
	if (q == NULL || *q == '\0')
		return 1;
	for (; *cols >= 0; cols++)
		if (strstr(dbres_get(r, i, (size_t)*cols), q) != NULL)
			return 1;
	return 0;
}

/*
 * The np pieces one after another into out, cut at len - 1 bytes, as
 * snprintf() would (a NULL cell reads "(null)"): a label for every
 * registry row of the page, where snprintf() was a tenth of it.
 */
static void
label_cat(char *out, size_t len, const char *const *p, size_t np)
{
	const char	*s;
	size_t		 i, k, n = 0;

	for (i = 0; i < np && len > 0; i++) {
		s = p[i] != NULL ? p[i] : "(null)";
		if ((k = strlen(s)) > len - 1 - n)
			k = len - 1 - n;
		memcpy(out + n, s, k);
		n += k;
	}
	if (len > 0)
		out[n] = '\0';
}

static void
fac_label(const struct dbres *r, size_t i, char *out, size_t len)
{
	const char	*p[] = { dbres_get(r, i, SFC_COL_NAME), "（",
	    fkind_text(dbres_get(r, i, SFC_COL_KIND)), " ",
	    dbres_get(r, i, SFC_COL_FROM), "〜", dbres_get(r, i, SFC_COL_TO),
	    "）" };

	label_cat(out, len, p, sizeof(p) / sizeof(p[0]));
}

static void
sup_label(const struct dbres *r, size_t i, char *out, size_t len)
{
	const char	*p[] = { dbres_get(r, i, SSU_COL_NAME), "（",
	    dbres_get(r, i, SSU_COL_KANA), "）No.",
	    dbres_get(r, i, SSU_COL_NUMBER), " ", dbres_get(r, i, SSU_COL_FROM),
	    "〜", dbres_get(r, i, SSU_COL_TO) };

	label_cat(out, len, p, sizeof(p) / sizeof(p[0]));
}

static void
label_add(struct kvlist *vals, const char *name, const char *label)
{
	char	 k[48];

	snprintf(k, sizeof(k), "%s.label", name);
	kv_add(vals, k, strlen(k), label, strlen(label));
}

/*
 * An uploaded file must be a PDF (the seed: 業績書の写し：PDF).  The
 * value is always an upload of the member's own: the platform takes a
 * file field's value only from a file stored by this request or from
 * the row as stored, never from what a POST names (apply_pages.c
 * typed_values()), so no owner is asked here (the demo loader has none).
 * While the application is drawn its files' types came with it
 * (apply_file_ctype()); otherwise the member's PDFs are read once per
 * request, and one stored since (this request's own) is asked about
 * alone.
 */
static int
pdf_only(struct ctx *c, const struct apply_app *a, struct kvlist *vals,
    const char *name, struct form_result *res)
{
	static struct {
		const struct ctx	*c;
		unsigned long long	 seq;
		char			 uid[65];
		struct dbres		*r;
	} memo;
	struct upload_info	 info;
	const char		*v = kv_str(vals, name);
	const char		*uid = a->uid[0] != '\0' ? a->uid : c->sess.uid;
	const char		*ct;
	int			 k;

	if (v == NULL || !valid_number(v) || form_has_error(res, name))
		return 0;
	/* Its files' types came with the application (issue 10). */
	if ((ct = apply_file_ctype(c, a, v)) != NULL) {
		if (strcmp(ct, "application/pdf") != 0)
			form_error_add(res, name, "second.err.pdf");
		return 0;
	}
	if (memo.r == NULL || memo.c != c || memo.seq != c->seq ||
	    strcmp(memo.uid, uid) != 0) {
		dbres_free(memo.r);
		memo.r = dbq_second_pdfs(c->app->db, c->tenant->slug, uid);
		memo.c = c;
		memo.seq = c->seq;
		snprintf(memo.uid, sizeof(memo.uid), "%s", uid);
		if (memo.r == NULL)
			return -1;
	}
	if (row_of(memo.r, v) >= 0)
		return 0;
	if ((k = upload_get(c, atoll(v), NULL, &info)) < 0)
		return -1;
	if (k == 0 || strcmp(info.ctype, "application/pdf") != 0)
		form_error_add(res, name, "second.err.pdf");
	return 0;
}

/* The last month one may choose: July of the application's year. */
static int
month_max(const struct apply_app *a)
{
	return a->win.year * 12 + 6;
}

static int
training_check(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, int row, struct kvlist *vals,
    struct form_result *res)
{
	const struct dbres	*fr, *sr;
	enum second_period	 p;
	const char		*v;
	char			 label[512];
	long			 fi = -1, si = -1;
	int			 start, end;

	(void)rs; (void)row;
	if ((fr = facilities(c)) == NULL || (sr = supervisors(c)) == NULL)
		return -1;
	if ((v = kv_str(vals, "facility")) != NULL && *v != '\0' &&
	    !form_has_error(res, "facility")) {
		if ((fi = row_of(fr, v)) < 0)
			form_error_add(res, "facility", "second.err.facility");
		else {
			fac_label(fr, (size_t)fi, label, sizeof(label));
			label_add(vals, "facility", label);
		}
	}
	if ((v = kv_str(vals, "supervisor")) != NULL && *v != '\0' &&
	    !form_has_error(res, "supervisor")) {
		if ((si = row_of(sr, v)) < 0)
			form_error_add(res, "supervisor",
			    "second.err.supervisor");
		else {
			sup_label(sr, (size_t)si, label, sizeof(label));
			label_add(vals, "supervisor", label);
		}
	}
	start = form_has_error(res, "start") ? -2 :
	    second_ym(kv_str(vals, "start"));
	end = form_has_error(res, "end") ? -2 :
	    second_ym(kv_str(vals, "end"));
	if (start == -1)
		form_error_add(res, "start", "second.err.ym");
	if (end == -1)
		form_error_add(res, "end", "second.err.ym");
	if (start >= 0 && end >= 0) {
		p = second_period_check(start, end, month_max(a),
		    si >= 0 ? dbres_get(sr, (size_t)si, SSU_COL_FROM) :
		    "1900-01-01", si >= 0 ? dbres_get(sr, (size_t)si,
		    SSU_COL_TO) : "");
		/* Without a supervisor only the months' own rules apply. */
		if (p == SP_SPLIT && si >= 0)
			form_error_add(res, "supervisor", "second.err.split");
		else if (p == SP_ORDER || p == SP_LATE)
			form_error_add(res, "end", second_period_key(p));
	}
	return pdf_only(c, a, vals, "file", res);
}

/* The months one may choose: SECOND_HISTORY_YEARS back, to July. */
/* "2026-07" into v and "2026年7月" into t, for a four-digit year. */
static void
month_text(int y, int mo, char *v, char *t)
{
	size_t	 k;

	v[0] = t[0] = (char)('0' + y / 1000);
	v[1] = t[1] = (char)('0' + y / 100 % 10);
	v[2] = t[2] = (char)('0' + y / 10 % 10);
	v[3] = t[3] = (char)('0' + y % 10);
	v[4] = '-';
	v[5] = (char)('0' + mo / 10);
	v[6] = (char)('0' + mo % 10);
	v[7] = '\0';
	memcpy(t + 4, "年", sizeof("年") - 1);
	k = 4 + sizeof("年") - 1;
	if (mo >= 10)
		t[k++] = '1';
	t[k++] = (char)('0' + mo % 10);
	memcpy(t + k, "月", sizeof("月"));
}

static void
months_select(xmlNodePtr f, const struct apply_app *a)
{
	xmlNodePtr	 o;
	char		 v[24], t[32];
	int		 m, max = month_max(a);

	if (f == NULL)
		return;
	model_attr(f, "type", "select");
	/* Both selects list every month of the years (two snprintf()s an
	 * option were a sixth of the page): the digits by hand. */
	for (m = max - SECOND_HISTORY_YEARS * 12; m <= max; m++) {
		if (m < 12 * 1000 || m >= 12 * 10000) {
			snprintf(v, sizeof(v), "%04d-%02d", m / 12, m % 12 + 1);
			snprintf(t, sizeof(t), "%d年%d月", m / 12,
			    m % 12 + 1);
		} else
			month_text(m / 12, m % 12 + 1, v, t);
		o = model_text(f, "option", t);
		model_attr(o, "value", v);
	}
}

/* A registry as a select: the rows q finds, the chosen one always. */
static void
registry_select(xmlNodePtr f, const struct dbres *r, const char *q,
    const int *cols, void (*label)(const struct dbres *, size_t, char *,
    size_t))
{
	xmlNodePtr	 v;
	xmlChar		*cur = NULL;
	char		 text[512];
	size_t		 i;

	if (f == NULL)
		return;
	model_attr(f, "type", "select");
	for (v = f->children; v != NULL && cur == NULL; v = v->next)
		if (v->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(v->name, (const xmlChar *)"value") == 0)
			cur = xmlNodeGetContent(v);
	for (i = 0; i < r->nrows; i++) {
		if (!matches(r, i, q, cols) && (cur == NULL || strcmp(
		    (const char *)cur, dbres_get(r, i, 0)) != 0))
			continue;
		label(r, i, text, sizeof(text));
		model_attr(model_text(f, "option", text), "value",
		    dbres_get(r, i, 0));
	}
	xmlFree(cur);
}

/*
 * The facility and supervisor selects: the registries' rows matching
 * ?fq= (name, kana, number) and ?sq= (name, kana, certification
 * number), all when blank, the stored choice kept whatever the search;
 * the months; the certificate a PDF.
 */
static int
training_options(struct ctx *c, const struct apply_app *a, xmlNodePtr form)
{
	static const int fcols[] = { SFC_COL_NAME, SFC_COL_KANA,
	    SFC_COL_CODE, -1 };
	static const int scols[] = { SSU_COL_NAME, SSU_COL_KANA,
	    SSU_COL_NUMBER, -1 };
	const struct dbres	*fr, *sr;
	const char		*fq = kv_str(&c->query, "fq");
	const char		*sq = kv_str(&c->query, "sq");

	if ((fr = facilities(c)) == NULL || (sr = supervisors(c)) == NULL)
		return -1;
	model_attr(form, "fq", fq != NULL ? fq : "");
	model_attr(form, "sq", sq != NULL ? sq : "");
	months_select(form_field(form, "start"), a);
	months_select(form_field(form, "end"), a);
	upload_form_field(c, form, "file", UP_PDF);
	registry_select(form_field(form, "facility"), fr, fq, fcols,
	    fac_label);
	registry_select(form_field(form, "supervisor"), sr, sq, scols,
	    sup_label);
	return 0;
}

/* ---- 3 業績書 ------------------------------------------------------------ */

static const char *const work_kinds[] = { "paper", "presentation", NULL };

static const struct field works_fields[] = {
	{ "kind", F_SELECT, 1, 0, "second.field.work-kind", work_kinds },
	{ "title", F_TEXT, 1, 300, "second.field.work-title", NULL },
	{ "file", F_FILE, 1, 0, "second.field.work-file", NULL },
};

static int
works_check(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, int row, struct kvlist *vals,
    struct form_result *res)
{
	(void)rs; (void)row;
	return pdf_only(c, a, vals, "file", res);
}

static int
works_options(struct ctx *c, const struct apply_app *a, xmlNodePtr form)
{
	(void)a;
	upload_form_field(c, form, "file", UP_PDF);
	return 0;
}

/* ---- 4 医師免許・受講証・受験用写真 -------------------------------------------- */

static const struct field documents_fields[] = {
	{ "licence", F_FILE, 1, 0, "second.field.licence", NULL },
	{ "course", F_FILE, 1, 0, "second.field.course", NULL },
	{ "photo", F_FILE, 1, 0, "second.field.photo", NULL },
};

#define NF(a)	(sizeof(a) / sizeof((a)[0]))

/* Each section once (a title given where offerings number them
 * differently); the offerings' lists below pick from them. */
#define SEC_RESUME_T(t) { .name = "resume", .title = t, \
	    .fields = resume_fields, .nfields = NRESUME, .max_rows = 0, \
	    .check = resume_check, .options = resume_options, \
	    .typed = resume_typed }
#define SEC_TRAINING { .name = "training", \
	    .title = "second.section.training", .fields = training_fields, \
	    .nfields = NF(training_fields), .max_rows = SECOND_CERTS_MAX, \
	    .check = training_check, .options = training_options }
#define SEC_WORKS_T(t) { .name = "works", .title = t, \
	    .fields = works_fields, .nfields = NF(works_fields), \
	    .max_rows = SECOND_WORKS_MAX, .check = works_check, \
	    .options = works_options }
#define SEC_DOCUMENTS { .name = "documents", \
	    .title = "second.section.documents", .fields = documents_fields, \
	    .nfields = NF(documents_fields), .max_rows = 0 }

/* 二次 (新規 and 移行): the four of seed 002. */
const struct apply_section second_sections[] = {
	SEC_RESUME_T("second.section.resume"), SEC_TRAINING,
	SEC_WORKS_T("second.section.works"), SEC_DOCUMENTS,
	{ .name = NULL },
};

/*
 * 更新: 二次's 1 申請書・履歴書 and 3 業績書 (second.c certify_renewal),
 * numbered 1 and 2 and without 新規's 認定要件 numbers.
 */
const struct apply_section renewal_sections[] = {
	SEC_RESUME_T("second.section.renewal.resume"),
	SEC_WORKS_T("second.section.renewal.works"),
	{ .name = NULL },
};
