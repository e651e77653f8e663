/*
 * review_remind.c — reminders of the review chain (issue 9, item 4):
 * the mailer's sweep (housekeep.c, once a minute) mails the reviewers
 * of every application that has waited at its stage longer than the
 * tenant's review_remind_days (tenant.conf; 0: never), once per period:
 * a 'remind' line in the application's history marks it, so the next
 * one goes review_remind_days later, or as soon as the application
 * reaches another stage and waits there as long.
 *
 * A platform setting rather than a feature key: the chain is the
 * platform's, and one tenant's offerings of several features (the
 * board's completion, a society's renewal) share one office and one
 * rhythm; a `<feature>.remind_days` each feature had to declare would
 * say the same thing several times.
 *
 * The mailer has no directory connection of its own: the sweep opens
 * one only when something is due.  Each application's reminders, its
 * history line and nothing else are one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apply.h"
#include "clock.h"
#include "conf.h"
#include "db.h"
#include "directory.h"
#include "log.h"
#include "mail.h"
#include "review.h"
#include "tenant.h"

#define REMIND_BATCH	50	/* applications per tenant per sweep */

struct remind {
	struct db		*db;
	const struct config	*cfg;
	const struct tenant	*t;
	struct dir		*dir;
	char			 now[CLOCK_SQL_LEN];
	char			 base[300];
	const struct dbres	*rv;	/* every due one's reviewers */
};

/* The offering and stage an application of due waits at, or NULL. */
static const struct apply_stage *
due_stage(const struct remind *m, const struct dbres *due, size_t i,
    const struct apply_offering **o)
{
	const struct apply_stage	*s;
	int				 stage, k;

	*o = apply_offering_find(m->t, dbres_get(due, i, DUE_COL_KIND));
	stage = atoi(dbres_get(due, i, DUE_COL_STAGE));
	for (s = *o != NULL ? (*o)->stages : NULL, k = 0; s != NULL &&
	    s->name != NULL && k < stage; s++, k++)
		;
	return s == NULL || s->name == NULL ? NULL : s;
}

/*
 * Append ",v" (v alone first) to a FIND_IN_SET() list unless it holds
 * it already: 0, or 1 when it does not fit.
 */
