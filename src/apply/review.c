/*
 * review.c — the review chain (issue 9, item 4): each offering's stages
 * (struct apply_stage: a role name and a scope), the reviewer's queue
 * at /review with filters and counts, /review/<id> showing the exact
 * submitted snapshot (app_snapshot, never the later draft) with the
 * actions approve / return / reject, and the tenant admin's
 * reassignment at /admin/review/<id>/reassign.
 *
 * Who may act: the visitor holds the stage's role and the application's
 * scope is "*", "uid:<them>" or one of their reviewer_scope rows.
 * Anyone else — another society's reviewer, a member guessing ids —
 * gets 404, as if the application did not exist.  Who acted on it once
 * may still read it, and the tenant admin (the office, who reassigns)
 * reads every one; reading is never acting.
 *
 * Every action is one transaction: the application row locked where the
 * reviewer saw it (state, stage, submission), the change, its history
 * line, the offering's hook (on_approved, in the same transaction), the
 * mail to the applicant and the audit line.  A second click, or a
 * colleague who acted first, finds the row moved on and changes
 * nothing: the page says so (409).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "account.h"
#include "apply.h"
#include "clock.h"
#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "directory.h"
#include "feature.h"
#include "form.h"
#include "mail.h"
#include "pdf.h"
#include "review.h"
#include "session.h"
#include "tenant.h"

#define QUEUE_ROWS	200	/* rows shown; counts cover all */
#define WAIT_DAYS_MAX	3650

const char *const review_mail[] = {
	"apply_advanced", "apply_returned", "apply_approved",
	"apply_rejected", "review_remind", "fee_paid", NULL
};

static const char *const actions[] = { "approve", "return", "reject", NULL };

static const struct field action_fields[] = {
	{ "action", F_SELECT, 1, 0, "review.field.action", actions },
	{ "comment", F_TEXTAREA, 0, REVIEW_COMMENT_MAX,
	    "review.field.comment", NULL },
	{ "stage", F_DIGITS, 1, 3, "review.field.stage", NULL },
	{ "version", F_DIGITS, 1, 9, "review.field.version", NULL },
};
#define NACTION	(sizeof(action_fields) / sizeof(action_fields[0]))

static const struct field reassign_fields[] = {
	{ "reviewer", F_TEXT, 1, 64, "review.field.reviewer", NULL },
	{ "reason", F_TEXTAREA, 1, REVIEW_COMMENT_MAX, "review.field.reason",
	    NULL },
	{ "stage", F_DIGITS, 1, 3, "review.field.stage", NULL },
	{ "version", F_DIGITS, 1, 9, "review.field.version", NULL },
};
#define NREASSIGN (sizeof(reassign_fields) / sizeof(reassign_fields[0]))

/* ---- offerings and stages ------------------------------------------------ */

/* The i-th stage of an offering, or NULL past the last. */
static const struct apply_stage *
stage_at(const struct apply_offering *o, int i)
{
	int	 k;

	if (o == NULL || o->stages == NULL || i < 0)
		return NULL;
	for (k = 0; k < i && o->stages[k].name != NULL; k++)
		;
	return o->stages[k].name != NULL ? &o->stages[k] : NULL;
}

/* Call fn for every offering of the tenant's features; stop on non-0. */
static int
each_offering(const struct tenant *t,
    int (*fn)(const struct apply_offering *, void *), void *arg)
{
	size_t	 i, k;
	int	 rc = 0;

	for (i = 0; features[i] != NULL && rc == 0; i++) {
		if (features[i]->offerings == NULL ||
		    !tenant_has_feature(t, features[i]->name))
			continue;
		for (k = 0; features[i]->offerings[k] != NULL && rc == 0; k++)
			rc = fn(features[i]->offerings[k], arg);
	}
	return rc;
}

static int
holds_stage_role(const struct apply_offering *o, void *arg)
{
	const struct ctx	*c = arg;
	const struct apply_stage *s;
	unsigned int		 bit;

	for (s = o->stages; s != NULL && s->name != NULL; s++)
		if ((bit = role_bit(s->role)) != 0 &&
		    session_has_role(c, bit))
			return 1;
	return 0;
}

/* Has the visitor a reviewer's role of some stage on this tenant? */
int
review_is_reviewer(const struct ctx *c)
{
	return c->tenant != NULL && each_offering(c->tenant,
	    holds_stage_role, (void *)(uintptr_t)c) == 1;
}

static int
any(const struct apply_offering *o, void *arg)
{
	(void)o;
	(void)arg;
	return 1;
}

/* Has the tenant any offering (so fees, reviews)? */
int
review_has_offerings(const struct ctx *c)
{
	return c->tenant != NULL && each_offering(c->tenant, any, NULL) == 1;
}

/*
 * The role of the stage a waits at if the visitor holds it, else "":
 * whether they may act is then their scope's (the database's) say.
 */
static const char *
act_role(const struct ctx *c, const struct apply_app *a)
{
	const struct apply_stage	*s;

	if (strcmp(a->state, "submitted") != 0 ||
	    (s = stage_at(a->off, a->stage)) == NULL ||
	    !session_has_role(c, role_bit(s->role)))
		return "";
	return s->role;
}

/* May the visitor act on the application at its stage now? 1, 0, <0. */
static int
can_act(struct ctx *c, const struct apply_app *a)
{
	const char	*role = act_role(c, a);

	if (*role == '\0')
		return 0;
	return dbq_review_reviewer_ok(c->app->db, c->tenant->slug,
	    c->sess.uid, role, a->scope);
}

/*
 * The application of the path's id if the visitor may see it (may act,
 * acted once, or the tenant admin): 1, else 0 (404), <0 error.  *act
 * says whether they may act.
 */
static int
load_visible(struct ctx *c, long long id, struct apply_app *a, int *act)
{
	int	 rc;

	*act = 0;
	if (id <= 0 || (rc = apply_app_get(c->app->db, c->tenant, id,
	    a)) <= 0)
		return id <= 0 ? 0 : rc;
	if (a->off == NULL)
		return 0;
	if ((*act = can_act(c, a)) < 0)
		return -1;
	/* The office (tenant admin) reads every one: it reassigns them. */
	if (*act || session_has_role(c, ROLE_TENANT_ADMIN))
		return 1;
	return dbq_review_has_acted(c->app->db, c->tenant->slug, id,
	    c->sess.uid);
}

