/*
 * recruit_admin.c — the staff side of recruitment (BRD-7, BRD-12):
 *
 *   /director                 a program director's programs and their
 *                             applicants per round; 採用/不採用 in the
 *                             adjustment period (only their own programs)
 *   /admin/programs           the board admin's catalogue: list, create,
 *                             edit with base and partner facilities,
 *                             rotations and the booklet PDF; applicants
 *                             per program, as a page and as CSV
 *   /admin/rounds             the schedule (rounds and their times)
 *   /admin/results            results per round: record, and mail them
 *                             once the notification time has come
 *
 * Directors see only programs whose director_uid is their own uid: any
 * other id is "not found", as in another tenant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "clock.h"
#include "csv.h"
#include "ctx.h"
#include "db.h"
#include "directory.h"
#include "form.h"
#include "jp.h"
#include "log.h"
#include "recruit.h"
#include "session.h"
#include "tenant.h"
#include "upload.h"

static enum result	 page_director(struct ctx *);
static enum result	 page_director_decide(struct ctx *);
static enum result	 page_programs_admin(struct ctx *);
static enum result	 page_program_new_get(struct ctx *);
static enum result	 page_program_new_post(struct ctx *);
static enum result	 page_program_admin_get(struct ctx *);
static enum result	 page_program_admin_post(struct ctx *);
static enum result	 page_rounds(struct ctx *);
static enum result	 page_round_edit_get(struct ctx *);
static enum result	 page_round_edit_post(struct ctx *);
static enum result	 page_results(struct ctx *);
static enum result	 page_results_decide(struct ctx *);
static enum result	 page_results_notify(struct ctx *);

#define STAFF		(PAGE_TENANT | PAGE_AUTH)
#define ADMIN		ROLE_TENANT_ADMIN
#define DIRECTOR	ROLE_PROGRAM_DIRECTOR

const struct page recruit_admin_pages[] = {
	{ .name = "recruit-director", .methods = M_GET, .path = "/director",
	    .flags = STAFF, .get = page_director,
	    .menu = "recruit.menu.director", .feature = RECRUIT_FEATURE,
	    .roles = DIRECTOR },
	{ .name = "recruit-director-decide", .methods = M_POST,
	    .path = "/director/decide", .flags = STAFF,
	    .post = page_director_decide, .feature = RECRUIT_FEATURE,
	    .roles = DIRECTOR },
	{ .name = "recruit-admin-programs", .methods = M_GET,
	    .path = "/admin/programs", .flags = STAFF,
	    .get = page_programs_admin, .menu = "recruit.menu.admin-programs",
	    .feature = RECRUIT_FEATURE, .roles = ADMIN },
	{ .name = "recruit-admin-program-new", .methods = M_GET | M_POST,
	    .path = "/admin/programs/new", .flags = STAFF,
	    .get = page_program_new_get,
	    .post = page_program_new_post,
	    .feature = RECRUIT_FEATURE,
	    .roles = ADMIN },
	{ .name = "recruit-admin-program", .methods = M_GET | M_POST,
	    .path = "/admin/programs/", .flags = STAFF | PAGE_PREFIX,
	    .get = page_program_admin_get,
	    .post = page_program_admin_post,
	    .feature = RECRUIT_FEATURE,
	    .roles = ADMIN },
	{ .name = "recruit-admin-rounds", .methods = M_GET,
	    .path = "/admin/rounds", .flags = STAFF, .get = page_rounds,
	    .menu = "recruit.menu.admin-rounds", .feature = RECRUIT_FEATURE,
	    .roles = ADMIN },
	{ .name = "recruit-admin-round", .methods = M_GET | M_POST,
	    .path = "/admin/rounds/", .flags = STAFF | PAGE_PREFIX,
	    .get = page_round_edit_get,
	    .post = page_round_edit_post,
	    .feature = RECRUIT_FEATURE,
	    .roles = ADMIN },
	{ .name = "recruit-admin-results", .methods = M_GET,
	    .path = "/admin/results", .flags = STAFF, .get = page_results,
	    .menu = "recruit.menu.admin-results", .feature = RECRUIT_FEATURE,
	    .roles = ADMIN },
	{ .name = "recruit-admin-results-decide", .methods = M_POST,
	    .path = "/admin/results/decide", .flags = STAFF,
	    .post = page_results_decide, .feature = RECRUIT_FEATURE,
	    .roles = ADMIN },
	{ .name = "recruit-admin-results-notify", .methods = M_POST,
	    .path = "/admin/results/notify", .flags = STAFF,
	    .post = page_results_notify, .feature = RECRUIT_FEATURE,
	    .roles = ADMIN },
	{ .name = NULL },
};

#define NF(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const track_codes[] = { "regular", "research", NULL };
static const char *const kind_codes[] = { "first", "second", "final",
    NULL };

static const struct field program_fields[] = {
	{ "code", F_TEXT, 1, 32, "recruit.field.code", NULL },
	{ "name", F_TEXT, 1, 200, "recruit.field.program-name", NULL },
	{ "domain", F_SELECT, 1, 0, "recruit.field.domain", jp_domain_codes },
	{ "prefecture", F_SELECT, 1, 0, "recruit.field.prefecture",
	    jp_pref_codes },
	{ "track", F_RADIO, 1, 0, "recruit.field.track", track_codes },
	{ "capacity", F_NUMBER, 1, 4, "recruit.field.capacity", NULL },
	{ "instructors", F_NUMBER, 1, 4, "recruit.field.instructors", NULL },
	{ "years", F_NUMBER, 1, 1, "recruit.field.years", NULL },
	{ "director", F_TEXT, 0, 64, "recruit.field.director", NULL },
	{ "description", F_TEXTAREA, 0, 4000, "recruit.field.description",
	    NULL },
	{ "base_name", F_TEXT, 1, 200, "recruit.field.base-name", NULL },
	{ "base_address", F_TEXT, 0, 300, "recruit.field.address", NULL },
	{ "base_beds", F_NUMBER, 0, 5, "recruit.field.beds", NULL },
	{ "base_details", F_TEXTAREA, 0, 2000, "recruit.field.details", NULL },
};
#define BASE_FIRST	10	/* the base facility's fields start here */

static const struct field partner_fields[] = {
	{ "partner_name", F_TEXT, 1, 200, "recruit.field.partner-name", NULL },
	{ "partner_pref", F_SELECT, 1, 0, "recruit.field.prefecture",
	    jp_pref_codes },
	{ "partner_address", F_TEXT, 0, 300, "recruit.field.address", NULL },
	{ "partner_beds", F_NUMBER, 0, 5, "recruit.field.beds", NULL },
	{ "partner_role", F_TEXT, 0, 200, "recruit.field.role", NULL },
	{ "partner_details", F_TEXTAREA, 0, 2000, "recruit.field.details",
	    NULL },
};

static const struct field rotation_fields[] = {
	{ "rot_year", F_NUMBER, 1, 1, "recruit.field.rot-year", NULL },
	{ "rot_facility", F_NUMBER, 1, 20, "recruit.field.rot-facility",
	    NULL },
	{ "rot_months", F_NUMBER, 1, 2, "recruit.field.rot-months", NULL },
	{ "rot_notes", F_TEXT, 0, 300, "recruit.field.rot-notes", NULL },
};

static const struct field booklet_fields[] = {
	{ "booklet", F_FILE, 1, 0, "recruit.field.booklet", NULL },
};

static const struct field round_new_fields[] = {
	{ "year", F_NUMBER, 1, 4, "recruit.field.year", NULL },
	{ "track", F_RADIO, 1, 0, "recruit.field.track", track_codes },
	{ "kind", F_SELECT, 1, 0, "recruit.field.kind", kind_codes },
};
static const struct field round_fields[] = {
	{ "apply_open", F_DATETIME, 1, 19, "recruit.field.apply-open", NULL },
	{ "apply_close", F_DATETIME, 1, 19, "recruit.field.apply-close",
	    NULL },
	{ "adjust_open", F_DATETIME, 1, 19, "recruit.field.adjust-open", NULL },
	{ "adjust_close", F_DATETIME, 1, 19, "recruit.field.adjust-close",
	    NULL },
	{ "notify_at", F_DATETIME, 1, 19, "recruit.field.notify-at", NULL },
	{ "confirm_open", F_DATETIME, 0, 19, "recruit.field.confirm-open",
	    NULL },
	{ "confirm_close", F_DATETIME, 0, 19, "recruit.field.confirm-close",
	    NULL },
};

