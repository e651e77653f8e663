/*
 * credit_import.c — attendance by CSV (CME-2, PAL-12's seminar
 * attendance, ONC-14) on the platform's import (import.h): 研修会コード,
 * 会員番号 (or the user ID), 単位数 (optional).  The events and members
 * of the tenant are read once (begin); each row is checked against them
 * in memory; the commit writes attendance and the credits that follow
 * in batches inside the import's one transaction (credit_attend()).
 *
 * /events/<id>/import takes rows of that event (the code column may be
 * left out); /events/import rows of any event the user may edit: an
 * organizer's own, every event for a tenant admin.  Another organizer's
 * event is refused like one that does not exist.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "credit_int.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "import.h"
#include "session.h"
#include "tenant.h"

enum { AC_EVENT, AC_MEMBER, AC_UNITS, AC__MAX };

static const struct import_col attend_cols[AC__MAX] = {
	[AC_EVENT] = { "研修会コード", "event", 0 },
	[AC_MEMBER] = { "会員番号", "member", 1 },
	[AC_UNITS] = { "単位数", "units", 0 },
};

/* A member by a key (uid or member number) in a sorted index. */
struct key {
	const char	*key;
	const char	*uid;
};

struct attend_import {
	struct dbres	*members, *events;
	struct key	*by_uid, *by_no;
	size_t		 nuid, nno;
	long long	 only;		/* the page's event, or 0 */
	int		 admin;
	/* The rows kept for the commit. */
	long long	*ids;
	const char	**uids;
	double		*units;
	size_t		 n, cap;
	/* (event, uid) seen: open addressing over the kept rows. */
	size_t		*seen;
	size_t		 seencap;
};

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct key *)a)->key,
	    ((const struct key *)b)->key);
}

static const char *
key_find(const struct key *k, size_t n, const char *s)
{
	struct key	 q = { s, NULL };
	const struct key *f;

	f = bsearch(&q, k, n, sizeof(*k), key_cmp);
	return f != NULL ? f->uid : NULL;
}

static int
ai_begin(struct import_run *r)
{
	struct ctx		*c = import_ctx(r);
	struct attend_import	*ai;
	const long long		*only = import_arg(r);
	size_t			 i;

	if ((ai = calloc(1, sizeof(*ai))) == NULL)
		return -1;
	import_set_state(r, ai);
	ai->only = only != NULL ? *only : 0;
	ai->admin = page_any_role(c, ROLE_TENANT_ADMIN);
	if ((ai->members = dbq_credit_members(c->app->db,
	    c->tenant->slug)) == NULL || (ai->events =
	    dbq_credit_event_index(c->app->db, c->tenant->slug)) == NULL)
		return -1;
	if ((ai->by_uid = calloc(ai->members->nrows + 1,
	    sizeof(*ai->by_uid))) == NULL || (ai->by_no =
	    calloc(ai->members->nrows + 1, sizeof(*ai->by_no))) == NULL)
		return -1;
	for (i = 0; i < ai->members->nrows; i++) {
		ai->by_uid[ai->nuid].key = dbres_get(ai->members, i, CM_UID);
		ai->by_uid[ai->nuid++].uid = dbres_get(ai->members, i, CM_UID);
		if (dbres_get(ai->members, i, CM_MEMBER_NO) == NULL)
			continue;
		ai->by_no[ai->nno].key = dbres_get(ai->members, i,
		    CM_MEMBER_NO);
		ai->by_no[ai->nno++].uid = dbres_get(ai->members, i, CM_UID);
	}
	qsort(ai->by_uid, ai->nuid, sizeof(*ai->by_uid), key_cmp);
	qsort(ai->by_no, ai->nno, sizeof(*ai->by_no), key_cmp);
	return 1;
}

static void
ai_end(struct import_run *r)
{
	struct attend_import	*ai = import_state(r);

	if (ai == NULL)
		return;
	dbres_free(ai->members);
	dbres_free(ai->events);
	free(ai->by_uid);
	free(ai->by_no);
	free(ai->ids);
	free(ai->uids);
	free(ai->units);
	free(ai->seen);
	free(ai);
}

/* The event row (index into events) the user may import into, or -1. */
static long
event_of(struct import_run *r, struct attend_import *ai, const char *number)
{
	struct ctx	*c = import_ctx(r);
	size_t		 i;

	for (i = 0; i < ai->events->nrows; i++) {
		if (*number != '\0' ? strcmp(dbres_get(ai->events, i,
		    CX_NUMBER), number) != 0 : atoll(dbres_get(ai->events, i,
		    CX_ID)) != ai->only)
			continue;
		if (!ai->admin && strcmp(dbres_get(ai->events, i,
		    CX_ORGANIZER), c->sess.uid) != 0)
			return -1;
		return (long)i;
	}
	return -1;
}

