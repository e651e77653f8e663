/*
 * credit_pages.c — the credit service's pages (CME-1, CME-2):
 *
 *   /credits              the member's ledger (単位確認): every credit
 *                         with its code, units, date, fiscal year and
 *                         source; totals per fiscal year and per code;
 *                         ?fy= filters by fiscal year (default: the
 *                         latest with credits; ?fy=all every one)
 *   /events               an organizer's own events
 *   /events/new           a new event
 *   /events/<id>          edit it; its attendance, added one by one
 *                         (/events/<id>/attend, …/unattend) or by CSV
 *                         (/events/<id>/import); the attendees' credits
 *                         follow in the same transaction
 *   /admin/events         the tenant admin's list of every event
 *
 * An event is the organizer's who created it: anyone else (but a
 * tenant admin) gets 404 for it, as for an event that does not exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "clock.h"
#include "credit_int.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "import.h"
#include "session.h"
#include "tenant.h"

#define NF(a)	(sizeof(a) / sizeof((a)[0]))
#define STAFF	(PAGE_TENANT | PAGE_AUTH)
#define ORGANIZER	(ROLE_EVENT_ORGANIZER | ROLE_TENANT_ADMIN)

static enum result	 page_ledger(struct ctx *);
static enum result	 page_events(struct ctx *);
static enum result	 page_admin_events(struct ctx *);
static enum result	 page_event_new_get(struct ctx *);
static enum result	 page_event_new_post(struct ctx *);
static enum result	 page_event_get(struct ctx *);
static enum result	 page_event_post(struct ctx *);
static enum result	 page_import(struct ctx *);

const struct page credit_member_pages[] = {
	{ .name = "credit-ledger", .methods = M_GET, .path = "/credits",
	    .flags = STAFF, .get = page_ledger, .menu = "credit.menu.ledger",
	    .feature = CREDIT_FEATURE, .roles = ROLE_MEMBER },
	{ .name = NULL },
};

const struct page credit_staff_pages[] = {
	{ .name = "credit-events", .methods = M_GET, .path = "/events",
	    .flags = STAFF, .get = page_events, .menu = "credit.menu.events",
	    .feature = CREDIT_FEATURE, .roles = ORGANIZER },
	{ .name = "credit-event-new", .methods = M_GET | M_POST,
	    .path = "/events/new", .flags = STAFF,
	    .get = page_event_new_get, .post = page_event_new_post,
	    .feature = CREDIT_FEATURE, .roles = ORGANIZER },
	{ .name = "credit-import", .methods = M_GET | M_POST,
	    .path = "/events/import", .flags = STAFF,
	    .get = page_import, .post = page_import,
	    .feature = CREDIT_FEATURE, .roles = ORGANIZER,
	    .fields = import_fields, .nfields = IMPORT_NFIELDS },
	{ .name = "credit-event", .methods = M_GET | M_POST,
	    .path = "/events/", .flags = STAFF | PAGE_PREFIX,
	    .get = page_event_get, .post = page_event_post,
	    .feature = CREDIT_FEATURE, .roles = ORGANIZER },
	{ .name = "credit-admin-events", .methods = M_GET,
	    .path = "/admin/events", .flags = STAFF,
	    .get = page_admin_events, .menu = "credit.menu.admin-events",
	    .feature = CREDIT_FEATURE, .roles = ROLE_TENANT_ADMIN },
	{ .name = NULL },
};

/* ---- /credits (CME-1) ---------------------------------------------------- */

/*
 * GET /credits[?fy=YYYY|all]: the ledger, the rows of one fiscal year;
 * without fy= the latest one with credits (issue 10: a physician with
 * 500 credits over years gets one year's rows, every year a link away).
 */