/* ---- helpers ------------------------------------------------------------ */

static void
redirect(struct ctx *c, const char *fmt, long long id, const char *done)
{
	char	 path[200];

	snprintf(path, sizeof(path), fmt, id);
	(void)redirect_param(c, path, "done", done);
}

/* Flash for ?done=WHAT: key recruit.msg.<what>, if WHAT is known. */
static void
done_flash(struct ctx *c)
{
	static const char *const known[] = { "saved", "created", "partner",
	    "partner-deleted", "rotation", "rotation-deleted", "booklet",
	    "decided", "notified" };
	const char	*done = kv_str(&c->query, "done");
	char		 key[64];
	size_t		 i;

	for (i = 0; done != NULL && i < NF(known); i++)
		if (strcmp(done, known[i]) == 0) {
			snprintf(key, sizeof(key), "recruit.msg.%s", known[i]);
			model_flash(c, key, "success");
		}
}

/*
 * Who an applicant is, for staff: the member record's name and
 * registration number, else (an account without a member record, e.g.
 * made by shikakuctl) the directory's.  Fills *name and *regno.
 */
static void
person(struct ctx *c, const char *uid, const char *rec_name,
    const char *rec_regno, struct dir_user *u, const char **name,
    const char **regno)
{
	int	 have = 0;

	*name = rec_name != NULL ? rec_name : "";
	*regno = rec_regno != NULL ? rec_regno : "";
	if ((**name == '\0' || **regno == '\0') &&
	    dir_get_uid(c->app->dir, c->tenant, uid, u) == 1)
		have = 1;
	if (have && **name == '\0')
		*name = u->name;
	if (have && **regno == '\0')
		*regno = u->number;
}

/* ---- decisions (BRD-7) ---------------------------------------------------- */

/*
 * Record 採用 (accepted) or 不採用 (rejected) on application id, as a
 * board admin (admin) or as the program's director.  1 done; 0 refused,
 * *why the message key; -1 error; -2 no such application for this
 * person (another director's program is not theirs to see).  Sets
 * *program to the application's program.
 */
static int
decide(struct ctx *c, long long id, const char *decision, int admin,
    const char **why, long long *program)
{
	struct dbres		*a = NULL, *p = NULL;
	struct app_row		 ap;
	struct program_row	 pr;
	char			 now[CLOCK_SQL_LEN], obj[48];
	int			 k, rc = -1;

	*why = NULL;
	*program = 0;
	clock_now_sql(now, sizeof(now));
	if (strcmp(decision, "accepted") != 0 &&
	    strcmp(decision, "rejected") != 0) {
		rc = -2;
		goto out;
	}
	if (id <= 0 || (a = dbq_app_get(c->app->db, c->tenant->slug,
	    id)) == NULL)
		goto out;
	if (a->nrows == 0 || dbq_app_row(a, 0, &ap) == -1) {
		rc = -2;
		goto out;
	}
	*program = atoll(ap.program_id);
	if ((p = dbq_program_get(c->app->db, c->tenant->slug,
	    *program)) == NULL)
		goto out;
	if (p->nrows > 0)
		dbq_program_row(p, 0, &pr);
	if (p->nrows == 0 || (!admin && (pr.director_uid == NULL ||
	    strcmp(pr.director_uid, c->sess.uid) != 0))) {
		rc = -2;
		goto out;
	}
	rc = 0;
	if (!rround_adjusting(&ap.round, now)) {
		*why = "recruit.why.decide-closed";
		goto out;
	}
	/* The decision and its audit line: both or neither. */
	if (db_begin(c->app->db) <= 0) {
		rc = -1;
		goto out;
	}
	k = dbq_app_decide(c->app->db, c->tenant->slug, id, decision,
	    c->sess.uid, admin ? NULL : c->sess.uid, now);
	snprintf(obj, sizeof(obj), "application:%lld", id);
	if (db_end(c->app->db, k > 0 && audit_log(c->app->db,
	    c->tenant->slug, c->sess.uid, "recruit.decide", obj, c->remote,
	    decision) > 0) < 0 && k > 0)
		k = -1;
	if (k == DB_DUP)
		*why = "recruit.why.decide-dup";
	else if (k == 0)
		*why = "recruit.why.decide-state";
	else if (k < 0)
		rc = -1;
	else
		rc = 1;
out:
	dbres_free(a);
	dbres_free(p);
	return rc;
}

/*
 * <applicants> of a program, grouped by round by the theme: each with
 * the member's registration number and name, the system, the state (the
 * real one: staff see decisions before members do) and, in the round's
 * adjustment period, whether 採用/不採用 may be recorded.  r: the
 * program's applications (dbq_program_page() with apps).
 */
static void
applicants_model(struct ctx *c, xmlNodePtr parent, const struct dbres *r,
    const char *decide_action)
{
	struct program_app_row	 pa;
	struct dir_user		 u;
	struct rround		 rr;
	xmlNodePtr		 list, a;
	const char		*name, *regno;
	char			 now[CLOCK_SQL_LEN];
	size_t			 i;

	clock_now_sql(now, sizeof(now));
	list = model_node(parent, "applicants");
	model_attr(list, "decide-action", decide_action);
	for (i = 0; i < r->nrows; i++) {
		dbq_program_app_row(r, i, &pa);
		a = model_node(list, "applicant");
		model_attr(a, "id", pa.id);
		model_attr(a, "state", pa.state);
		model_attr(a, "system", pa.system);
		if (pa.reason != NULL)
			model_attr(a, "reason", pa.reason);
		model_attr(a, "created", pa.created);
		if (pa.decided != NULL)
			model_attr(a, "decided", pa.decided);
		person(c, pa.uid, pa.name, pa.regno, &u, &name, &regno);
		model_attr(a, "regno", regno);
		model_attr(a, "round-id", pa.round_id);
		model_attr(a, "year", pa.year);
		model_attr(a, "track", pa.track);
		model_attr(a, "kind", pa.kind);
		memset(&rr, 0, sizeof(rr));
		snprintf(rr.adjust_open, sizeof(rr.adjust_open), "%s",
		    pa.adjust_open);
		snprintf(rr.adjust_close, sizeof(rr.adjust_close), "%s",
		    pa.adjust_close);
		if (rround_adjusting(&rr, now) &&
		    (strcmp(pa.state, "applied") == 0 ||
		    strcmp(pa.state, "accepted") == 0 ||
		    strcmp(pa.state, "rejected") == 0))
			model_attr(a, "can-decide", "1");
		model_text(a, "name", name);
		if (pa.kana != NULL)
			model_text(a, "kana", pa.kana);
		if (pa.decline_reason != NULL)
			model_text(a, "decline-reason", pa.decline_reason);
		if (pa.detail != NULL)
			model_text(a, "detail", pa.detail);
	}
}

/* ---- /director ------------------------------------------------------------ */

/*
 * GET /director[?program=<id>]: the director's programs and, for the one
 * chosen (else the first), its applicants and the schedule.
 */