static int
list_add(char *list, size_t size, const char *v)
{
	const char	*p;
	size_t		 len = strlen(list), n = strlen(v);

	for (p = list; *p != '\0'; p += *p == ',') {
		if (strncmp(p, v, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 0;
		p += strcspn(p, ",");
	}
	if (len + (len > 0) + n + 1 > size)
		return 1;
	snprintf(list + len, size - len, "%s%s", len > 0 ? "," : "", v);
	return 0;
}

/* The stage's reviewers of one application mailed; >=0 mailed, <0. */
static int
remind_app(struct remind *m, const struct dbres *due, size_t i)
{
	const struct apply_offering	*o;
	const struct dbres		*rv = m->rv;
	struct dir_user			 u;
	const char			*vars[13], *id;
	char				 url[400], days[24];
	int				 stage, n = 0, k;
	size_t				 j;
	time_t				 since, now;

	if (due_stage(m, due, i, &o) == NULL)
		return 0;
	stage = atoi(dbres_get(due, i, DUE_COL_STAGE));
	id = dbres_get(due, i, DUE_COL_ID);
	snprintf(url, sizeof(url), "%s/review/%s", m->base,
	    dbres_get(due, i, DUE_COL_ID));
	days[0] = '\0';
	if (jst_parse(dbres_get(due, i, DUE_COL_WAITING), &since) == 0 &&
	    jst_parse(m->now, &now) == 0)
		snprintf(days, sizeof(days), "%lld",
		    (long long)((now - since) / 86400));
	for (j = 0; j < rv->nrows; j++) {
		if (strcmp(dbres_get(rv, j, REMIND_COL_APP), id) != 0)
			continue;
		if ((k = dir_get_uid(m->dir, m->t, dbres_get(rv, j,
		    REMIND_COL_UID), &u)) < 0) {
			n = -1;
			break;
		}
		if (k == 0 || u.mail[0] == '\0')
			continue;
		vars[0] = "name";
		vars[1] = u.name[0] != '\0' ? u.name : u.uid;
		vars[2] = "number";
		vars[3] = dbres_get(due, i, DUE_COL_NUMBER);
		vars[4] = "kind";
		vars[5] = o->kind;
		vars[6] = "days";
		vars[7] = days;
		vars[8] = "since";
		vars[9] = dbres_get(due, i, DUE_COL_WAITING);
		vars[10] = "review_url";
		vars[11] = url;
		vars[12] = NULL;
		if (mail_queue(m->db, m->t, m->cfg->datadir, m->base,
		    "review_remind", u.mail, vars) < 0) {
			n = -1;
			break;
		}
		n++;
	}
	if (n >= 0 && dbq_app_event_put(m->db, m->t->slug,
	    atoll(dbres_get(due, i, DUE_COL_ID)), "remind", NULL, stage, NULL,
	    0, m->now) < 0)
		n = -1;
	return n;
}

/*
 * The reviewers of the batch's applications, in one statement rather
 * than one an application: NULL on error.
 */
static struct dbres *
batch_reviewers(const struct remind *m, const struct dbres *due)
{
	const struct apply_offering	*o;
	const struct apply_stage	*s;
	char				 ids[REMIND_BATCH * 21];
	char				 roles[REMIND_BATCH * 80], v[80];
	size_t				 i;

	ids[0] = roles[0] = '\0';
	for (i = 0; i < due->nrows && i < REMIND_BATCH; i++) {
		if ((s = due_stage(m, due, i, &o)) == NULL)
			continue;
		snprintf(v, sizeof(v), "%s:%s:%s", o->kind, dbres_get(due, i,
		    DUE_COL_STAGE), s->role);
		if (list_add(ids, sizeof(ids), dbres_get(due, i,
		    DUE_COL_ID)) || list_add(roles, sizeof(roles), v))
			return NULL;
	}
	return dbq_review_reviewers_of(m->db, m->t->slug, ids, roles);
}

/* One tenant: what is due, each application in its own transaction. */
static int
remind_tenant(struct remind *m)
{
	struct dbres	*due, *rv = NULL;
	char		 before[CLOCK_SQL_LEN];
	size_t		 i;
	int		 k, rc = 0;

	jst_sql(clock_now() - (time_t)m->t->review_remind_days * 86400,
	    before, sizeof(before));
	if ((due = dbq_review_due(m->db, m->t->slug, before)) == NULL)
		return -1;
	if (due->nrows > 0 && ((m->dir == NULL &&
	    (m->dir = dir_open(m->cfg)) == NULL) ||
	    (rv = batch_reviewers(m, due)) == NULL)) {
		dbres_free(due);
		return -1;
	}
	m->rv = rv;
	snprintf(m->base, sizeof(m->base), "https://%s", m->t->host[0]);
	for (i = 0; i < due->nrows && i < REMIND_BATCH; i++) {
		if (db_begin(m->db) <= 0) {
			rc = -1;
			break;
		}
		k = remind_app(m, due, i);
		if ((db_end(m->db, k >= 0) < 0 && k >= 0) || k < 0)
			rc = -1;
	}
	m->rv = NULL;
	dbres_free(rv);
	dbres_free(due);
	return rc;
}

/* The sweep: every tenant with review_remind_days set.  0, -1. */
int
review_remind(struct db *d, const struct config *cfg,
    const struct tenants *ts)
{
	struct remind	 m;
	size_t		 i;
	int		 rc = 0;

	if (ts == NULL || cfg == NULL)
		return 0;
	memset(&m, 0, sizeof(m));
	m.db = d;
	m.cfg = cfg;
	clock_now_sql(m.now, sizeof(m.now));
	for (i = 0; i < ts->n; i++) {
		m.t = &ts->t[i];
		if (m.t->review_remind_days <= 0 || m.t->nhost == 0)
			continue;
		if (remind_tenant(&m) == -1) {
			log_warn("review reminders of %s failed", m.t->slug);
			rc = -1;
		}
	}
	if (m.dir != NULL)
		dir_close(m.dir);
	return rc;
}