static enum result
page_ledger(struct ctx *c)
{
	const char	*fy = kv_str(&c->query, "fy");
	xmlNodePtr	 f;
	int		 y = -1, shown = 0;

	if (fy != NULL && strcmp(fy, "all") == 0)
		y = 0;
	else if (fy != NULL && *fy != '\0') {
		if (strlen(fy) != 4 || !valid_digits(fy))
			return RES_NOTFOUND;
		y = atoi(fy);
	}
	if (model_new(c, "credit-ledger") == -1)
		return RES_INTERNAL;
	f = model_node(c->content, "filter");
	model_attrf(f, "current", "%d", credit_fy_at(clock_now()));
	if (credit_ledger_model(c, c->content, c->sess.uid, y, &shown) < 0)
		return RES_UNAVAIL;
	if (shown > 0)
		model_attrf(f, "fy", "%d", shown);
	else
		model_attr(f, "fy", "all");
	return RES_OK;
}

/* ---- event lists ----------------------------------------------------------- */

static void
event_row_model(xmlNodePtr parent, const struct dbres *r, size_t i)
{
	xmlNodePtr	 n;

	n = model_node(parent, "event");
	model_attr(n, "id", dbres_get(r, i, CE_ID));
	model_attr(n, "number", dbres_get(r, i, CE_NUMBER));
	model_attr(n, "title", dbres_get(r, i, CE_TITLE));
	model_attr(n, "kind", dbres_get(r, i, CE_KIND));
	if (dbres_get(r, i, CE_SERIES) != NULL)
		model_attr(n, "series", dbres_get(r, i, CE_SERIES));
	model_attr(n, "held-on", dbres_get(r, i, CE_HELD));
	model_attr(n, "place", dbres_get(r, i, CE_PLACE));
	model_attr(n, "organizer", dbres_get(r, i, CE_ORGANIZER));
	model_attr(n, "units", dbres_get(r, i, CE_UNITS));
	model_attr(n, "attendees", dbres_get(r, i, CE_ATTENDEES));
	if (dbres_get(r, i, CE_CODES) != NULL)
		model_attr(n, "codes", dbres_get(r, i, CE_CODES));
}

static enum result
events_page(struct ctx *c, const char *name, const char *organizer)
{
	struct dbres	*r;
	xmlNodePtr	 l;
	size_t		 i;

	if ((r = dbq_credit_events(c->app->db, c->tenant->slug, organizer,
	    CREDIT_EVENTS_MAX)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, name) == -1) {
		dbres_free(r);
		return RES_INTERNAL;
	}
	l = model_node(c->content, "events");
	if (r->nrows == CREDIT_EVENTS_MAX)
		model_attrf(l, "limit", "%d", CREDIT_EVENTS_MAX);
	for (i = 0; i < r->nrows; i++)
		event_row_model(l, r, i);
	dbres_free(r);
	return RES_OK;
}

/* GET /events: the organizer's own events only (CME-2); a tenant
 * admin's own too (every event: /admin/events). */
static enum result
page_events(struct ctx *c)
{
	return events_page(c, "credit-events", c->sess.uid);
}

/* GET /admin/events: every event of the tenant. */
static enum result
page_admin_events(struct ctx *c)
{
	return events_page(c, "credit-admin-events", NULL);
}

/* ---- the event form ---------------------------------------------------------- */

static const char *const kinds[] = { "seminar", "meeting", "lecture",
    "elearning", NULL };