static enum result
page_director(struct ctx *c)
{
	struct program_page_res	 pg;
	struct dbres		*r;
	struct program_summary	 ps;
	xmlNodePtr		 list, p;
	long long		 want = form_id(&c->query, "program"), show = -1;
	size_t			 i;
	enum result		 rc = RES_UNAVAIL;

	memset(&pg, 0, sizeof(pg));
	if ((r = dbq_program_of_director(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "recruit-director") == -1) {
		rc = RES_INTERNAL;
		goto out;
	}
	done_flash(c);
	if (kv_str(&c->query, "why") != NULL) {
		const char *w = kv_str(&c->query, "why");
		if (strcmp(w, "closed") == 0)
			recruit_error(c, "recruit.why.decide-closed");
		else if (strcmp(w, "dup") == 0)
			recruit_error(c, "recruit.why.decide-dup");
		else if (strcmp(w, "state") == 0)
			recruit_error(c, "recruit.why.decide-state");
	}
	list = model_node(c->content, "programs");
	for (i = 0; i < r->nrows; i++) {
		long long id;
		dbq_program_summary_row(r, i, &ps);
		id = atoll(ps.id);
		p = program_summary_model(c, list, &ps);
		if (show < 0 && (want <= 0 || want == id)) {
			show = id;
			model_attr(p, "current", "1");
		}
	}
	if (want > 0 && show != want) {
		rc = RES_NOTFOUND;	/* not one of theirs */
		goto out;
	}
	if (recruit_schedule_model(c, c->content, 0) < 0)
		goto out;
	/* The program, its lists and its applicants: one statement. */
	if (show > 0) {
		if (dbq_program_page(c->app->db, c->tenant->slug, show, 1,
		    &pg) == -1)
			goto out;
		if (pg.p->nrows > 0)
			program_detail_show(c, c->content, pg.p, pg.pa, pg.ro);
		applicants_model(c, c->content, pg.ap, "/director/decide");
	}
	rc = RES_OK;
out:
	dbq_program_page_free(&pg);
	dbres_free(r);
	return rc;
}

static const char *
why_code(const char *why)
{
	if (why == NULL)
		return "state";
	if (strcmp(why, "recruit.why.decide-closed") == 0)
		return "closed";
	if (strcmp(why, "recruit.why.decide-dup") == 0)
		return "dup";
	return "state";
}

/* POST /director/decide: id, decision (accepted or rejected). */
static enum result
page_director_decide(struct ctx *c)
{
	const char	*why, *dec = kv_str(&c->form, "decision");
	long long	 program;
	char		 path[120];
	int		 k;

	k = decide(c, form_id(&c->form, "id"), dec != NULL ? dec : "", 0,
	    &why, &program);
	if (k == -2)
		return RES_NOTFOUND;
	if (k < 0)
		return RES_UNAVAIL;
	if (k == 1)
		redirect(c, "/director?program=%lld", program, "decided");
	else {
		snprintf(path, sizeof(path), "/director?program=%lld&why=%s",
		    program, why_code(why));
		snprintf(c->location, sizeof(c->location), "%s", path);
	}
	return RES_REDIRECT;
}

/* ---- /admin/programs ------------------------------------------------------ */

/* GET /admin/programs[?q=…&page=n]: the catalogue by code, searchable. */
static enum result
page_programs_admin(struct ctx *c)
{
	struct dbres		*r;
	struct program_summary	 ps;
	xmlNodePtr		 list;
	const char		*q = kv_str(&c->query, "q");
	long long		 page = form_id(&c->query, "page");
	size_t			 i;

	if (q != NULL && (!utf8_valid(q, strlen(q)) ||
	    utf8_chars(q, strlen(q)) > RECRUIT_KW_CHARS))
		q = NULL;
	if (page <= 0 || page > 10000)
		page = 1;
	if ((r = dbq_program_admin_list(c->app->db, c->tenant->slug, q,
	    page)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "recruit-admin-programs") == -1) {
		dbres_free(r);
		return RES_INTERNAL;
	}
	done_flash(c);
	list = model_node(c->content, "programs");
	if (q != NULL)
		model_text(list, "q", q);
	model_attrf(list, "page", "%lld", page);
	if (r->nrows > RECRUIT_PAGE_SIZE)
		model_attr(list, "more", "1");
	for (i = 0; i < r->nrows && i < RECRUIT_PAGE_SIZE; i++) {
		dbq_program_summary_row(r, i, &ps);
		model_text(program_summary_model(c, list, &ps), "director",
		    ps.director);
	}
	dbres_free(r);
	return RES_OK;
}

/* The program's values as a form's (an edit page's first view). */
static void
program_to_kv(const struct program_row *p, const char *director,
    struct kvlist *kv)
{
	const struct { const char *name, *v; } map[] = {
		{ "code", p->code }, { "name", p->name },
		{ "domain", p->domain }, { "prefecture", p->pref },
		{ "capacity", p->capacity }, { "instructors", p->instructors },
		{ "years", p->years }, { "track", p->track },
		{ "description", p->description },
		{ "base_name", p->base.name },
		{ "base_address", p->base.address },
		{ "base_beds", p->base.beds },
		{ "base_details", p->base.details },
	};
	const char	*v;
	size_t		 i;

	for (i = 0; i < NF(map); i++)
		if ((v = map[i].v) != NULL)
			kv_add(kv, map[i].name, strlen(map[i].name), v,
			    strlen(v));
	if (director != NULL)
		kv_add(kv, "director", 8, director, strlen(director));
}

/* Codes: letters, digits and hyphens, as printed in booklets. */
static int
valid_code(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

/*
 * Save the program form: the base facility (by name), the program, the
 * director (by their login identifier; they get the program_director
 * role), the search index; one transaction.  Returns the program id,
 * 0 refused (errors in res), -1 error.
 */
static long long
program_save(struct ctx *c, long long id, struct form_result *res)
{
	const struct kvlist	*in = &c->form;
	struct facility_rec	 f;
	struct program_rec	 p;
	struct dir_user		 u;
	const char		*dir = kv_str(in, "director"), *beds;
	char			 obj[48];
	long long		 fid, pid = -1;
	int			 k;

	form_validate(program_fields, NF(program_fields), in, res);
	if (kv_str(in, "code") != NULL && *kv_str(in, "code") != '\0' &&
	    !valid_code(kv_str(in, "code")))
		form_error_add(res, "code", "recruit.err.code");
	if (kv_str(in, "years") != NULL && valid_number(kv_str(in, "years")) &&
	    (atoi(kv_str(in, "years")) < 1 || atoi(kv_str(in, "years")) > 9))
		form_error_add(res, "years", "recruit.err.years");
	memset(&u, 0, sizeof(u));
	if (dir != NULL && *dir != '\0' && res->nerr == 0) {
		if ((k = dir_find_login(c->app->dir, c->tenant, dir, &u)) < 0)
			return -1;
		if (k == 0)
			form_error_add(res, "director", "recruit.err.director");
	}
	if (res->nerr > 0)
		return 0;
	memset(&f, 0, sizeof(f));
	f.name = kv_str(in, "base_name");
	f.prefecture = kv_str(in, "prefecture");
	f.address = kv_str(in, "base_address") ? kv_str(in, "base_address") :
	    "";
	beds = kv_str(in, "base_beds");
	f.beds = beds != NULL && *beds != '\0' ? atoll(beds) : -1;
	f.kind = "base";
	f.details = kv_str(in, "base_details");
	memset(&p, 0, sizeof(p));
	p.code = kv_str(in, "code");
	p.name = kv_str(in, "name");
	p.domain = kv_str(in, "domain");
	p.prefecture = kv_str(in, "prefecture");
	p.track = kv_str(in, "track");
	p.capacity = atoll(kv_str(in, "capacity"));
	p.instructors = atoll(kv_str(in, "instructors"));
	p.years = atoll(kv_str(in, "years"));
	p.description = kv_str(in, "description");
	p.director_uid = u.uid[0] != '\0' ? u.uid : NULL;
	p.director_name = u.name;
	if (db_begin(c->app->db) < 0)
		return -1;
	if ((fid = dbq_facility_put(c->app->db, c->tenant->slug, &f)) <= 0)
		goto fail;
	p.base_facility_id = fid;
	pid = dbq_program_put(c->app->db, c->tenant->slug, id, &p);
	if (pid == DB_DUP) {
		db_rollback(c->app->db);
		form_error_add(res, "code", "recruit.err.code-taken");
		return 0;
	}
	if (pid <= 0 || dbq_program_reindex(c->app->db, c->tenant->slug,
	    pid) < 0)
		goto fail;
	if (p.director_uid != NULL && role_grant(c->app->db, c->tenant->slug,
	    p.director_uid, RECRUIT_DIRECTOR) < 0)
		goto fail;
	snprintf(obj, sizeof(obj), "program:%lld", pid);
	if (audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    id > 0 ? "recruit.program.edit" : "recruit.program.create", obj,
	    c->remote, p.code) < 0 || db_commit(c->app->db) < 0)
		goto fail;
	return pid;
fail:
	db_rollback(c->app->db);
	return -1;
}

/* Label the program form's choices and group the base facility's fields. */
static void
program_form_dress(struct ctx *c, xmlNodePtr f)
{
	xmlNodePtr	 g, n, next;
	xmlChar		*name;

	form_options_label(f, "domain", NULL, jp_domains,
	    ctx_en(c));
	form_options_label(f, "prefecture", NULL, jp_prefs,
	    ctx_en(c));
	form_options_label(f, "track", "recruit.track.", NULL,
	    ctx_en(c));
	g = model_node(f, "group");
	model_attr(g, "key", "recruit.group.base");
	for (n = f->children; n != NULL; n = next) {
		next = n->next;
		name = xmlGetProp(n, (const xmlChar *)"name");
		if (name != NULL && strncmp((const char *)name, "base_", 5) == 0) {
			xmlUnlinkNode(n);
			xmlAddChild(g, n);
		}
		xmlFree(name);
	}
}

/* The new program's form, with vals and the errors rp. */
static enum result
show_program_new(struct ctx *c, const struct kvlist *vals,
    const struct form_result *rp)
{
	xmlNodePtr		 f;

	if (model_new(c, "recruit-admin-program-new") == -1)
		return RES_INTERNAL;
	f = model_form(c, "program", "/admin/programs/new", program_fields,
	    NF(program_fields), vals, rp, "recruit.btn.create");
	program_form_dress(c, f);
	return RES_OK;
}

/* GET /admin/programs/new */
static enum result
page_program_new_get(struct ctx *c)
{
	struct kvlist		 dflt = { NULL, 0, 0 };
	enum result		 r;

	kv_add(&dflt, "track", 5, "regular", 7);
	kv_add(&dflt, "years", 5, "3", 1);
	r = show_program_new(c, &dflt, NULL);
	kv_free(&dflt);
	return r;
}

/* POST /admin/programs/new */
static enum result
page_program_new_post(struct ctx *c)
{
	struct form_result	 res;
	long long		 id;

	res.nerr = 0;
	if ((id = program_save(c, 0, &res)) < 0)
		return RES_UNAVAIL;
	if (id > 0) {
		redirect(c, "/admin/programs/%lld", id, "created");
		return RES_REDIRECT;
	}
	return show_program_new(c, &c->form, &res);
}

/* The rotation form's facility: a select of the base and the partners. */
static void
rotation_facilities(xmlNodePtr form, const struct program_row *p,
    const struct dbres *pa)
{
	struct facility_row	 fa;
	xmlNodePtr		 f, o;
	xmlChar			*name;
	size_t			 i;

	for (f = form->children; f != NULL; f = f->next) {
		name = xmlGetProp(f, (const xmlChar *)"name");
		if (name != NULL && xmlStrEqual(name,
		    (const xmlChar *)"rot_facility")) {
			model_attr(f, "type", "select");
			o = model_text(f, "option", p->base.name);
			model_attr(o, "value", p->base.id);
			for (i = 0; i < pa->nrows; i++) {
				dbq_partner_row(pa, i, &fa);
				o = model_text(f, "option", fa.name);
				model_attr(o, "value", fa.id);
			}
		}
		xmlFree(name);
	}
}

/* Is facility fid the program's base or one of its partners? */
static int
program_facility(const struct program_row *p, const struct dbres *pa,
    const char *fid)
{
	struct facility_row	 fa;
	size_t			 i;

	if (fid == NULL)
		return 0;
	if (strcmp(p->base.id, fid) == 0)
		return 1;
	for (i = 0; i < pa->nrows; i++) {
		dbq_partner_row(pa, i, &fa);
		if (strcmp(fa.id, fid) == 0)
			return 1;
	}
	return 0;
}

/* The next free place in a training year's rotation. */
static int
rotation_seq(const struct dbres *ro, int year)
{
	struct rotation_row	 rt;
	size_t			 i;
	int			 seq = 0;

	for (i = 0; i < ro->nrows; i++) {
		dbq_rotation_row(ro, i, &rt);
		if (atoi(rt.year) == year && atoi(rt.seq) > seq)
			seq = atoi(rt.seq);
	}
	return seq + 1;
}

/* One program's sub-pages, by what follows /admin/programs/<id>. */
enum sub { SUB_EDIT, SUB_PARTNER, SUB_PARTNER_DEL, SUB_ROTATION,
    SUB_ROTATION_DEL, SUB_BOOKLET, SUB_APPLICANTS, SUB_CSV };
static const struct {
	const char	*rest;
	const char	*method;	/* NULL: GET or POST */
	enum sub	 sub;
} subs[] = {
	{ "", NULL, SUB_EDIT },
	{ "/partners", "POST", SUB_PARTNER },
	{ "/partners/delete", "POST", SUB_PARTNER_DEL },
	{ "/rotations", "POST", SUB_ROTATION },
	{ "/rotations/delete", "POST", SUB_ROTATION_DEL },
	{ "/booklet", "POST", SUB_BOOKLET },
	{ "/applicants", "GET", SUB_APPLICANTS },
	{ "/applicants.csv", "GET", SUB_CSV },
};

static enum result	 program_csv(struct ctx *, long long);

/*
 * The writes of the program page's small forms, in the caller's
 * transaction: 1 done (*done says what), 0 refused (errors in res: the
 * page is shown again), -1 error.
 */
static int
program_sub_do(struct ctx *c, enum sub sub, long long id,
    const struct program_row *p, const struct dbres *pa,
    const struct dbres *ro, struct form_result *res, const char **done)
{
	const struct kvlist	*in = &c->form;
	struct facility_rec	 f;
	struct upload_owner	 owner;
	const char		*errkey, *beds;
	long long		 fid, up;
	int			 k = -1, year;

	res->nerr = 0;
	switch (sub) {
	case SUB_PARTNER:
		if (form_validate(partner_fields, NF(partner_fields), in,
		    res) == -1)
			return 0;
		memset(&f, 0, sizeof(f));
		f.name = kv_str(in, "partner_name");
		f.prefecture = kv_str(in, "partner_pref");
		f.address = kv_str(in, "partner_address") ?
		    kv_str(in, "partner_address") : "";
		beds = kv_str(in, "partner_beds");
		f.beds = beds != NULL && *beds != '\0' ? atoll(beds) : -1;
		f.kind = "partner";
		f.details = kv_str(in, "partner_details");
		if (strcmp(f.name, p->base.name) == 0) {
			form_error_add(res, "partner_name",
			    "recruit.err.partner-base");
			return 0;
		}
		if ((fid = dbq_facility_put(c->app->db, c->tenant->slug,
		    &f)) <= 0 || dbq_partner_put(c->app->db, c->tenant->slug,
		    id, fid, kv_str(in, "partner_role") ?
		    kv_str(in, "partner_role") : "", (int)pa->nrows + 1) < 0)
			return -1;
		*done = "partner";
		break;
	case SUB_PARTNER_DEL:
		if ((fid = form_id(in, "facility")) <= 0)
			return -1;
		k = dbq_partner_del(c->app->db, c->tenant->slug, id, fid);
		*done = "partner-deleted";
		break;
	case SUB_ROTATION:
		if (form_validate(rotation_fields, NF(rotation_fields), in,
		    res) == -1)
			return 0;
		year = atoi(kv_str(in, "rot_year"));
		if (year < 1 || year > atoi(p->years))
			form_error_add(res, "rot_year", "recruit.err.rot-year");
		if (atoi(kv_str(in, "rot_months")) < 1 ||
		    atoi(kv_str(in, "rot_months")) > 12)
			form_error_add(res, "rot_months",
			    "recruit.err.rot-months");
		if (!program_facility(p, pa, kv_str(in, "rot_facility")))
			form_error_add(res, "rot_facility", "err.choice");
		if (res->nerr > 0)
			return 0;
		k = dbq_rotation_put(c->app->db, c->tenant->slug, id, year,
		    rotation_seq(ro, year), atoll(kv_str(in, "rot_facility")),
		    atoi(kv_str(in, "rot_months")),
		    kv_str(in, "rot_notes") ? kv_str(in, "rot_notes") : "");
		*done = "rotation";
		break;
	case SUB_ROTATION_DEL:
		if (form_id(in, "year") <= 0 || form_id(in, "seq") <= 0)
			return -1;
		k = dbq_rotation_del(c->app->db, c->tenant->slug, id,
		    (int)form_id(in, "year"), (int)form_id(in, "seq"));
		*done = "rotation-deleted";
		break;
	case SUB_BOOKLET:
		owner.uid = c->sess.uid;
		owner.draft = NULL;
		up = upload_store(c, "booklet", UP_PDF, "booklet", &owner,
		    &errkey);
		if (up <= 0) {
			if (up < 0 && strcmp(errkey, "err.upload.db") == 0)
				return -1;
			form_error_add(res, "booklet", up == 0 ?
			    "err.required-file" : errkey);
			return 0;
		}
		if (upload_set_public(c->app->db, c->tenant->slug, up, 1) < 0 ||
		    upload_submit(c->app->db, c->tenant->slug, up) < 0 ||
		    dbq_program_booklet(c->app->db, c->tenant->slug, id,
		    up) < 0)
			return -1;
		*done = "booklet";
		break;
	default:
		return -1;
	}
	if (k < 0 && sub != SUB_PARTNER && sub != SUB_BOOKLET)
		return -1;
	return 1;
}

/*
 * One small form's write and its audit line in one transaction: both
 * or neither.  1 done (redirect set), 0 refused (errors in res), -1
 * error.
 */
static int
program_sub_write(struct ctx *c, enum sub sub, long long id,
    const struct program_row *p, const struct dbres *pa,
    const struct dbres *ro, struct form_result *res)
{
	const char	*done = NULL;
	int		 rc;

	if (db_begin(c->app->db) <= 0)
		return -1;
	rc = program_sub_do(c, sub, id, p, pa, ro, res, &done);
	if (rc == 1 && audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "recruit.program.edit", p->code, c->remote,
	    done) <= 0)
		rc = -1;
	if (db_end(c->app->db, rc == 1) < 0 && rc == 1)
		rc = -1;
	if (rc == 1)
		redirect(c, "/admin/programs/%lld", id, done);
	return rc;
}