static uint64_t
seen_hash(long long id, const char *uid)
{
	uint64_t	 h = 1469598103934665603ULL ^ (uint64_t)id;

	for (; *uid != '\0'; uid++)
		h = (h ^ (unsigned char)*uid) * 1099511628211ULL;
	return h;
}

/* Was (id, uid) kept already?  If not, note row k as kept.  -1 memory. */
static int
seen_add(struct attend_import *ai, long long id, const char *uid, size_t k)
{
	size_t	*ns, i, j, cap;

	if (ai->seencap < 2 * (k + 1)) {
		cap = ai->seencap ? ai->seencap * 2 : 1024;
		if ((ns = malloc(cap * sizeof(*ns))) == NULL)
			return -1;
		for (i = 0; i < cap; i++)
			ns[i] = SIZE_MAX;
		for (i = 0; i < k; i++) {
			j = seen_hash(ai->ids[i], ai->uids[i]) & (cap - 1);
			while (ns[j] != SIZE_MAX)
				j = (j + 1) & (cap - 1);
			ns[j] = i;
		}
		free(ai->seen);
		ai->seen = ns;
		ai->seencap = cap;
	}
	j = seen_hash(id, uid) & (ai->seencap - 1);
	for (; ai->seen[j] != SIZE_MAX; j = (j + 1) & (ai->seencap - 1))
		if (ai->ids[ai->seen[j]] == id &&
		    strcmp(ai->uids[ai->seen[j]], uid) == 0)
			return 1;
	ai->seen[j] = k;
	return 0;
}

static const char *
ai_row(struct import_run *r, const char *const *cell, int *col,
    const char **value)
{
	struct attend_import	*ai = import_state(r);
	const char		*uid;
	long			 e, t = -1;
	long long		 id;
	size_t			 cap;
	int			 k;

	(void)value;
	if (*cell[AC_EVENT] == '\0' && ai->only == 0) {
		*col = AC_EVENT;
		return "import.err.required";
	}
	if ((e = event_of(r, ai, cell[AC_EVENT])) < 0) {
		*col = AC_EVENT;
		return "credit.err.event";
	}
	id = atoll(dbres_get(ai->events, (size_t)e, CX_ID));
	if (ai->only != 0 && id != ai->only) {
		*col = AC_EVENT;
		return "credit.err.other-event";
	}
	if ((uid = key_find(ai->by_uid, ai->nuid, cell[AC_MEMBER])) == NULL &&
	    (uid = key_find(ai->by_no, ai->nno, cell[AC_MEMBER])) == NULL) {
		*col = AC_MEMBER;
		return "credit.err.who";
	}
	if (*cell[AC_UNITS] != '\0') {
		*col = AC_UNITS;
		if ((t = credit_tenths(cell[AC_UNITS])) < 0)
			return "credit.err.units";
		if (atoi(dbres_get(ai->events, (size_t)e, CX_NCODES)) > 1)
			return "credit.err.units-codes";
	}
	if (ai->n == ai->cap) {
		cap = ai->cap ? ai->cap * 2 : 256;
		if ((ai->ids = reallocarray(ai->ids, cap,
		    sizeof(*ai->ids))) == NULL || (ai->uids =
		    reallocarray(ai->uids, cap, sizeof(*ai->uids))) == NULL ||
		    (ai->units = reallocarray(ai->units, cap,
		    sizeof(*ai->units))) == NULL)
			return IMPORT_FAILED;
		ai->cap = cap;
	}
	if ((k = seen_add(ai, id, uid, ai->n)) < 0)
		return IMPORT_FAILED;
	if (k > 0) {
		*col = AC_MEMBER;
		return "credit.err.duplicate";
	}
	ai->ids[ai->n] = id;
	ai->uids[ai->n] = uid;
	ai->units[ai->n++] = t < 0 ? -1 : t / 10.0;
	return NULL;
}

static int
ai_commit(struct import_run *r)
{
	struct attend_import	*ai = import_state(r);
	struct ctx		*c = import_ctx(r);

	return credit_attend(c->app->db, c->tenant->slug, ai->ids, ai->uids,
	    ai->units, ai->n) < 0 ? -1 : 1;
}

const struct import_spec credit_attendance_import = {
	.name = "credit.attendance",
	.title = "title.credit-import",
	.cols = attend_cols,
	.ncols = AC__MAX,
	.begin = ai_begin,
	.row = ai_row,
	.commit = ai_commit,
	.end = ai_end,
	.back = "/events",
	.help = "credit.import.help",
};

/* /events/<id>/import (id > 0) or /events/import (0). */
enum result
credit_import_page(struct ctx *c, long long id)
{
	char	 path[64];

	if (id == 0)
		return import_page(c, &credit_attendance_import, NULL,
		    "/events/import");
	snprintf(path, sizeof(path), "/events/%lld/import", id);
	return import_page(c, &credit_attendance_import, &id, path);
}