static const struct field event_fields[] = {
	{ "number", F_TEXT, 1, 32, "credit.field.number", NULL },
	{ "title", F_TEXT, 1, 200, "credit.field.title", NULL },
	{ "held_on", F_DATE, 1, 0, "credit.field.held-on", NULL },
	{ "place", F_TEXT, 0, 200, "credit.field.place", NULL },
	{ "kind", F_SELECT, 1, 0, "credit.field.kind", kinds },
	{ "series", F_TEXT, 0, 16, "credit.field.series", NULL },
	{ "units", F_TEXT, 0, 6, "credit.field.units", NULL },
#define FIRST_CODE	7	/* code_1, units_1, code_2, … from here */
	{ "code_1", F_TEXT, 0, CREDIT_CODE_MAX, "credit.field.code", NULL },
	{ "units_1", F_TEXT, 0, 6, "credit.field.code-units", NULL },
	{ "code_2", F_TEXT, 0, CREDIT_CODE_MAX, "credit.field.code", NULL },
	{ "units_2", F_TEXT, 0, 6, "credit.field.code-units", NULL },
	{ "code_3", F_TEXT, 0, CREDIT_CODE_MAX, "credit.field.code", NULL },
	{ "units_3", F_TEXT, 0, 6, "credit.field.code-units", NULL },
	{ "code_4", F_TEXT, 0, CREDIT_CODE_MAX, "credit.field.code", NULL },
	{ "units_4", F_TEXT, 0, 6, "credit.field.code-units", NULL },
};

/* What the form asks: the event and its codes, checked. */
struct event_in {
	struct credit_event	 e;
	char			 units[32];
	size_t			 ncodes;
	const char		*code[CREDIT_CODES_PER_EVENT];
	long			 tenths[CREDIT_CODES_PER_EVENT];
};

/* Check what the fields alone cannot tell; fill in.  -1 error. */
static int
event_check(struct ctx *c, const struct kvlist *in, struct event_in *ev,
    struct form_result *res)
{
	const struct dbres	*codes;
	const char		*v, *cu, *kc, *ku;
	size_t			 i, j;
	long			 t;

	memset(ev, 0, sizeof(*ev));
	if ((codes = credit_codes(c)) == NULL)
		return -1;
	v = kv_str(in, "units");
	if (v == NULL || *v == '\0')
		v = "0";
	if ((t = credit_tenths(v)) < 0)
		form_error_once(res, "units", "credit.err.units");
	else
		credit_tenths_fmt(t, ev->units, sizeof(ev->units));
	for (i = 0; i < CREDIT_CODES_PER_EVENT; i++) {
		/* Error fields name the table's strings: they outlive us. */
		kc = event_fields[FIRST_CODE + 2 * i].name;
		ku = event_fields[FIRST_CODE + 2 * i + 1].name;
		v = kv_str(in, kc);
		cu = kv_str(in, ku);
		if (v == NULL || *v == '\0') {
			if (cu != NULL && *cu != '\0')
				form_error_once(res, ku,
				    "credit.err.code-missing");
			continue;
		}
		if (credit_code_name(codes, v) == NULL) {
			form_error_once(res, kc, "credit.err.code");
			continue;
		}
		for (j = 0; j < ev->ncodes; j++)
			if (strcmp(ev->code[j], v) == 0)
				form_error_once(res, kc, "credit.err.code-twice");
		if ((t = credit_tenths(cu)) <= 0) {
			form_error_once(res, ku, "credit.err.units");
			continue;
		}
		ev->code[ev->ncodes] = v;
		ev->tenths[ev->ncodes++] = t;
	}
	ev->e.number = kv_str(in, "number");
	ev->e.title = kv_str(in, "title");
	ev->e.held_on = kv_str(in, "held_on");
	ev->e.place = kv_str(in, "place");
	ev->e.kind = kv_str(in, "kind");
	ev->e.series = kv_str(in, "series");
	ev->e.organizer_uid = c->sess.uid;
	return 0;
}

/* The codes as the JSON array dbq_credit_event_codes() takes, or NULL. */
static char *
codes_json(const struct event_in *ev, struct buf *b)
{
	char	 u[32];
	size_t	 i;

	if (ev->ncodes == 0)
		return NULL;
	buf_puts(b, "[");
	for (i = 0; i < ev->ncodes; i++) {
		buf_puts(b, i > 0 ? ",[" : "[");
		buf_json_str(b, ev->code[i]);
		credit_tenths_fmt(ev->tenths[i], u, sizeof(u));
		buf_printf(b, ",%s]", u);
	}
	buf_puts(b, "]");
	return b->data;
}