/*
 * /admin/programs/<id>[/…]: the edit page with its small forms
 * (partners, rotations, booklet), the applicants and their CSV.
 * Which of them the path names, for a GET or (post) a POST: RES_OK
 * with *id and *sub, else the answer.
 */
static enum result
program_route(struct ctx *c, int post, long long *id, enum sub *sub)
{
	const char	*rest;
	size_t		 i;

	if ((*id = recruit_path_id(c->path, "/admin/programs/", &rest)) <= 0)
		return RES_NOTFOUND;
	for (i = 0; i < NF(subs); i++)
		if (strcmp(rest, subs[i].rest) == 0) {
			if (subs[i].method != NULL &&
			    strcmp(subs[i].method, post ? "POST" : "GET") != 0)
				return RES_METHOD;
			*sub = subs[i].sub;
			return RES_OK;
		}
	return RES_NOTFOUND;
}

/*
 * A program with its partners, rotations and (the applicants' page)
 * applications, as the edit page reads them: one statement.
 */
struct program_page {
	struct program_page_res	 g;
	struct dbres		*pa, *ro;	/* g's */
	struct program_row	 pr;
};

/* The program's page (apps: with its applications). */
static enum result
program_load(struct ctx *c, long long id, int apps, struct program_page *pp)
{
	if (dbq_program_page(c->app->db, c->tenant->slug, id, apps,
	    &pp->g) == -1)
		return RES_UNAVAIL;
	pp->pa = pp->g.pa;
	pp->ro = pp->g.ro;
	if (pp->g.p->nrows == 0)
		return RES_NOTFOUND;
	dbq_program_row(pp->g.p, 0, &pp->pr);
	return RES_OK;
}