/* "/review/12" (rest "") or "/admin/review/12/reassign": the id, or -1. */
static long long
path_id(const char *path, const char *prefix, const char *suffix)
{
	const char	*p;
	long long	 v = 0;
	size_t		 digits = 0;

	if (strncmp(path, prefix, strlen(prefix)) != 0)
		return -1;
	for (p = path + strlen(prefix); *p >= '0' && *p <= '9'; p++) {
		if (++digits > 12 || (digits == 1 && *p == '0'))
			return -1;
		v = v * 10 + (*p - '0');
	}
	return digits > 0 && strcmp(p, suffix) == 0 ? v : -1;
}

/* Whole days between two "YYYY-MM-DD HH:MM:SS" (b later), or -1. */
static long long
days_between(const char *a, const char *b)
{
	time_t	 ta, tb;

	if (a == NULL || b == NULL || jst_parse(a, &ta) != 0 ||
	    jst_parse(b, &tb) != 0 || tb < ta)
		return -1;
	return (long long)((tb - ta) / 86400);
}

/* ---- mail and history ---------------------------------------------------- */

/* A line of an application's history, in the caller's transaction. */
long long
review_event(struct db *d, const char *tenant, long long app,
    const char *kind, const char *actor, int stage, const char *comment,
    long long snapshot, const char *now)
{
	return dbq_app_event_put(d, tenant, app, kind, actor, stage, comment,
	    snapshot, now);
}

/*
 * Queue tmpl to the applicant of a inside the caller's transaction.
 * >0 queued, 0 nobody to send it to, <0 error.
 */
int
review_mail_applicant(struct ctx *c, const struct apply_app *a, const char *tmpl,
    const char *stage_title, const char *comment)
{
	struct dir_user	 u;
	const char	*vars[15];
	char		 base[300], url[400];
	int		 k;

	if ((k = dir_get_uid(c->app->dir, c->tenant, a->uid, &u)) <= 0)
		return k;
	if (u.mail[0] == '\0')
		return 0;
	base_url(c, base, sizeof(base));
	snprintf(url, sizeof(url), "%s/application/%s", base, a->off->kind);
	vars[0] = "name";
	vars[1] = u.name[0] != '\0' ? u.name : a->uid;
	vars[2] = "number";
	vars[3] = a->number;
	vars[4] = "kind";
	vars[5] = a->off->kind;
	vars[6] = "stage";
	vars[7] = stage_title != NULL ? stage_title : "";
	vars[8] = "comment";
	vars[9] = comment != NULL ? comment : "";
	vars[10] = "application_url";
	vars[11] = url;
	vars[12] = NULL;
	return mail_queue(c->app->db, c->tenant, c->app->cfg->datadir, base,
	    tmpl, u.mail, vars);
}

/*
 * <history><event kind actor stage stage-name at>comment</event>… of a,
 * from events (dbq_app_events()'s columns) or, NULL, read here.
 */
int
review_history_model(struct ctx *c, xmlNodePtr parent,
    const struct apply_app *a, const struct dbres *events)
{
	const struct apply_stage *s;
	struct dir_user		 u;
	struct dbres		*own = NULL;
	const struct dbres	*r = events;
	xmlNodePtr		 h, e;
	const char		*v;
	size_t			 i;

	if (r == NULL && (r = own = dbq_app_events(c->app->db,
	    c->tenant->slug, a->id)) == NULL)
		return -1;
	h = model_node(parent, "history");
	for (i = 0; i < r->nrows; i++) {
		e = model_node(h, "event");
		model_attr(e, "kind", dbres_get(r, i, EVENT_COL_KIND));
		model_attr(e, "at", dbres_get(r, i, EVENT_COL_AT));
		if ((v = dbres_get(r, i, EVENT_COL_ACTOR)) != NULL) {
			model_attr(e, "actor", v);
			if (dir_get_uid(c->app->dir, c->tenant, v, &u) > 0 &&
			    u.name[0] != '\0')
				model_attr(e, "actor-name", u.name);
		}
		if ((v = dbres_get(r, i, EVENT_COL_STAGE)) != NULL &&
		    (s = stage_at(a->off, atoi(v))) != NULL) {
			model_attr(e, "stage", s->name);
			model_attr(e, "stage-title", s->who != NULL ? s->who :
			    s->title);
		}
		if ((v = dbres_get(r, i, EVENT_COL_COMMENT)) != NULL)
			model_text(e, "comment", v);
	}
	dbres_free(own);
	return 0;
}

/* ---- fees a hook makes ---------------------------------------------------- */

/*
 * A fee of an application (an on_approved or on_create hook, or the
 * offering's APPLY_FEE_APPROVAL at final approval), in the caller's
 * transaction.  >0 made, 0 it had one already, <0 error.
 */
int
review_fee_create(struct db *d, const struct tenant *t,
    const struct apply_app *a, const char *kind, long long amount)
{
	char	 now[CLOCK_SQL_LEN];

	clock_now_sql(now, sizeof(now));
	return dbq_fee_create(d, t->slug, a->id, kind, amount, now);
}

/* ---- the queue ------------------------------------------------------------ */

struct queue {
	struct ctx	*c;
	const char	*kind;		/* filters: "" any */
	const char	*stage;
	const char	*state;
	const char	*before;	/* waiting since before this, "" any */
	long long	 days;
	xmlNodePtr	 offerings;	/* <offerings> of the filter form */
	const char	*tag;		/* an offering's own filter, "" none */
	struct dbres	*tag_uids[16];	/* per offering with one: matching */
	const char	*tag_kind[16];
	struct dbres	*(*tag_fn[16])(struct ctx *, const char *);
	int		 tag_own[16];	/* tag_uids[k] is not an earlier's */
	size_t		 ntag;
	char		 keys[2048];	/* "kind:stage,…" listed (waiting) */
	char		 roles[2048];	/* "kind:stage:role,…" */
	struct dbres	*res[2];	/* waiting, then acted on */
	size_t		 nres;
	int		 err;
};

/*
 * An offering's own filter (apply.h tag_*): its choices under the
 * offering's node, and with a value chosen the applicants it matches.
 */