/*
 * Save the form as event id (0: a new one), its codes and its
 * attendees' credits, audited, in one transaction.  The event's id,
 * 0 when the form has errors (res), -1 on error.
 */
static long long
event_save(struct ctx *c, long long id, struct form_result *res)
{
	struct event_in	 ev;
	struct buf	 b = { NULL, 0, 0 };
	const char	*json;
	char		 obj[40];
	long long	 nid;

	if (form_validate(event_fields, NF(event_fields), &c->form, res) < 0 ||
	    event_check(c, &c->form, &ev, res) < 0)
		return -1;
	if (res->nerr > 0)
		return 0;
	json = codes_json(&ev, &b);
	if (db_begin(c->app->db) < 0)
		goto fail;
	nid = id > 0 ? dbq_credit_event_put(c->app->db, c->tenant->slug, id,
	    &ev.e, ev.units) : dbq_credit_event_new(c->app->db,
	    c->tenant->slug, &ev.e, ev.units);
	if (nid == DB_DUP) {
		db_rollback(c->app->db);
		buf_free(&b);
		form_error_add(res, "number", "credit.err.number-taken");
		return 0;
	}
	snprintf(obj, sizeof(obj), "credit_event:%lld", nid);
	if (nid <= 0 || dbq_credit_event_codes(c->app->db, nid, json,
	    ev.ncodes > 1) < 0 || credit_refresh(c->app->db, c->tenant->slug,
	    &nid, 1) < 0 || audit_log(c->app->db, c->tenant->slug,
	    c->sess.uid, id > 0 ? "credit.event.edit" : "credit.event.create",
	    obj, c->remote, ev.e.number) < 0 || db_commit(c->app->db) < 0)
		goto fail;
	buf_free(&b);
	return nid;
fail:
	db_rollback(c->app->db);
	buf_free(&b);
	return -1;
}

/* Make code_N a select of the tenant's codes (none: left as text). */
static void
event_form_dress(struct ctx *c, xmlNodePtr form)
{
	const struct dbres	*codes = credit_codes(c);
	xmlNodePtr		 f, o;
	xmlChar			*name;

	form_options_label(form, "kind", "credit.kind.", NULL, ctx_en(c));
	if (codes == NULL || codes->nrows == 0)
		return;
	for (f = form->children; f != NULL; f = f->next) {
		name = xmlGetProp(f, (const xmlChar *)"name");
		if (name != NULL && strncmp((const char *)name, "code_", 5) ==
		    0) {
			o = model_text(f, "option", "");
			model_attr(o, "value", "");
			credit_code_select(f, codes);
		}
		xmlFree(name);
	}
}

/* GET, or a refused POST, of /events/new. */
static enum result
show_event_new(struct ctx *c, const struct kvlist *vals,
    const struct form_result *res)
{
	xmlNodePtr	 f;

	if (model_new(c, "credit-event-new") == -1)
		return RES_INTERNAL;
	f = model_form(c, "event", "/events/new", event_fields,
	    NF(event_fields), vals, res, "credit.btn.create");
	event_form_dress(c, f);
	return RES_OK;
}

static enum result
page_event_new_get(struct ctx *c)
{
	struct kvlist	 dflt = { NULL, 0, 0 };
	char		 today[16];
	enum result	 r;

	clock_today(today, sizeof(today));
	kv_add(&dflt, "held_on", 7, today, strlen(today));
	kv_add(&dflt, "kind", 4, "seminar", 7);
	r = show_event_new(c, c->reshow ? &c->form : &dflt, NULL);
	kv_free(&dflt);
	return r;
}

static enum result
page_event_new_post(struct ctx *c)
{
	struct form_result	 res;
	char			 path[64];
	long long		 id;

	res.nerr = 0;
	if ((id = event_save(c, 0, &res)) < 0)
		return RES_UNAVAIL;
	if (id == 0)
		return show_event_new(c, &c->form, &res);
	snprintf(path, sizeof(path), "/events/%lld", id);
	return redirect_param(c, path, "done", "created");
}