static void
program_page_free(struct program_page *pp)
{
	dbq_program_page_free(&pp->g);
}

/*
 * The edit page (or the applicants, by sub): rp the errors of the
 * program's form, rp_sub those of sub's small form.
 */
static enum result
show_program(struct ctx *c, enum sub sub, long long id,
    const struct program_page *pp, const struct form_result *rp,
    const struct form_result *rp_sub)
{
	struct kvlist		 vals = { NULL, 0, 0 };
	struct dir_user		 u;
	xmlNodePtr		 f;
	const char		*dirlogin = NULL;
	char			 action[96];
	enum result		 rc = RES_INTERNAL;

	if (model_new(c, sub == SUB_APPLICANTS ?
	    "recruit-admin-applicants" : "recruit-admin-program") == -1)
		goto out;
	rc = RES_UNAVAIL;
	done_flash(c);
	program_detail_show(c, c->content, pp->g.p, pp->pa, pp->ro);
	if (sub == SUB_APPLICANTS) {
		if (recruit_schedule_model(c, c->content, 0) < 0)
			goto out;
		applicants_model(c, c->content, pp->g.ap,
		    "/admin/results/decide");
		rc = RES_OK;
		goto out;
	}
	/* The director is shown as their login identifier. */
	if (pp->pr.director_uid != NULL && dir_get_uid(c->app->dir, c->tenant,
	    pp->pr.director_uid, &u) == 1)
		dirlogin = u.number;
	program_to_kv(&pp->pr, dirlogin, &vals);
	snprintf(action, sizeof(action), "/admin/programs/%lld", id);
	f = model_form(c, "program", action, program_fields,
	    NF(program_fields), rp != NULL ? &c->form : &vals, rp,
	    "recruit.btn.save");
	program_form_dress(c, f);
	snprintf(action, sizeof(action), "/admin/programs/%lld/partners", id);
	model_form(c, "partner", action, partner_fields, NF(partner_fields),
	    rp_sub != NULL && sub == SUB_PARTNER ? &c->form : NULL,
	    sub == SUB_PARTNER ? rp_sub : NULL, "recruit.btn.add-partner");
	form_options_label(xmlGetLastChild(xmlDocGetRootElement(c->model)),
	    "partner_pref", NULL, jp_prefs, ctx_en(c));
	snprintf(action, sizeof(action), "/admin/programs/%lld/rotations", id);
	f = model_form(c, "rotation", action, rotation_fields,
	    NF(rotation_fields), rp_sub != NULL && sub == SUB_ROTATION ?
	    &c->form : NULL, sub == SUB_ROTATION ? rp_sub : NULL,
	    "recruit.btn.add-rotation");
	rotation_facilities(f, &pp->pr, pp->pa);
	snprintf(action, sizeof(action), "/admin/programs/%lld/booklet", id);
	f = model_form(c, "booklet", action, booklet_fields,
	    NF(booklet_fields), NULL, sub == SUB_BOOKLET ? rp_sub : NULL,
	    "recruit.btn.upload");
	upload_form_field(c, f, "booklet", UP_PDF);
	rc = RES_OK;
out:
	kv_free(&vals);
	return rc;
}

static enum result
page_program_admin_get(struct ctx *c)
{
	struct program_page	 pp;
	enum sub		 sub = SUB_EDIT;
	long long		 id;
	enum result		 rc;

	memset(&pp, 0, sizeof(pp));
	if ((rc = program_route(c, 0, &id, &sub)) != RES_OK)
		return rc;
	/* The CSV reads the program with its applications. */
	if (sub == SUB_CSV) {
		rc = program_csv(c, id);
		goto out;
	}
	if ((rc = program_load(c, id, sub == SUB_APPLICANTS, &pp)) == RES_OK)
		rc = show_program(c, sub, id, &pp, NULL, NULL);
out:
	program_page_free(&pp);
	return rc;
}

static enum result
page_program_admin_post(struct ctx *c)
{
	struct program_page	 pp;
	struct form_result	 res;
	enum sub		 sub = SUB_EDIT;
	long long		 id;
	int			 k;
	enum result		 rc;

	memset(&pp, 0, sizeof(pp));
	if ((rc = program_route(c, 1, &id, &sub)) != RES_OK)
		return rc;
	if ((rc = program_load(c, id, 0, &pp)) != RES_OK)
		goto out;
	res.nerr = 0;
	rc = RES_UNAVAIL;
	if (sub == SUB_EDIT) {
		if ((k = (int)program_save(c, id, &res)) < 0)
			goto out;
		if (k > 0) {
			redirect(c, "/admin/programs/%lld", id, "saved");
			rc = RES_REDIRECT;
			goto out;
		}
		rc = show_program(c, sub, id, &pp, &res, NULL);
	} else {
		if ((k = program_sub_write(c, sub, id, &pp.pr, pp.pa, pp.ro,
		    &res)) < 0)
			goto out;
		rc = k > 0 ? RES_REDIRECT :
		    show_program(c, sub, id, &pp, NULL, &res);
	}
out:
	program_page_free(&pp);
	return rc;
}

