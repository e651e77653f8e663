/*
 * owncache.c — the worker's copies of a member's own rows, each stamped
 * with the versions the session statement of the request that read it
 * brought (owncache.h).
 *
 * Direct-mapped by (tenant, member, name, key): a member at the deadline
 * goes back and forth between an application's pages, and each of
 * those reads the same rows until they save.  The stamp is the
 * session's, taken before the rows were read: a change committed in
 * between is in the rows but not in the stamp, so the next request
 * reads them again — never the other way round.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "owncache.h"
#include "render_frame.h"
#include "session.h"

#define OWN_SLOTS	512
/* Past this the copies are all dropped: a worker's memory stays bounded. */
#define OWN_BYTES	(8u << 20)
/* Rows bigger than this are read every time (none of ours come close). */
#define OWN_COPY_MAX	(256u << 10)

struct owncopy {
	const char	*name;		/* a string constant of the caller */
	char		 tenant[33];
	char		 uid[65];
	char		 key[64];
	long long	 facts_ver;
	long long	 data_ver;
	long long	 refver;
	size_t		 bytes;
	struct dbres	*rows;		/* NULL: empty */
};

static struct owncopy	 copies[OWN_SLOTS];
static size_t		 total;

/* The request may use or keep member uid's copies: 1, else 0. */
static int
usable(const struct ctx *c, const char *uid)
{
	const struct session	*s = &c->sess;

	return s->valid && s->uid[0] != '\0' && uid != NULL &&
	    strcmp(s->uid, uid) == 0 && c->method != NULL &&
	    strcmp(c->method, "GET") == 0 &&
	    s->facts_ver >= 0 && s->data_ver >= 0 && s->refver_ok;
}

static struct owncopy *
slot_of(const char *tenant, const char *uid, const char *name,
    const char *key)
{
	uint64_t	 h;

	h = fnv1a(tenant, strlen(tenant)) ^
	    (fnv1a(uid, strlen(uid)) * 31) ^
	    (fnv1a(name, strlen(name)) * 131) ^
	    (fnv1a(key, strlen(key)) * 1031);
	return &copies[h % OWN_SLOTS];
}

static void
drop(struct owncopy *e)
{
	dbres_free(e->rows);
	total -= e->bytes;
	e->rows = NULL;
	e->name = NULL;
	e->bytes = 0;
}

static size_t
size_of(const struct dbres *r)
{
	size_t	 i, n = sizeof(*r) + r->nrows * r->ncols *
	    (sizeof(*r->cell) + sizeof(*r->len));

	for (i = 0; i < r->nrows * r->ncols; i++)
		n += r->cell[i] != NULL ? r->len[i] + 1 : 0;
	return n;
}

const struct dbres *
owncache_get(struct ctx *c, const char *uid, const char *name,
    const char *key)
{
	const struct session	*s = &c->sess;
	const char		*tenant = ctx_tkey(c);
	struct owncopy		*e;
	const struct dbres	*r = NULL;

	if (!usable(c, uid))
		goto out;
	e = slot_of(tenant, uid, name, key);
	if (e->rows != NULL && strcmp(e->name, name) == 0 &&
	    strcmp(e->key, key) == 0 && strcmp(e->uid, uid) == 0 &&
	    strcmp(e->tenant, tenant) == 0 && e->facts_ver == s->facts_ver &&
	    e->data_ver == s->data_ver && e->refver == s->refver)
		r = e->rows;
out:
	return r;
}

void
owncache_put(struct ctx *c, const char *uid, const char *name,
    const char *key, struct dbres *r)
{
	const struct session	*s = &c->sess;
	const char		*tenant = ctx_tkey(c);
	struct owncopy		*e;
	size_t			 n;

	if (r == NULL || !usable(c, uid) || strlen(tenant) >=
	    sizeof(e->tenant) || strlen(uid) >= sizeof(e->uid) ||
	    strlen(key) >= sizeof(e->key) || (n = size_of(r)) > OWN_COPY_MAX) {
		dbres_free(r);
		goto out;
	}
	e = slot_of(tenant, uid, name, key);
	drop(e);
	if (total + n > OWN_BYTES)
		owncache_clear();
	e->name = name;
	snprintf(e->tenant, sizeof(e->tenant), "%s", tenant);
	snprintf(e->uid, sizeof(e->uid), "%s", uid);
	snprintf(e->key, sizeof(e->key), "%s", key);
	e->facts_ver = s->facts_ver;
	e->data_ver = s->data_ver;
	e->refver = s->refver;
	e->bytes = n;
	e->rows = r;
	total += n;
out:
	return;
}

void
owncache_clear(void)
{
	size_t	 i;

	for (i = 0; i < OWN_SLOTS; i++)
		if (copies[i].rows != NULL)
			drop(&copies[i]);
	total = 0;
}