/* ---- one event: /events/<id>[/attend|/unattend|/import] -------------------- */

enum sub { SUB_EDIT, SUB_ATTEND, SUB_UNATTEND, SUB_IMPORT };

static const struct {
	const char	*tail;
	enum sub	 sub;
} subs[] = {
	{ "", SUB_EDIT }, { "/attend", SUB_ATTEND },
	{ "/unattend", SUB_UNATTEND }, { "/import", SUB_IMPORT },
};

static const struct field attend_fields[] = {
	{ "who", F_TEXT, 1, 64, "credit.field.who", NULL },
	{ "units", F_TEXT, 0, 6, "credit.field.attend-units", NULL },
};

/*
 * The event of the path, if this user may edit it (its organizer, or a
 * tenant admin): RES_OK with *r its row, else RES_NOTFOUND (another's
 * event is as absent as one that does not exist) or RES_UNAVAIL.
 */
static enum result
event_load(struct ctx *c, long long *id, enum sub *sub, struct dbres **r)
{
	const char	*p = c->path + strlen("/events/");
	char		*end;
	size_t		 i;

	*r = NULL;
	if (*p < '1' || *p > '9')
		return RES_NOTFOUND;
	*id = strtoll(p, &end, 10);
	for (i = 0; i < NF(subs); i++)
		if (strcmp(end, subs[i].tail) == 0)
			break;
	if (i == NF(subs))
		return RES_NOTFOUND;
	*sub = subs[i].sub;
	if ((*r = dbq_credit_event(c->app->db, c->tenant->slug, *id)) == NULL)
		return RES_UNAVAIL;
	if ((*r)->nrows == 1 && (strcmp(dbres_get(*r, 0, CE_ORGANIZER),
	    c->sess.uid) == 0 || page_any_role(c, ROLE_TENANT_ADMIN)))
		return RES_OK;
	dbres_free(*r);
	*r = NULL;
	return RES_NOTFOUND;
}

/* The form's values from the event row. */
static void
event_values(const struct dbres *r, struct kvlist *v)
{
	const char	*codes = dbres_get(r, 0, CE_CODES), *p;
	char		 k[16], code[16], units[16];
	int		 n, i = 0;

	kv_add(v, "number", 6, dbres_get(r, 0, CE_NUMBER),
	    strlen(dbres_get(r, 0, CE_NUMBER)));
	kv_add(v, "title", 5, dbres_get(r, 0, CE_TITLE),
	    strlen(dbres_get(r, 0, CE_TITLE)));
	kv_add(v, "held_on", 7, dbres_get(r, 0, CE_HELD),
	    strlen(dbres_get(r, 0, CE_HELD)));
	kv_add(v, "place", 5, dbres_get(r, 0, CE_PLACE),
	    strlen(dbres_get(r, 0, CE_PLACE)));
	kv_add(v, "kind", 4, dbres_get(r, 0, CE_KIND),
	    strlen(dbres_get(r, 0, CE_KIND)));
	if (dbres_get(r, 0, CE_SERIES) != NULL)
		kv_add(v, "series", 6, dbres_get(r, 0, CE_SERIES),
		    strlen(dbres_get(r, 0, CE_SERIES)));
	kv_add(v, "units", 5, dbres_get(r, 0, CE_UNITS),
	    strlen(dbres_get(r, 0, CE_UNITS)));
	for (p = codes; p != NULL && i < CREDIT_CODES_PER_EVENT &&
	    sscanf(p, "%15[^:]:%15s%n", code, units, &n) == 2; p += n) {
		i++;
		snprintf(k, sizeof(k), "code_%d", i);
		kv_add(v, k, strlen(k), code, strlen(code));
		snprintf(k, sizeof(k), "units_%d", i);
		kv_add(v, k, strlen(k), units, strlen(units));
		while (p[n] == ' ')
			n++;
	}
}