static int
queue_tag(struct queue *q, const struct apply_offering *o, xmlNodePtr on)
{
	xmlNodePtr	 t;
	size_t		 k;

	if (o->tag_key == NULL || o->tag_options == NULL ||
	    o->tag_uids == NULL)
		return 0;
	t = model_node(on, "tag");
	model_attr(t, "key", o->tag_key);
	if (o->tag_options(q->c, t) == -1)
		return -1;
	if (*q->tag == '\0' || q->ntag == sizeof(q->tag_uids) /
	    sizeof(q->tag_uids[0]))
		return 0;
	/*
	 * Offerings that share their filter (二次 and 移行二次) share its
	 * applicants (the hook is given no offering: the same hook and
	 * value, the same rows): read once, not a statement an offering.
	 */
	for (k = 0; k < q->ntag; k++)
		if (q->tag_fn[k] == o->tag_uids)
			break;
	if (k < q->ntag)
		q->tag_uids[q->ntag] = q->tag_uids[k];
	else if ((q->tag_uids[q->ntag] = o->tag_uids(q->c, q->tag)) == NULL)
		return -1;
	q->tag_own[q->ntag] = k == q->ntag;
	q->tag_fn[q->ntag] = o->tag_uids;
	q->tag_kind[q->ntag++] = o->kind;
	return 0;
}

/* With a tag chosen: is the row's applicant one it matches? */
static int
tag_keeps(const struct queue *q, const struct dbres *r, size_t i)
{
	size_t	 k, j;

	if (*q->tag == '\0')
		return 1;
	for (k = 0; k < q->ntag; k++) {
		if (strcmp(q->tag_kind[k], dbres_get(r, i, REVQ_COL_KIND)) != 0)
			continue;
		for (j = 0; j < q->tag_uids[k]->nrows; j++)
			if (strcmp(dbres_get(q->tag_uids[k], j, 0),
			    dbres_get(r, i, REVQ_COL_UID)) == 0)
				return 1;
	}
	return 0;
}