/* ---- CSV (BRD-12) ----------------------------------------------------------- */

static const char *
label_of(const char *const (*tab)[2], size_t n, const char *code)
{
	size_t	 i;

	for (i = 0; code != NULL && i < n; i++)
		if (strcmp(tab[i][0], code) == 0)
			return tab[i][1];
	return code != NULL ? code : "";
}

/*
 * GET /admin/programs/<id>/applicants.csv: every application of the
 * program, written by the platform's CSV writer for Excel (csv.h: UTF-8
 * with a BOM, CRLF, RFC 4180 quoting, formulas kept as text), with a
 * Japanese file name (RFC 6266 filename*).
 */
static enum result
program_csv(struct ctx *c, long long id)
{
	static const char *const head[] = { "応募ID", "募集年度", "募集区分",
	    "医籍登録番号", "氏名", "フリガナ", "メールアドレス", "研修制度",
	    "カリキュラム制を選択する理由", "カリキュラム制を選択する詳しい理由",
	    "以前の研修の基本領域", "研修状況", "研修修了・辞退・中断の年月",
	    "状態", "応募日時", "取消日時", "決定日時", "辞退日時", "辞退の理由",
	    "統括責任者への連絡" };
	static const char *const states[][2] = { { "applied", "応募中" },
	    { "cancelled", "取消" }, { "accepted", "採用" },
	    { "rejected", "不採用" }, { "declined", "辞退" } };
	static const char *const systems[][2] = {
	    { "program", "プログラム制" }, { "curriculum", "カリキュラム制" } };
	static const char *const reasons[][2] = {
	    { "obligation", "義務年限を有する医師（地域枠等）" },
	    { "childcare", "出産・育児" }, { "nursing", "介護" },
	    { "illness", "病気療養" }, { "abroad", "留学" },
	    { "research", "臨床研究・大学院" },
	    { "other_domain", "他の基本領域の研修歴" }, { "other", "その他" } };
	static const char *const priors[][2] = { { "completed", "修了" },
	    { "expected", "修了見込" }, { "withdrawn", "中途辞退" },
	    { "suspended", "中断" } };
	static const char *const kinds[][2] = { { "first", "1次募集" },
	    { "second", "2次募集" }, { "final", "最終調整" } };
	struct dbres		*r;
	struct program_app_row	 pa;
	struct dir_user		 u;
	struct buf		 b = { NULL, 0, 0 };
	const struct jp_item	*d;
	const char		*code;
	char			 fname[200], kind[80];
	size_t			 i, k;
	int			 err = 0;
	enum result		 rc = RES_UNAVAIL;

	if ((r = dbq_program_csv(c->app->db, c->tenant->slug, id)) == NULL)
		goto out;
	rc = RES_NOTFOUND;
	if (r->nrows == 0)
		goto out;
	code = dbres_get(r, 0, PROGRAM_CSV_CODE);
	err |= csv_bom(&b);
	for (k = 0; k < NF(head); k++)
		err |= csv_cell(&b, head[k]);
	err |= csv_eol(&b);
	for (i = 0; i < r->nrows; i++) {
		const char *cell[NF(head)];
		dbq_program_app_row(r, i, &pa);
		/* A program with no application: one row, its id NULL. */
		if (pa.id == NULL)
			continue;
		snprintf(kind, sizeof(kind), "%s%s", strcmp(pa.track,
		    "research") == 0 ? "臨床研究医コース " : "",
		    label_of(kinds, NF(kinds), pa.kind));
		d = jp_find(jp_domains, pa.prior_domain);
		cell[0] = pa.id;
		cell[1] = pa.year;
		cell[2] = kind;
		person(c, pa.uid, pa.name, pa.regno, &u, &cell[4], &cell[3]);
		cell[5] = pa.kana;
		cell[6] = pa.email;
		cell[7] = label_of(systems, NF(systems), pa.system);
		cell[8] = pa.reason ? label_of(reasons, NF(reasons),
		    pa.reason) : "";
		cell[9] = pa.detail;
		cell[10] = d != NULL ? d->ja : "";
		cell[11] = pa.prior_status ? label_of(priors, NF(priors),
		    pa.prior_status) : "";
		cell[12] = pa.prior_ym;
		cell[13] = label_of(states, NF(states), pa.state);
		cell[14] = pa.created;
		cell[15] = pa.cancelled;
		cell[16] = pa.decided;
		cell[17] = pa.declined;
		cell[18] = pa.decline_reason;
		cell[19] = strcmp(pa.contacted, "1") == 0 ? "連絡済み" : "";
		for (k = 0; k < NF(head); k++)
			err |= csv_cell(&b, cell[k]);
		err |= csv_eol(&b);
	}
	snprintf(fname, sizeof(fname), "応募者一覧_%s.csv", code);
	rc = RES_INTERNAL;
	if (err != 0)
		goto out;
	/* No export of members' data goes unaudited. */
	rc = RES_UNAVAIL;
	if (audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "recruit.csv", code, c->remote, NULL) <= 0)
		goto out;
	rc = csv_respond(c, &b, fname);
out:
	buf_free(&b);
	dbres_free(r);
	return rc;
}

/* ---- /admin/rounds --------------------------------------------------------- */

/* GET /admin/rounds: every round, newest year first. */
static enum result
page_rounds(struct ctx *c)
{
	const struct dbres	*r;
	struct rround		 rr;
	xmlNodePtr		 list;
	char			 now[CLOCK_SQL_LEN];
	size_t			 i;

	clock_now_sql(now, sizeof(now));
	if ((r = recruit_rounds(c)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "recruit-admin-rounds") == -1)
		return RES_INTERNAL;
	done_flash(c);
	list = model_node(c->content, "schedule");
	model_attr(list, "now", now);
	for (i = 0; i < r->nrows; i++)
		if (dbq_round_row(r, i, &rr) == 0)
			rround_model(list, &rr, now);
	return RES_OK;
}

/* "2026-11-01 12:00:00" as typed in the form: without :00 seconds. */
static void
time_for_form(const char *sql, char *out, size_t len)
{
	size_t	 n = strlen(sql);

	if (n == 19 && strcmp(sql + 16, ":00") == 0)
		n = 16;
	snprintf(out, len, "%.*s", (int)n, sql);
}

/*
 * The round form's times: each a valid time (to the minute or second),
 * in order (apply < adjust ≤ notify; the confirmation period closes
 * after the notification, so declines have a window).  0, -1 (res).
 */
static int
round_times(const struct kvlist *in, struct rround *rr,
    struct form_result *res)
{
	char	*dst[NF(round_fields)];
	size_t	 i;

	dst[0] = rr->apply_open;
	dst[1] = rr->apply_close;
	dst[2] = rr->adjust_open;
	dst[3] = rr->adjust_close;
	dst[4] = rr->notify_at;
	dst[5] = rr->confirm_open;
	dst[6] = rr->confirm_close;
	/* F_DATETIME: ISO or 2026/11/01 12:00, Japan time (BRD-3). */
	form_validate(round_fields, NF(round_fields), in, res);
	for (i = 0; i < NF(round_fields); i++) {
		const char *v = kv_str(in, round_fields[i].name);
		if (v == NULL || form_datetime(v, dst[i], CLOCK_SQL_LEN) == -1)
			dst[i][0] = '\0';
	}
	if (res->nerr > 0)
		return -1;
	if (strcmp(rr->apply_open, rr->apply_close) >= 0)
		form_error_add(res, "apply_close", "recruit.err.order");
	if (strcmp(rr->apply_close, rr->adjust_open) > 0)
		form_error_add(res, "adjust_open", "recruit.err.order");
	if (strcmp(rr->adjust_open, rr->adjust_close) >= 0)
		form_error_add(res, "adjust_close", "recruit.err.order");
	if (strcmp(rr->adjust_close, rr->notify_at) > 0)
		form_error_add(res, "notify_at", "recruit.err.order");
	if ((rr->confirm_open[0] == '\0') != (rr->confirm_close[0] == '\0'))
		form_error_add(res, rr->confirm_open[0] == '\0' ?
		    "confirm_open" : "confirm_close",
		    "recruit.err.confirm-both");
	else if (rr->confirm_open[0] != '\0' &&
	    (strcmp(rr->confirm_open, rr->confirm_close) >= 0 ||
	    strcmp(rr->confirm_close, rr->notify_at) <= 0))
		form_error_add(res, "confirm_close",
		    "recruit.err.confirm-order");
	return res->nerr > 0 ? -1 : 0;
}

