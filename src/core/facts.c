/*
 * facts.c — the member's feature facts (what each feature's
 * session_sql, feature.h, returns: the menu notes and 現在の状況's
 * choices) kept by the worker between requests and read again only
 * when account.facts_ver has moved (issue 10).
 *
 * Triggers bump facts_ver in the transaction of any change to a table
 * the facts read (sql/030_session_facts.sql; tests/integration/117
 * fails when a session_sql reads a table without them), and the
 * session statement brings facts_ver with the account row: a member
 * whose facts did not change pays no statement, and no subquery, for
 * them.  Copies are kept per (tenant, member, features) and only ever
 * given to that member's own requests.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "facts.h"
#include "feature.h"
#include "render_frame.h"
#include "session.h"
#include "tenant.h"

/* Members a worker keeps (direct-mapped; ~1.2 KB each, allocated once). */
#define FACTS_SLOTS	2048

struct factcopy {
	char		 tenant[33];
	char		 uid[65];
	unsigned int	 on;
	long long	 ver;		/* -1: slot empty */
	unsigned short	 foff[FEATURE_MAX];
	char		 fvals[sizeof(((struct session *)0)->fvals)];
};

static struct factcopy	*copies;

static struct factcopy *
slot_of(const char *tenant, const char *uid)
{
	size_t		 i;
	uint64_t	 h;

	if (copies == NULL) {
		if ((copies = calloc(FACTS_SLOTS, sizeof(*copies))) == NULL)
			return NULL;
		for (i = 0; i < FACTS_SLOTS; i++)
			copies[i].ver = -1;
	}
	h = fnv1a(tenant, strlen(tenant)) ^ fnv1a(uid, strlen(uid));
	return &copies[h % FACTS_SLOTS];
}

int
facts_load(struct ctx *c)
{
	struct session	*s = &c->sess;
	struct factcopy	*e;
	const char	*tenant = ctx_tkey(c);
	unsigned int	 on = c->tenant != NULL ? c->tenant->feature_mask : 0;
	long long	 ver;
	int		 rc = 0;

	if (s->uid[0] == '\0' || s->facts_ver < 0)
		goto out;
	e = slot_of(tenant, s->uid);
	if (e != NULL && e->ver == s->facts_ver && e->on == on &&
	    strcmp(e->uid, s->uid) == 0 && strcmp(e->tenant, tenant) == 0) {
		memcpy(s->foff, e->foff, sizeof(s->foff));
		memcpy(s->fvals, e->fvals, sizeof(s->fvals));
		rc = 1;
		goto out;
	}
	if ((rc = dbq_session_facts(c->app->db, tenant, on, s->uid, s,
	    &ver)) != 1 || e == NULL)
		goto out;
	/* Kept under the version read with them, not the session's. */
	snprintf(e->tenant, sizeof(e->tenant), "%s", tenant);
	snprintf(e->uid, sizeof(e->uid), "%s", s->uid);
	e->on = on;
	e->ver = strlen(tenant) < sizeof(e->tenant) &&
	    strlen(s->uid) < sizeof(e->uid) ? ver : -1;
	memcpy(e->foff, s->foff, sizeof(e->foff));
	memcpy(e->fvals, s->fvals, sizeof(e->fvals));
out:
	return rc;
}