static int	 addf(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* One offering's stages the visitor reviews: listed, and their rows. */
static int
queue_offering(const struct apply_offering *o, void *arg)
{
	struct queue		*q = arg;
	struct ctx		*c = q->c;
	const struct apply_stage *s;
	xmlNodePtr		 on = NULL, sn;
	int			 i;

	for (i = 0; (s = stage_at(o, i)) != NULL; i++) {
		if (!session_has_role(c, role_bit(s->role)))
			continue;
		if (on == NULL) {
			on = model_node(q->offerings, "offering");
			model_attr(on, "kind", o->kind);
			model_attr(on, "title", o->title);
			if (queue_tag(q, o, on) == -1) {
				q->err = 1;
				return 1;
			}
		}
		sn = model_node(on, "stage");
		model_attr(sn, "name", s->name);
		model_attr(sn, "title", s->title);
		if ((*q->kind != '\0' && strcmp(q->kind, o->kind) != 0) ||
		    (*q->stage != '\0' && strcmp(q->stage, s->name) != 0))
			continue;
		/* Read for every stage at once (queue_waiting()). */
		if (addf(q->keys, sizeof(q->keys), "%s:%d", o->kind, i) ||
		    addf(q->roles, sizeof(q->roles), "%s:%d:%s", o->kind, i,
		    s->role)) {
			q->err = 1;
			return 1;
		}
	}
	return 0;
}

/* Append ",fmt…" (no comma first) to a list; 1 when it does not fit. */
static int
addf(char *list, size_t size, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 len = strlen(list);
	int	 n;

	if (len > 0 && len + 1 < size)
		list[len++] = ',';
	va_start(ap, fmt);
	n = len < size ? vsnprintf(list + len, size - len, fmt, ap) : -1;
	va_end(ap);
	return n < 0 || (size_t)n >= size - len;
}

/*
 * The applications waiting at the stages listed and, when acted is set,
 * those the visitor acted on, whatever they became: one statement.
 */
static int
queue_read(struct queue *q, int acted)
{
	struct dbres	*r;
	int		 rc = -1;

	if (q->keys[0] == '\0' && !acted)
		return 0;
	if ((r = dbq_review_queue(q->c->app->db, q->c->tenant->slug,
	    q->keys, q->roles, q->c->sess.uid, q->before, acted)) == NULL ||
	    (q->res[0] = dbres_part(r, "w", REVIEW_PAGE_SKIP,
	    REVQ_COL__MAX)) == NULL)
		goto out;
	q->nres = 1;
	if ((q->res[1] = dbres_part(r, "a", REVIEW_PAGE_SKIP,
	    REVQ_COL__MAX)) == NULL)
		goto out;
	q->nres = 2;
	rc = 0;
out:
	dbres_free(r);
	return rc;
}

/* Is row i of r already listed (an earlier result holds its id)? */
static int
listed(const struct queue *q, size_t upto, const char *id)
{
	size_t	 k, i;

	for (k = 0; k < upto; k++)
		for (i = 0; i < q->res[k]->nrows; i++)
			if (strcmp(dbres_get(q->res[k], i, REVQ_COL_ID),
			    id) == 0)
				return 1;
	return 0;
}

static void
app_row_model(struct ctx *c, xmlNodePtr list, const struct dbres *r,
    size_t i, const char *now)
{
	const struct apply_offering	*o;
	const struct apply_stage	*s;
	struct dir_user			 u;
	xmlNodePtr			 n;
	const char			*v;
	long long			 d;

	o = apply_offering_find(c->tenant, dbres_get(r, i, REVQ_COL_KIND));
	n = model_node(list, "app");
	model_attr(n, "id", dbres_get(r, i, REVQ_COL_ID));
	if ((v = dbres_get(r, i, REVQ_COL_NUMBER)) != NULL)
		model_attr(n, "number", v);
	model_attr(n, "state", dbres_get(r, i, REVQ_COL_STATE));
	model_attr(n, "kind", dbres_get(r, i, REVQ_COL_KIND));
	if (o != NULL)
		model_attr(n, "title", o->title);
	if (strcmp(dbres_get(r, i, REVQ_COL_STATE), "submitted") == 0 &&
	    (s = stage_at(o, atoi(dbres_get(r, i, REVQ_COL_STAGE)))) != NULL) {
		model_attr(n, "stage", s->name);
		model_attr(n, "stage-title", s->title);
	}
	if ((v = dbres_get(r, i, REVQ_COL_SUBMITTED)) != NULL)
		model_attr(n, "submitted", v);
	if (strcmp(dbres_get(r, i, REVQ_COL_STATE), "submitted") == 0 &&
	    (v = dbres_get(r, i, REVQ_COL_WAITING)) != NULL) {
		model_attr(n, "waiting-since", v);
		if ((d = days_between(v, now)) >= 0)
			model_attrf(n, "waiting-days", "%lld", d);
	}
	if ((v = dbres_get(r, i, REVQ_COL_FEE)) != NULL)
		model_attr(n, "fee", v);
	if (dir_get_uid(c->app->dir, c->tenant, dbres_get(r, i, REVQ_COL_UID),
	    &u) > 0 && u.name[0] != '\0')
		model_attr(n, "name", u.name);
}

/*
 * The rows after the filters (offering and stage in the query; state
 * here, so the counts show every state).  Counts per state.
 */
static void
queue_rows_model(struct queue *q, xmlNodePtr parent, const char *now)
{
	static const char *const states[] = { "submitted", "returned",
	    "approved", "rejected", "withdrawn", NULL };
	xmlNodePtr	 counts, list, n;
	long long	 count[5] = { 0 }, shown = 0;
	const struct dbres *r;
	size_t		 k, i, s;

	list = model_node(parent, "apps");
	for (k = 0; k < q->nres; k++) {
		r = q->res[k];
		for (i = 0; i < r->nrows; i++) {
			if (listed(q, k, dbres_get(r, i, REVQ_COL_ID)) ||
			    !tag_keeps(q, r, i))
				continue;
			for (s = 0; states[s] != NULL; s++)
				if (strcmp(states[s], dbres_get(r, i,
				    REVQ_COL_STATE)) == 0)
					count[s]++;
			if (*q->state != '\0' && strcmp(q->state, dbres_get(r,
			    i, REVQ_COL_STATE)) != 0)
				continue;
			if (shown++ < QUEUE_ROWS)
				app_row_model(q->c, list, r, i, now);
		}
	}
	counts = model_node(parent, "counts");
	for (s = 0; states[s] != NULL; s++) {
		n = model_node(counts, "count");
		model_attr(n, "state", states[s]);
		model_attrf(n, "n", "%lld", count[s]);
	}
	model_attrf(list, "n", "%lld", shown);
}

/* The filters from the query string, checked: 0, or -1 (400). */
static int
queue_filters(struct ctx *c, struct queue *q, char *before, size_t len)
{
	static const char *const ok_states[] = { "", "all", "submitted",
	    "returned", "approved", "rejected", "withdrawn", NULL };
	const char	*days;
	size_t		 i;
	time_t		 t;
	char		*end;

	if ((q->tag = kv_str(&c->query, "tag")) == NULL)
		q->tag = "";
	if (strlen(q->tag) > 64)
		return -1;
	q->kind = kv_str(&c->query, "offering");
	q->stage = kv_str(&c->query, "stage");
	q->state = kv_str(&c->query, "state");
	days = kv_str(&c->query, "days");
	q->kind = q->kind != NULL ? q->kind : "";
	q->stage = q->stage != NULL ? q->stage : "";
	q->state = q->state != NULL ? q->state : "submitted";
	for (i = 0; ok_states[i] != NULL; i++)
		if (strcmp(q->state, ok_states[i]) == 0)
			break;
	if (ok_states[i] == NULL || strlen(q->kind) > 32 ||
	    strlen(q->stage) > 32)
		return -1;
	if (strcmp(q->state, "all") == 0)
		q->state = "";
	before[0] = '\0';
	q->days = 0;
	if (days != NULL && *days != '\0') {
		q->days = strtoll(days, &end, 10);
		if (*end != '\0' || q->days < 0 || q->days > WAIT_DAYS_MAX)
			return -1;
		t = clock_now() - (time_t)q->days * 86400;
		jst_sql(t, before, len);
	}
	q->before = before;
	return 0;
}

static void
queue_free(struct queue *q)
{
	size_t	 k;

	for (k = 0; k < q->nres; k++)
		dbres_free(q->res[k]);
	q->nres = 0;
	for (k = 0; k < q->ntag; k++)
		if (q->tag_own[k])
			dbres_free(q->tag_uids[k]);
	q->ntag = 0;
}

/* GET /review: the reviewer's queue. */
static enum result
page_queue(struct ctx *c)
{
	struct queue	 q;
	xmlNodePtr	 rq, f;
	char		 before[CLOCK_SQL_LEN], now[CLOCK_SQL_LEN];
	enum result	 res = RES_INTERNAL;

	if (!review_is_reviewer(c))
		return RES_NOTFOUND;
	memset(&q, 0, sizeof(q));
	q.c = c;
	if (queue_filters(c, &q, before, sizeof(before)) == -1)
		return RES_BADREQ;
	if (model_new(c, "review-queue") == -1)
		return RES_INTERNAL;
	clock_now_sql(now, sizeof(now));
	rq = model_node(c->content, "review-queue");
	f = model_node(rq, "filters");
	model_attr(f, "offering", q.kind);
	model_attr(f, "stage", q.stage);
	model_attr(f, "state", *q.state ? q.state : "all");
	model_attr(f, "tag", q.tag);
	if (q.days > 0)
		model_attrf(f, "days", "%lld", q.days);
	q.offerings = model_node(rq, "offerings");
	(void)each_offering(c->tenant, queue_offering, &q);
	/* What the visitor acted on too, unless waiting days are asked. */
	if (!q.err && queue_read(&q, q.days == 0) == -1)
		q.err = 1;
	if (!q.err) {
		queue_rows_model(&q, rq, now);
		res = RES_OK;
	}
	queue_free(&q);
	return res;
}

/* ---- one application ------------------------------------------------------- */

/* The stages as <stages><stage name title current done/></stages>. */
static void
stages_model(xmlNodePtr parent, const struct apply_app *a)
{
	const struct apply_stage	*s;
	xmlNodePtr			 ss, n;
	int				 i;

	ss = model_node(parent, "stages");
	for (i = 0; (s = stage_at(a->off, i)) != NULL; i++) {
		n = model_node(ss, "stage");
		model_attr(n, "name", s->name);
		model_attr(n, "title", s->who != NULL ? s->who : s->title);
		if (strcmp(a->state, "approved") == 0 || i < a->stage)
			model_attr(n, "done", "1");
		else if (i == a->stage && strcmp(a->state, "submitted") == 0)
			model_attr(n, "current", "1");
	}
}

/*
 * The submitted snapshot, parsed and copied under <snapshot>: exactly
 * what was submitted, whatever the draft holds now.  0, -1 error.
 */
static int
snapshot_model(struct ctx *c, xmlNodePtr parent, const struct apply_app *a,
    const struct dbres *sp, long long *snap_id)
{
	xmlDocPtr	 doc = NULL;
	xmlNodePtr	 sn, copy, root, top;
	char		*xml = NULL;
	int		 version = 0, rc = -1;

	/* Read with the rest of the page (sp: id, version, xml), or here. */
	if (sp == NULL)
		xml = dbq_review_snapshot(c->app->db, a->id, snap_id, &version);
	else if (sp->nrows == 0)
		*snap_id = 0;
	else if ((xml = strdup(dbres_get(sp, 0, SNAP_XML))) != NULL) {
		*snap_id = atoll(dbres_get(sp, 0, SNAP_ID));
		version = atoi(dbres_get(sp, 0, SNAP_VERSION));
	} else
		*snap_id = -1;
	if (xml == NULL)
		return *snap_id == 0 ? 0 : -1;
	sn = model_node(parent, "snapshot");
	model_attrf(sn, "version", "%d", version);
	/* Our own XML, parsed without the network or entities. */
	if ((doc = xmlReadMemory(xml, (int)strlen(xml), "snapshot.xml",
	    "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING)) == NULL || xmlDocGetRootElement(doc) ==
	    NULL)
		goto out;
	/* apply's <snapshot version at><application …/></snapshot>. */
	root = xmlDocGetRootElement(doc);
	top = xmlStrcmp(root->name, (const xmlChar *)"snapshot") == 0 ?
	    root->children : root;
	for (; top != NULL; top = top == root ? NULL : top->next) {
		if (top->type != XML_ELEMENT_NODE)
			continue;
		if ((copy = xmlDocCopyNode(top, c->model, 1)) == NULL)
			goto out;
		xmlAddChild(sn, copy);
	}
	rc = 0;
out:
	xmlFreeDoc(doc);
	free(xml);
	return rc;
}

/*
 * A review page's model and its <review> head: the application's id,
 * number, state and offering; flash in green when it is ok, else amber.
 * NULL: no model.
 */
static xmlNodePtr
review_head(struct ctx *c, const char *page, const struct apply_app *a,
    const char *flash, const char *ok)
{
	xmlNodePtr	 rv;

	if (model_new(c, page) == -1)
		return NULL;
	if (flash != NULL)
		model_flash(c, flash, strcmp(flash, ok) == 0 ? "success" :
		    "warning");
	rv = model_node(c->content, "review");
	model_attrf(rv, "id", "%lld", a->id);
	model_attr(rv, "number", a->number);
	model_attr(rv, "state", a->state);
	model_attr(rv, "kind", a->off->kind);
	model_attr(rv, "title", a->off->title);
	return rv;
}

/*
 * What the page of one application reads, in one statement
 * (dbq_review_app_page()): its unpaid fees, the visitor's standing,
 * the snapshot and the history, split into its parts.
 */
struct app_page {
	struct dbres	*all, *unpaid, *visit, *snap, *events;
};

static void
app_page_free(struct app_page *pg)
{
	dbres_free(pg->all);
	dbres_free(pg->unpaid);
	dbres_free(pg->visit);
	dbres_free(pg->snap);
	dbres_free(pg->events);
	memset(pg, 0, sizeof(*pg));
}

/* 0, -1 error (pg freed). */
static int
app_page_read(struct ctx *c, const struct apply_app *a, struct app_page *pg)
{
	memset(pg, 0, sizeof(*pg));
	if ((pg->all = dbq_review_app_page(c->app->db, c->tenant->slug, a->id,
	    c->sess.uid, act_role(c, a), a->scope)) == NULL ||
	    (pg->unpaid = dbres_part(pg->all, "u", REVIEW_PAGE_SKIP,
	    UNPAID__MAX)) == NULL ||
	    (pg->visit = dbres_part(pg->all, "v", REVIEW_PAGE_SKIP,
	    VISIT__MAX)) == NULL ||
	    (pg->snap = dbres_part(pg->all, "s", REVIEW_PAGE_SKIP,
	    SNAP__MAX)) == NULL ||
	    (pg->events = dbres_part(pg->all, "e", REVIEW_PAGE_SKIP,
	    EVENT_COL__MAX)) == NULL) {
		app_page_free(pg);
		return -1;
	}
	return 0;
}

/* Is the count of column col of part r's first row above 0? */
static int
counted(const struct dbres *r, size_t col)
{
	return r->nrows > 0 && dbres_get(r, 0, col) != NULL &&
	    atoll(dbres_get(r, 0, col)) > 0;
}

/*
 * The page of one application: header, stages, snapshot, history; pg
 * what it read (dbq_review_app_page()), or NULL to read it here.
 */
static enum result
show_app(struct ctx *c, const struct apply_app *a, int act,
    const char *flash, const struct form_result *fr,
    const struct app_page *given)
{
	xmlNodePtr		 rv, f;
	struct dir_user		 u;
	struct app_page		 own;
	const struct app_page	*pg = given;
	long long		 snap = 0;
	int			 unpaid;
	char			 v[16];
	enum result		 rc = RES_INTERNAL;

	memset(&own, 0, sizeof(own));
	if (pg == NULL) {
		if (app_page_read(c, a, &own) == -1)
			goto out;
		pg = &own;
	}
	if ((rv = review_head(c, "review-app", a, flash, "review.done")) ==
	    NULL)
		goto out;
	if (a->submitted_at[0] != '\0')
		model_attr(rv, "submitted", a->submitted_at);
	if (dir_get_uid(c->app->dir, c->tenant, a->uid, &u) > 0 &&
	    u.name[0] != '\0')
		model_attr(rv, "name", u.name);
	unpaid = counted(pg->unpaid, UNPAID_COUNT);
	if (unpaid)
		model_attr(rv, "fee", "unpaid");
	stages_model(rv, a);
	if (snapshot_model(c, rv, a, pg->snap, &snap) == -1 ||
	    review_history_model(c, rv, a, pg->events) == -1)
		goto out;
	if (act) {
		/* The form names what the reviewer saw: stage, submission. */
		f = form_model(xmlDocGetRootElement(c->model), "review-action", c->path,
		    action_fields, NACTION, fr != NULL ? &c->form : NULL, fr);
		snprintf(v, sizeof(v), "%d", a->stage);
		form_hidden(f, "stage", v);
		snprintf(v, sizeof(v), "%d", a->version);
		form_hidden(f, "version", v);
		if (unpaid && (a->off->flags & APPLY_PAY_FIRST))
			model_attr(rv, "waiting-payment", "1");
		model_attr(rv, "can-act", "1");
	}
	rc = RES_OK;
out:
	app_page_free(&own);
	return rc;
}

/*
 * GET /review/<id>/pdf: the submitted snapshot as a PDF (CORE-20), by
 * the offering's print stylesheet: what the reviewer reads, on paper.
 */
static enum result
app_pdf(struct ctx *c, const struct apply_app *a, const struct dbres *sp)
{
	xmlNodePtr	 rv;
	long long	 snap = 0;
	char		 name[96];

	if (model_new(c, "review-pdf") == -1)
		return RES_INTERNAL;
	rv = model_node(c->content, "review");
	if (snapshot_model(c, rv, a, sp, &snap) == -1)
		return RES_INTERNAL;
	if (snap == 0)
		return RES_NOTFOUND;	/* never submitted */
	snprintf(name, sizeof(name), "%s_%s.pdf", ctx_en(c) ? "application" :
	    "申請書", a->number);
	return pdf_page(c, a->off->print_xsl, 0, name);
}

/*
 * GET /review/<id>, /review/<id>/pdf: the application, then everything
 * else of the page in one statement that also says whether the visitor
 * may see it (load_visible()'s rule: may act, acted once, or the tenant
 * admin); nothing of it is shown otherwise (404).
 */
static enum result
page_app_get(struct ctx *c)
{
	struct apply_app	 a;
	struct app_page		 pg;
	const char		*done;
	long long		 id;
	int			 act, k = 0, pdf = 0;
	enum result		 rc;

	if ((id = path_id(c->path, "/review/", "")) <= 0 &&
	    (id = path_id(c->path, "/review/", "/pdf")) > 0)
		pdf = 1;
	if (id <= 0 || (k = apply_app_get(c->app->db, c->tenant, id,
	    &a)) <= 0 || a.off == NULL)
		return id > 0 && k < 0 ? RES_INTERNAL : RES_NOTFOUND;
	if (app_page_read(c, &a, &pg) == -1)
		return RES_INTERNAL;
	act = counted(pg.visit, VISIT_REVIEWER);
	done = kv_str(&c->query, "done");
	if (!act && !session_has_role(c, ROLE_TENANT_ADMIN) &&
	    !counted(pg.visit, VISIT_ACTED))
		rc = RES_NOTFOUND;
	else if (pdf)
		rc = app_pdf(c, &a, pg.snap);
	else
		rc = show_app(c, &a, act, done != NULL && strcmp(done, "1") ==
		    0 ? "review.done" : NULL, NULL, &pg);
	app_page_free(&pg);
	return rc;
}

/* ---- the actions -------------------------------------------------------- */

struct action {
	const char		*what;		/* approve, return, reject */
	const char		*comment;	/* "" none */
	int			 stage;
	int			 version;
	const struct apply_stage *st;		/* the stage acted at */
	const char		*tmpl;		/* the applicant's mail */
	char			 now[CLOCK_SQL_LEN];
	long long		 snap;
};

/* The state change of an approval: next stage, or the final one. */
static int
approve(struct db *d, const struct tenant *t, struct apply_app *a,
    struct action *x)
{
	const struct apply_offering	*o = a->off;
	const struct apply_stage	*next;
	char				 scope[81];
	long long			 amount;

	if ((next = stage_at(o, x->stage + 1)) != NULL) {
		x->tmpl = "apply_advanced";
		if (next->scope == NULL)
			snprintf(scope, sizeof(scope), "*");
		else if (next->scope(d, t, a, scope, sizeof(scope)) == -1)
			return -1;
		return dbq_review_advance(d, t->slug, a->id, x->stage,
		    x->version, scope, x->now);
	}
	x->tmpl = o->mail_approved != NULL ? o->mail_approved :
	    "apply_approved";
	if (dbq_review_decide(d, t->slug, a->id, x->stage, x->version,
	    "approved", NULL, x->now) <= 0)
		return -1;
	/*
	 * The offering's fee (the year's amount, else the default), then
	 * its hook: in this transaction.
	 */
	if ((amount = apply_fee_db(d, t, o, a->win.id,
	    APPLY_FEE_APPROVAL)) < 0 || (amount > 0 && dbq_fee_create(d,
	    t->slug, a->id, o->kind, amount, x->now) < 0))
		return -1;
	if (o->on_approved != NULL && o->on_approved(d, t, a) == -1)
		return -1;
	return 1;
}

/*
 * One step of the chain in the caller's transaction: the row locked
 * where the reviewer saw it, the change (and the offering's hooks), the
 * history line.  >0 done, 0 stale (moved on), <0 error.
 */
static int
step(struct db *d, const struct tenant *t, struct apply_app *a,
    struct action *x, const char *actor)
{
	int	 k;

	if ((k = dbq_review_lock(d, t->slug, a->id, x->stage,
	    x->version)) <= 0)
		return k;
	if (strcmp(x->what, "approve") == 0)
		k = approve(d, t, a, x);
	else {
		x->tmpl = strcmp(x->what, "return") == 0 ?
		    (a->off->mail_returned ? a->off->mail_returned :
		    "apply_returned") : (a->off->mail_rejected ?
		    a->off->mail_rejected : "apply_rejected");
		k = dbq_review_decide(d, t->slug, a->id, x->stage,
		    x->version, strcmp(x->what, "return") == 0 ? "returned" :
		    "rejected", x->comment, x->now);
	}
	if (k <= 0)
		return k < 0 ? -1 : 0;
	return dbq_app_event_put(d, t->slug, a->id, x->what, actor, x->stage,
	    x->comment, x->snap, x->now) < 0 ? -1 : 1;
}

static const char *
audit_action(const char *what)
{
	return strcmp(what, "approve") == 0 ? "review.approve" :
	    strcmp(what, "return") == 0 ? "review.return" : "review.reject";
}

/* The step, the applicant's mail and the audit line: >0, 0 stale, <0. */
static int
act(struct ctx *c, struct apply_app *a, struct action *x)
{
	struct db	*d = c->app->db;
	char		 obj[80], detail[200];
	int		 k;

	if ((k = step(d, c->tenant, a, x, c->sess.uid)) <= 0)
		return k;
	snprintf(obj, sizeof(obj), "app:%s", a->number);
	snprintf(detail, sizeof(detail), "%s stage=%s", a->off->kind,
	    x->st->name);
	if (review_mail_applicant(c, a, x->tmpl, x->st->who_ja != NULL ?
	    x->st->who_ja : x->st->name, x->comment) < 0 ||
	    audit_log(d, c->tenant->slug, c->sess.uid, audit_action(x->what),
	    obj, c->remote, detail) <= 0)
		return -1;
	return 1;
}

/*
 * Demo data (shikakuctl demo load): a reviewer's action on a submitted
 * application as the page would take it, with its history and audit
 * line but no mail (there is no request to link from).  >0 done, 0 the
 * application was not where asked, <0 error.
 */
int
review_demo_act(struct db *d, const struct tenant *t, long long id,
    const char *what, const char *actor, const char *comment)
{
	struct apply_app	 a;
	struct action		 x;
	char			*xml, obj[80];
	int			 k, v;

	if ((k = apply_app_get(d, t, id, &a)) <= 0 || a.off == NULL)
		return k < 0 ? -1 : 0;
	memset(&x, 0, sizeof(x));
	x.what = what;
	x.comment = comment != NULL ? comment : "";
	x.stage = a.stage;
	x.version = a.version;
	clock_now_sql(x.now, sizeof(x.now));
	if ((x.st = stage_at(a.off, a.stage)) == NULL)
		return 0;
	xml = dbq_review_snapshot(d, id, &x.snap, &v);
	free(xml);
	if (x.snap < 0 || db_begin(d) <= 0)
		return -1;
	snprintf(obj, sizeof(obj), "app:%s", a.number);
	if ((k = step(d, t, &a, &x, actor)) > 0 && audit_log(d, t->slug,
	    actor, audit_action(what), obj, NULL, "demo") <= 0)
		k = -1;
	if (db_end(d, k > 0) < 0 && k > 0)
		k = -1;
	return k;
}

/* The form's values: 0 ok, -1 errors in fr (a comment is needed). */
static int
action_check(struct ctx *c, struct action *x, struct form_result *fr)
{
	memset(fr, 0, sizeof(*fr));
	if (form_validate(action_fields, NACTION, &c->form, fr) != 0)
		return -1;
	x->what = kv_str(&c->form, "action");
	x->comment = kv_str(&c->form, "comment");
	if (x->comment == NULL)
		x->comment = "";
	x->stage = atoi(kv_str(&c->form, "stage"));
	x->version = atoi(kv_str(&c->form, "version"));
	/* A return or a rejection tells the applicant why. */
	if (strcmp(x->what, "approve") != 0 && x->comment[0] == '\0') {
		form_error_add(fr, "comment", "review.err.comment");
		return -1;
	}
	return 0;
}

/* POST /review/<id>: approve, return or reject. */
static enum result
page_app_post(struct ctx *c)
{
	struct apply_app	 a;
	struct action		 x;
	struct form_result	 fr;
	char			*xml, to[64];
	int			 k, act_ok, v;

	if ((k = load_visible(c, path_id(c->path, "/review/", ""), &a,
	    &act_ok)) <= 0)
		return k < 0 ? RES_INTERNAL : RES_NOTFOUND;
	memset(&x, 0, sizeof(x));
	if (action_check(c, &x, &fr) == -1)
		return act_ok ? show_app(c, &a, 1, NULL, &fr, NULL) :
		    RES_BADREQ;
	/* Acted already, or it moved on: nothing is applied twice. */
	if (!act_ok || x.stage != a.stage || x.version != a.version) {
		c->status_hint = 409;
		return show_app(c, &a, act_ok, "review.stale", NULL, NULL);
	}
	if (strcmp(x.what, "approve") == 0 &&
	    (a.off->flags & APPLY_PAY_FIRST) &&
	    (k = dbq_fee_unpaid(c->app->db, c->tenant->slug, a.id)) != 0) {
		if (k < 0)
			return RES_INTERNAL;
		c->status_hint = 409;
		return show_app(c, &a, 1, "review.waiting-payment", NULL, NULL);
	}
	x.st = stage_at(a.off, a.stage);
	clock_now_sql(x.now, sizeof(x.now));
	if ((xml = dbq_review_snapshot(c->app->db, a.id, &x.snap, &v)) == NULL &&
	    x.snap < 0)
		return RES_INTERNAL;
	free(xml);
	if (db_begin(c->app->db) <= 0)
		return RES_UNAVAIL;
	k = act(c, &a, &x);
	/* db_end() is -1 for a rollback too: only a failed commit counts. */
	if (db_end(c->app->db, k > 0) < 0 && k > 0)
		k = -1;
	if (k < 0)
		return RES_UNAVAIL;
	if (k == 0) {
		(void)apply_app_get(c->app->db, c->tenant, a.id, &a);
		c->status_hint = 409;
		return show_app(c, &a, can_act(c, &a) > 0, "review.stale",
		    NULL, NULL);
	}
	snprintf(to, sizeof(to), "/review/%lld?done=1", a.id);
	return redirect_to(c, to);
}

/* ---- reassignment (tenant admin) ------------------------------------------- */

/* The stage's reviewers (any scope) to choose from, as <reviewers>. */
static void
reviewers_model(struct ctx *c, xmlNodePtr parent, const struct dbres *r)
{
	struct dir_user	 u;
	xmlNodePtr	 rs, n;
	const char	*uid;
	size_t		 i;

	rs = model_node(parent, "reviewers");
	for (i = 0; i < r->nrows; i++) {
		n = model_node(rs, "reviewer");
		uid = dbres_get(r, i, REVIEWER_COL_UID);
		model_attr(n, "uid", uid);
		if (dir_get_uid(c->app->dir, c->tenant, uid, &u) > 0 &&
		    u.name[0] != '\0')
			model_attr(n, "name", u.name);
	}
}

/*
 * The reassignment page for a (submitted, at a stage): its history and
 * the stage's reviewers are one statement (dbq_review_reassign_page()).
 */
static enum result
show_reassign(struct ctx *c, const struct apply_app *a, const char *flash,
    const struct form_result *fr)
{
	const struct apply_stage	*s = stage_at(a->off, a->stage);
	struct dbres			*pg, *ev = NULL, *rs = NULL;
	xmlNodePtr			 rv, f;
	const char			*role;
	char				 v[16];
	enum result			 rc = RES_INTERNAL;

	/* Reviewers to choose from only where a stage waits for one. */
	role = strcmp(a->state, "submitted") == 0 && s != NULL ? s->role : "";
	if ((pg = dbq_review_reassign_page(c->app->db, c->tenant->slug,
	    a->id, role)) == NULL ||
	    (ev = dbres_part(pg, "e", REVIEW_PAGE_SKIP, EVENT_COL__MAX)) ==
	    NULL ||
	    (rs = dbres_part(pg, "r", REVIEW_PAGE_SKIP, REVIEWER_COL__MAX)) ==
	    NULL)
		goto out;
	if ((rv = review_head(c, "review-reassign", a, flash,
	    "review.reassigned")) == NULL)
		goto out;
	model_attr(rv, "scope", a->scope);
	stages_model(rv, a);
	if (review_history_model(c, rv, a, ev) == -1)
		goto out;
	rc = RES_OK;
	if (*role == '\0')
		goto out;
	model_attr(rv, "stage", s->name);
	model_attr(rv, "stage-title", s->title);
	reviewers_model(c, rv, rs);
	f = form_model(xmlDocGetRootElement(c->model), "review-reassign", c->path,
	    reassign_fields, NREASSIGN, fr != NULL ? &c->form : NULL, fr);
	snprintf(v, sizeof(v), "%d", a->stage);
	form_hidden(f, "stage", v);
	snprintf(v, sizeof(v), "%d", a->version);
	form_hidden(f, "version", v);
out:
	dbres_free(pg);
	dbres_free(ev);
	dbres_free(rs);
	return rc;
}

static int
load_admin(struct ctx *c, struct apply_app *a)
{
	long long	 id;
	int		 k;

	id = path_id(c->path, "/admin/review/", "/reassign");
	if (id <= 0)
		return 0;
	if ((k = apply_app_get(c->app->db, c->tenant, id, a)) <= 0)
		return k;
	return a->off != NULL;
}

static enum result
page_reassign_get(struct ctx *c)
{
	struct apply_app	 a;
	const char		*done = kv_str(&c->query, "done");
	int			 k;

	if ((k = load_admin(c, &a)) <= 0)
		return k < 0 ? RES_INTERNAL : RES_NOTFOUND;
	return show_reassign(c, &a, done != NULL ? "review.reassigned" : NULL,
	    NULL);
}

/* The new scope, its history and audit line: >0, 0 stale, <0 error. */
static int
reassign(struct ctx *c, const struct apply_app *a, const char *to,
    const char *reason, int stage, int version)
{
	struct db	*d = c->app->db;
	char		 scope[81], now[CLOCK_SQL_LEN], obj[80], detail[600];
	int		 k;

	clock_now_sql(now, sizeof(now));
	snprintf(scope, sizeof(scope), "uid:%s", to);
	if ((k = dbq_review_rescope(d, c->tenant->slug, a->id, stage, version,
	    scope, now)) <= 0)
		return k;
	snprintf(obj, sizeof(obj), "app:%s", a->number);
	snprintf(detail, sizeof(detail), "from %s to %s: %.300s", a->scope,
	    scope, reason);
	if (dbq_app_event_put(d, c->tenant->slug, a->id, "reassign",
	    c->sess.uid, stage, reason, 0, now) < 0 ||
	    audit_log(d, c->tenant->slug, c->sess.uid, "review.reassign", obj,
	    c->remote, detail) <= 0)
		return -1;
	return 1;
}

static enum result
page_reassign_post(struct ctx *c)
{
	const struct apply_stage	*s;
	struct apply_app		 a;
	struct form_result		 fr;
	const char			*to;
	char				 next[80];
	int				 k, stage, version;

	if ((k = load_admin(c, &a)) <= 0)
		return k < 0 ? RES_INTERNAL : RES_NOTFOUND;
	memset(&fr, 0, sizeof(fr));
	if (form_validate(reassign_fields, NREASSIGN, &c->form, &fr) != 0)
		return show_reassign(c, &a, NULL, &fr);
	to = kv_str(&c->form, "reviewer");
	stage = atoi(kv_str(&c->form, "stage"));
	version = atoi(kv_str(&c->form, "version"));
	if ((s = stage_at(a.off, a.stage)) == NULL ||
	    strcmp(a.state, "submitted") != 0 || stage != a.stage ||
	    version != a.version) {
		c->status_hint = 409;
		return show_reassign(c, &a, "review.stale", NULL);
	}
	/* Only someone who holds the stage's role can take it over. */
	if ((k = dbq_review_reviewer_ok(c->app->db, c->tenant->slug, to,
	    s->role, "*")) <= 0) {
		if (k < 0)
			return RES_INTERNAL;
		form_error_add(&fr, "reviewer", "review.err.reviewer");
		return show_reassign(c, &a, NULL, &fr);
	}
	if (db_begin(c->app->db) <= 0)
		return RES_UNAVAIL;
	k = reassign(c, &a, to, kv_str(&c->form, "reason"), stage, version);
	if (db_end(c->app->db, k > 0) < 0 && k > 0)
		k = -1;
	if (k < 0)
		return RES_UNAVAIL;
	if (k == 0) {
		c->status_hint = 409;
		return show_reassign(c, &a, "review.stale", NULL);
	}
	snprintf(next, sizeof(next), "/admin/review/%lld/reassign?done=1",
	    a.id);
	return redirect_to(c, next);
}

/* Only a reviewer sees 審査 in the menu (the roles are the features'). */
static int
shown(const struct ctx *c)
{
	return review_is_reviewer(c);
}

#define STAFF	(PAGE_TENANT | PAGE_AUTH)

const struct page review_pages[] = {
	{ .name = "review-queue", .methods = M_GET, .path = "/review",
	    .flags = STAFF, .get = page_queue, .menu = "menu.review",
	    .shown = shown },
	{ .name = "review-app", .methods = M_GET | M_POST,
	    .path = "/review/", .flags = STAFF | PAGE_PREFIX,
	    .get = page_app_get, .post = page_app_post,
	    .fields = action_fields, .nfields = NACTION },
	{ .name = "review-reassign", .methods = M_GET | M_POST,
	    .path = "/admin/review/", .flags = STAFF | PAGE_PREFIX,
	    .get = page_reassign_get, .post = page_reassign_post,
	    .roles = ROLE_TENANT_ADMIN,
	    .fields = reassign_fields, .nfields = NREASSIGN },
	{ .name = NULL },
};