/*
 * /admin/rounds/<id> and /admin/rounds/new: a round's times (and for a
 * new one its year, track and kind).  The round of the path: RES_OK
 * with *isnew, or *id, *r and rr filled; else the answer.
 */
static enum result
round_load(struct ctx *c, int *isnew, long long *id, struct dbres **r,
    struct rround *rr)
{
	const char	*rest;

	memset(rr, 0, sizeof(*rr));
	*r = NULL;
	*id = 0;
	if ((*isnew = strcmp(c->path, "/admin/rounds/new") == 0))
		return RES_OK;
	if ((*id = recruit_path_id(c->path, "/admin/rounds/", &rest)) <= 0 ||
	    *rest != '\0')
		return RES_NOTFOUND;
	if ((*r = dbq_round_get(c->app->db, c->tenant->slug, *id)) == NULL)
		return RES_UNAVAIL;
	if ((*r)->nrows == 0 || dbq_round_row(*r, 0, rr) == -1)
		return RES_NOTFOUND;
	return RES_OK;
}

/* The round's form with values vals, or the posted ones and rp. */
static enum result
show_round(struct ctx *c, int isnew, long long id, const struct rround *rr,
    const struct kvlist *vals, const struct form_result *rp)
{
	struct field		 all[NF(round_new_fields) + NF(round_fields)];
	xmlNodePtr		 f;
	xmlChar			*n;
	char			 action[64], now[CLOCK_SQL_LEN];
	size_t			 i, nf = 0;

	if (isnew)
		for (i = 0; i < NF(round_new_fields); i++)
			all[nf++] = round_new_fields[i];
	for (i = 0; i < NF(round_fields); i++)
		all[nf++] = round_fields[i];
	if (model_new(c, isnew ? "recruit-admin-round-new" :
	    "recruit-admin-round") == -1)
		return RES_INTERNAL;
	if (!isnew) {
		clock_now_sql(now, sizeof(now));
		rround_model(c->content, rr, now);
	}
	if (isnew)
		snprintf(action, sizeof(action), "/admin/rounds/new");
	else
		snprintf(action, sizeof(action), "/admin/rounds/%lld", id);
	f = model_form(c, "round", action, all, nf, rp != NULL ? &c->form :
	    vals, rp, "recruit.btn.save");
	form_options_label(f, "track", "recruit.track.", NULL,
	    ctx_en(c));
	form_options_label(f, "kind", "recruit.kind.", NULL,
	    ctx_en(c));
	for (f = f->children; f != NULL; f = f->next) {
		n = xmlGetProp(f, (const xmlChar *)"name");
		if (n != NULL && xmlStrstr(n, (const xmlChar *)"_") != NULL &&
		    !xmlStrEqual(n, (const xmlChar *)"year"))
			model_attr(f, "hint-key", "recruit.hint.datetime");
		xmlFree(n);
	}
	return RES_OK;
}

static enum result
page_round_edit_get(struct ctx *c)
{
	struct kvlist		 vals = { NULL, 0, 0 };
	struct dbres		*r;
	struct rround		 rr;
	char			 tv[24];
	const char		*times[NF(round_fields)];
	long long		 id;
	int			 isnew;
	size_t			 i;
	enum result		 rc;

	if ((rc = round_load(c, &isnew, &id, &r, &rr)) != RES_OK)
		goto out;
	if (!isnew) {
		times[0] = rr.apply_open;
		times[1] = rr.apply_close;
		times[2] = rr.adjust_open;
		times[3] = rr.adjust_close;
		times[4] = rr.notify_at;
		times[5] = rr.confirm_open;
		times[6] = rr.confirm_close;
		for (i = 0; i < NF(round_fields); i++) {
			time_for_form(times[i], tv, sizeof(tv));
			kv_add(&vals, round_fields[i].name,
			    strlen(round_fields[i].name), tv, strlen(tv));
		}
	}
	rc = show_round(c, isnew, id, &rr, &vals, NULL);
out:
	kv_free(&vals);
	dbres_free(r);
	return rc;
}

/* The year, track and kind of a new round, checked into rr and res. */
static void
round_head(struct ctx *c, struct rround *rr, struct form_result *res)
{
	struct form_result	 head;
	size_t			 i;

	head.nerr = 0;
	form_validate(round_new_fields, NF(round_new_fields), &c->form,
	    &head);
	if (head.nerr == 0) {
		rr->year = atoi(kv_str(&c->form, "year"));
		if (rr->year < 2000 || rr->year > 2100)
			form_error_add(&head, "year", "recruit.err.year");
		snprintf(rr->track, sizeof(rr->track), "%s",
		    kv_str(&c->form, "track"));
		snprintf(rr->kind, sizeof(rr->kind), "%s",
		    kv_str(&c->form, "kind"));
	}
	round_times(&c->form, rr, res);
	for (i = 0; i < head.nerr; i++)
		form_error_add(res, head.err[i].field, head.err[i].key);
}

static enum result
page_round_edit_post(struct ctx *c)
{
	struct form_result	 res;
	struct dbres		*r;
	struct rround		 rr;
	char			 obj[48];
	long long		 id, k;
	int			 isnew;
	enum result		 rc;

	if ((rc = round_load(c, &isnew, &id, &r, &rr)) != RES_OK)
		goto out;
	res.nerr = 0;
	if (isnew)
		round_head(c, &rr, &res);
	else
		round_times(&c->form, &rr, &res);
	if (res.nerr > 0) {
		rc = show_round(c, isnew, id, &rr, NULL, &res);
		goto out;
	}
	/* The round and its audit line: both or neither. */
	rc = RES_UNAVAIL;
	if (db_begin(c->app->db) <= 0)
		goto out;
	k = isnew ? dbq_round_put(c->app->db, c->tenant->slug, &rr) :
	    dbq_round_update(c->app->db, c->tenant->slug, &rr);
	snprintf(obj, sizeof(obj), "round:%lld", isnew ? k : id);
	if (db_end(c->app->db, k >= 0 && audit_log(c->app->db,
	    c->tenant->slug, c->sess.uid, "recruit.round", obj, c->remote,
	    rr.apply_open) > 0) < 0)
		goto out;
	snprintf(c->location, sizeof(c->location), "/admin/rounds?done=saved");
	rc = RES_REDIRECT;
out:
	dbres_free(r);
	return rc;
}

/* ---- /admin/results ------------------------------------------------------- */

/* Which round /admin/results shows first: the one most to do now. */
static int
results_rank(const struct rround *r, const char *now)
{
	if (rround_adjusting(r, now))
		return 2;
	return rround_applying(r, now);
}

/* The state filter of /admin/results, or NULL for any state. */
static const char *
results_state(struct ctx *c)
{
	static const char *const states[] = { "applied", "accepted",
	    "rejected", "declined", "cancelled" };
	const char	*state = kv_str(&c->query, "state");
	size_t		 i;

	for (i = 0; state != NULL && i < NF(states); i++)
		if (strcmp(state, states[i]) == 0)
			return state;
	return NULL;
}

/* Why a decision or the notification was refused (?why=), if it was. */
static void
results_why(struct ctx *c)
{
	const char	*w = kv_str(&c->query, "why");

	if (w == NULL)
		return;
	recruit_error(c, strcmp(w, "closed") == 0 ?
	    "recruit.why.decide-closed" : strcmp(w, "dup") == 0 ?
	    "recruit.why.decide-dup" : strcmp(w, "notify") == 0 ?
	    "recruit.why.notify-early" : "recruit.why.decide-state");
}

/*
 * Every round into the schedule, and into *cur the round asked for, else
 * the one adjusting, else the one taking applications, else the latest.
 * 1: *cur is set; 0: no round (or not the one asked for).
 */