/* The event page: its form (vals, res), attendance, the add form. */
static enum result
show_event(struct ctx *c, long long id, const struct dbres *ev,
    const struct kvlist *vals, const struct form_result *res,
    const struct kvlist *avals, const struct form_result *ares)
{
	struct dbres	*at;
	xmlNodePtr	 f, l, n;
	char		 action[64];
	const char	*done = kv_str(&c->query, "done");
	size_t		 i;

	if ((at = dbq_credit_attendees(c->app->db, c->tenant->slug, id,
	    CREDIT_ATTENDEES_MAX)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "credit-event") == -1) {
		dbres_free(at);
		return RES_INTERNAL;
	}
	if (done != NULL && (strcmp(done, "created") == 0 ||
	    strcmp(done, "saved") == 0 || strcmp(done, "attended") == 0 ||
	    strcmp(done, "removed") == 0 || strcmp(done, "imported") == 0)) {
		snprintf(action, sizeof(action), "credit.msg.%s", done);
		model_flash(c, action, "success");
	}
	event_row_model(c->content, ev, 0);
	snprintf(action, sizeof(action), "/events/%lld", id);
	f = model_form(c, "event", action, event_fields, NF(event_fields),
	    vals, res, "credit.btn.save");
	event_form_dress(c, f);
	snprintf(action, sizeof(action), "/events/%lld/attend", id);
	model_form(c, "attend", action, attend_fields, NF(attend_fields),
	    avals, ares, "credit.btn.attend");
	l = model_node(c->content, "attendees");
	model_attrf(l, "count", "%s", dbres_get(ev, 0, CE_ATTENDEES));
	if (at->nrows == CREDIT_ATTENDEES_MAX)
		model_attrf(l, "limit", "%d", CREDIT_ATTENDEES_MAX);
	for (i = 0; i < at->nrows; i++) {
		n = model_node(l, "attendee");
		model_attr(n, "uid", dbres_get(at, i, CT_UID));
		if (dbres_get(at, i, CT_MEMBER_NO) != NULL)
			model_attr(n, "member-no", dbres_get(at, i,
			    CT_MEMBER_NO));
		if (dbres_get(at, i, CT_NAME) != NULL)
			model_attr(n, "name", dbres_get(at, i, CT_NAME));
		if (dbres_get(at, i, CT_UNITS) != NULL)
			model_attr(n, "units", dbres_get(at, i, CT_UNITS));
		model_attr(n, "credits", dbres_get(at, i, CT_CREDITS));
	}
	dbres_free(at);
	return RES_OK;
}


static enum result
page_event_get(struct ctx *c)
{
	struct kvlist	 v = { NULL, 0, 0 };
	struct dbres	*ev;
	long long	 id;
	enum sub	 sub;
	enum result	 rc;

	if ((rc = event_load(c, &id, &sub, &ev)) != RES_OK)
		return rc;
	switch (sub) {
	case SUB_EDIT:
		event_values(ev, &v);
		rc = show_event(c, id, ev, c->reshow ? &c->form : &v, NULL,
		    NULL, NULL);
		break;
	case SUB_IMPORT:
		rc = credit_import_page(c, id);
		break;
	default:
		rc = RES_METHOD;	/* attend, unattend: POST only */
		break;
	}
	kv_free(&v);
	dbres_free(ev);
	return rc;
}