static int
results_pick(xmlNodePtr s, const struct dbres *rounds, long long want,
    const char *now, struct rround *cur)
{
	struct rround	 rr;
	size_t		 i;
	int		 have = 0;

	for (i = 0; i < rounds->nrows; i++) {
		if (dbq_round_row(rounds, i, &rr) == -1)
			continue;
		rround_model(s, &rr, now);
		if (want > 0 ? rr.id == want : !have ||
		    results_rank(&rr, now) > results_rank(cur, now)) {
			*cur = rr;
			have = 1;
		}
	}
	return have && (want <= 0 || cur->id == want);
}

/* The applications of round cur (in state, if not NULL) into list. */
static int
results_apps(struct ctx *c, xmlNodePtr list, const struct rround *cur,
    const char *state)
{
	struct dbres		*a;
	struct round_app_row	 ra;
	struct dir_user		 u;
	xmlNodePtr		 it;
	const char		*name, *regno;
	size_t			 i;

	if ((a = dbq_apps_of_round(c->app->db, c->tenant->slug, cur->id,
	    state, 1000)) == NULL)
		return -1;
	for (i = 0; i < a->nrows; i++) {
		dbq_round_app_row(a, i, &ra);
		it = model_node(list, "applicant");
		model_attr(it, "id", ra.id);
		model_attr(it, "state", ra.state);
		model_attr(it, "program-id", ra.program_id);
		model_attr(it, "program-code", ra.program_code);
		person(c, ra.uid, ra.name, ra.regno, &u, &name, &regno);
		model_attr(it, "regno", regno);
		model_attr(it, "created", ra.created);
		model_text(it, "program", ra.program_name);
		model_text(it, "name", name);
	}
	dbres_free(a);
	return 0;
}

/*
 * GET /admin/results[?round=<id>&state=…]: the applications of a round
 * (the one in its adjustment period, else the latest), 採用/不採用 in
 * the period, and after the notification time the button that mails
 * every result not yet mailed.
 */
static enum result
page_results(struct ctx *c)
{
	const struct dbres	*rounds;
	struct dbres		*pending = NULL;
	struct rround		 cur;
	xmlNodePtr		 s, list;
	const char		*state = results_state(c);
	char			 now[CLOCK_SQL_LEN];
	long long		 want = form_id(&c->query, "round");
	enum result		 rc = RES_UNAVAIL;

	clock_now_sql(now, sizeof(now));
	if ((rounds = recruit_rounds(c)) == NULL)
		goto out;
	if (model_new(c, "recruit-admin-results") == -1) {
		rc = RES_INTERNAL;
		goto out;
	}
	done_flash(c);
	results_why(c);
	s = model_node(c->content, "schedule");
	model_attr(s, "now", now);
	if (!results_pick(s, rounds, want, now, &cur)) {
		rc = want > 0 ? RES_NOTFOUND : RES_OK;
		goto out;
	}
	list = model_node(c->content, "results");
	model_attrf(list, "round-id", "%lld", cur.id);
	if (state != NULL)
		model_attr(list, "state", state);
	if (rround_adjusting(&cur, now))
		model_attr(list, "can-decide", "1");
	if ((pending = dbq_apps_to_mail(c->app->db, c->tenant->slug,
	    cur.id, 0)) == NULL)
		goto out;
	model_attrf(list, "unmailed", "%zu", pending->nrows);
	if (rround_notified(&cur, now))
		model_attr(list, "can-notify", "1");
	if (results_apps(c, list, &cur, state) == -1)
		goto out;
	rc = RES_OK;
out:
	dbres_free(pending);
	return rc;
}

/* POST /admin/results/decide: id, decision, round (to come back to). */
static enum result
page_results_decide(struct ctx *c)
{
	const char	*why, *dec = kv_str(&c->form, "decision");
	const char	*back = kv_str(&c->form, "back");
	long long	 program, round = form_id(&c->form, "round");
	char		 path[160];
	int		 k;

	k = decide(c, form_id(&c->form, "id"), dec != NULL ? dec : "", 1,
	    &why, &program);
	if (k == -2)
		return RES_NOTFOUND;
	if (k < 0)
		return RES_UNAVAIL;
	if (back != NULL && strcmp(back, "program") == 0)
		snprintf(path, sizeof(path), "/admin/programs/%lld/applicants",
		    program);
	else
		snprintf(path, sizeof(path), "/admin/results?round=%lld",
		    round > 0 ? round : 0);
	if (k == 1)
		return redirect_param(c, path, "done", "decided");
	return redirect_param(c, path, "why", why_code(why));
}

/*
 * Mail each application of a (locked, just marked mailed) its result;
 * *sent counts the mails.  -1: a directory or outbox error.
 */
static int
notify_apps(struct ctx *c, struct dbres *a, const char *title,
    const char *url, size_t *sent)
{
	struct app_mail_row	 am;
	struct dir_user		 u;
	const char		*vars[13], *name, *mail;
	size_t			 i;

	for (i = 0; i < a->nrows; i++) {
		dbq_app_mail_row(a, i, &am);
		name = am.name;
		mail = am.email;
		/* No member record (an account made by shikakuctl): ask LDAP. */
		if (name == NULL || mail == NULL) {
			if (dir_get_uid(c->app->dir, c->tenant,
			    am.uid, &u) < 0)
				return -1;
			name = u.name;
			mail = u.mail;
		}
		if (mail[0] == '\0')
			continue;
		vars[0] = "name"; vars[1] = name;
		vars[2] = "round"; vars[3] = title;
		vars[4] = "program_code"; vars[5] = am.program_code;
		vars[6] = "program_name"; vars[7] = am.program_name;
		vars[8] = "dashboard_url"; vars[9] = url;
		vars[10] = NULL;
		if (recruit_mail(c, strcmp(am.state, "accepted") == 0 ?
		    "recruit_result_accepted" : "recruit_result_rejected",
		    mail, vars) < 0)
			return -1;
		(*sent)++;
	}
	return 0;
}

/*
 * POST /admin/results/notify: round.  From the notification time on,
 * mail each decided applicant of the round their result (once: the
 * application remembers it was mailed), in one transaction: one locked
 * read of the applications with their members' names and addresses,
 * one update marking them mailed, and the outbox rows.
 */
static enum result
page_results_notify(struct ctx *c)
{
	struct dbres		*rd = NULL, *a = NULL;
	struct rround		 rr;
	char		 now[CLOCK_SQL_LEN], title[120], base[300], url[400];
	char		 det[32];
	long long	 round = form_id(&c->form, "round");
	size_t		 sent = 0;
	enum result	 rc = RES_UNAVAIL;

	clock_now_sql(now, sizeof(now));
	if (round <= 0 || (rd = dbq_round_get(c->app->db, c->tenant->slug,
	    round)) == NULL)
		return round <= 0 ? RES_NOTFOUND : RES_UNAVAIL;
	if (rd->nrows == 0 || dbq_round_row(rd, 0, &rr) == -1) {
		rc = RES_NOTFOUND;
		goto out;
	}
	if (!rround_notified(&rr, now)) {
		snprintf(c->location, sizeof(c->location),
		    "/admin/results?round=%lld&why=notify", round);
		rc = RES_REDIRECT;
		goto out;
	}
	round_title(c, &rr, title, sizeof(title));
	base_url(c, base, sizeof(base));
	snprintf(url, sizeof(url), "%s/dashboard", base);
	if (db_begin(c->app->db) < 0)
		goto out;
	if ((a = dbq_apps_to_mail(c->app->db, c->tenant->slug, round, 1)) ==
	    NULL || dbq_apps_mailed(c->app->db, c->tenant->slug, round,
	    now) < 0)
		goto fail;
	if (notify_apps(c, a, title, url, &sent) == -1)
		goto fail;
	snprintf(det, sizeof(det), "mails=%zu", sent);
	if (audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "recruit.notify", title, c->remote, det) < 0 ||
	    db_commit(c->app->db) < 0)
		goto fail;
	snprintf(c->location, sizeof(c->location),
	    "/admin/results?round=%lld&done=notified", round);
	rc = RES_REDIRECT;
	goto out;
fail:
	db_rollback(c->app->db);
out:
	dbres_free(rd);
	dbres_free(a);
	return rc;
}