/* One attendee added by member number or uid (CME-2); credits follow. */
static enum result
attend_one(struct ctx *c, long long id, const struct dbres *ev)
{
	struct form_result	 res;
	struct kvlist		 v = { NULL, 0, 0 };
	const char		*who = kv_str(&c->form, "who");
	const char		*u = kv_str(&c->form, "units");
	const char		*uidp;
	char			 uid[80], path[64], obj[40];
	double			 units = -1;
	long			 t;
	int			 k;
	enum result		 rc;

	res.nerr = 0;
	if (form_validate(attend_fields, NF(attend_fields), &c->form,
	    &res) < 0)
		return RES_UNAVAIL;
	if (u != NULL && *u != '\0') {
		if ((t = credit_tenths(u)) < 0)
			form_error_add(&res, "units", "credit.err.units");
		else if (dbres_get(ev, 0, CE_CODES) != NULL &&
		    strchr(dbres_get(ev, 0, CE_CODES), ' ') != NULL)
			form_error_add(&res, "units", "credit.err.units-codes");
		else
			units = t / 10.0;
	}
	if (res.nerr == 0) {
		if ((k = dbq_credit_member(c->app->db, c->tenant->slug, who,
		    uid, sizeof(uid))) < 0)
			return RES_UNAVAIL;
		if (k == 0)
			form_error_add(&res, "who", "credit.err.who");
	}
	if (res.nerr > 0) {
		event_values(ev, &v);
		rc = show_event(c, id, ev, &v, NULL, &c->form, &res);
		kv_free(&v);
		return rc;
	}
	uidp = uid;
	snprintf(obj, sizeof(obj), "credit_event:%lld", id);
	if (db_begin(c->app->db) < 0 || credit_attend(c->app->db,
	    c->tenant->slug, &id, &uidp, &units, 1) < 0 ||
	    audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "credit.attend.add", obj, c->remote, uid) < 0 ||
	    db_commit(c->app->db) < 0) {
		db_rollback(c->app->db);
		return RES_UNAVAIL;
	}
	snprintf(path, sizeof(path), "/events/%lld", id);
	return redirect_param(c, path, "done", "attended");
}

/* One attendee removed, with the credits the event gave them. */
static enum result
unattend_one(struct ctx *c, long long id)
{
	const char	*uid = kv_str(&c->form, "uid");
	char		 path[64], obj[40];
	int		 k;

	if (uid == NULL || *uid == '\0' || strlen(uid) > 64)
		return RES_BADREQ;
	snprintf(obj, sizeof(obj), "credit_event:%lld", id);
	if (db_begin(c->app->db) < 0)
		return RES_UNAVAIL;
	if ((k = dbq_credit_unattend(c->app->db, id, uid)) < 0 ||
	    (k > 0 && audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "credit.attend.remove", obj, c->remote, uid) < 0) ||
	    db_commit(c->app->db) < 0) {
		db_rollback(c->app->db);
		return RES_UNAVAIL;
	}
	if (k == 0)
		return RES_NOTFOUND;
	snprintf(path, sizeof(path), "/events/%lld", id);
	return redirect_param(c, path, "done", "removed");
}

static enum result
page_event_post(struct ctx *c)
{
	struct form_result	 res;
	struct dbres		*ev;
	char			 path[64];
	long long		 id, k;
	enum sub		 sub;
	enum result		 rc;

	if ((rc = event_load(c, &id, &sub, &ev)) != RES_OK)
		return rc;
	switch (sub) {
	case SUB_EDIT:
		res.nerr = 0;
		if ((k = event_save(c, id, &res)) < 0)
			rc = RES_UNAVAIL;
		else if (k == 0)
			rc = show_event(c, id, ev, &c->form, &res, NULL, NULL);
		else {
			snprintf(path, sizeof(path), "/events/%lld", id);
			rc = redirect_param(c, path, "done", "saved");
		}
		break;
	case SUB_ATTEND:
		rc = attend_one(c, id, ev);
		break;
	case SUB_UNATTEND:
		rc = unattend_one(c, id);
		break;
	case SUB_IMPORT:
		rc = credit_import_page(c, id);
		break;
	default:
		rc = RES_NOTFOUND;
		break;
	}
	dbres_free(ev);
	return rc;
}

/* /events/import: rows of any event this user may edit. */
static enum result
page_import(struct ctx *c)
{
	return credit_import_page(c, 0);
}
