/*
 * t_owncache.c — a member's own rows kept by the worker (owncache.c,
 * issue 10, CORE-10): given back only to the same member of the same
 * tenant, under the same (name, key), on a GET, while the three
 * versions the session brought still hold; never kept otherwise.
 */
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "owncache.h"
#include "session.h"
#include "tests.h"

/* One row of one cell. */
static struct dbres *
one(const char *v)
{
	struct dbres	*r;

	r = calloc(1, sizeof(*r));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	r->nrows = r->ncols = 1;
	r->cell = calloc(1, sizeof(*r->cell));
	r->len = calloc(1, sizeof(*r->len));
	CU_ASSERT_FATAL(r->cell != NULL && r->len != NULL);
	r->cell[0] = strdup(v);
	r->len[0] = strlen(v);
	return r;
}

/* A signed-in GET of uid with versions (facts, data, ref). */
static void
signed_in(struct ctx *c, const char *uid, long long facts, long long data,
    long long ref)
{
	memset(c, 0, sizeof(*c));
	c->method = "GET";
	c->sess.valid = 1;
	snprintf(c->sess.uid, sizeof(c->sess.uid), "%s", uid);
	c->sess.facts_ver = facts;
	c->sess.data_ver = data;
	c->sess.refver = ref;
	c->sess.refver_ok = 1;
}

static const char *
got(struct ctx *c, const char *uid, const char *name, const char *key)
{
	const struct dbres *r = owncache_get(c, uid, name, key);

	return r != NULL ? dbres_get(r, 0, 0) : NULL;
}

static void
t_kept(void)
{
	struct ctx	 c;

	owncache_clear();
	signed_in(&c, "u1", 1, 5, 9);
	CU_ASSERT_PTR_NULL(got(&c, "u1", "apply.page", "7"));
	owncache_put(&c, "u1", "apply.page", "7", one("rows of u1"));
	CU_ASSERT_STRING_EQUAL(got(&c, "u1", "apply.page", "7"), "rows of u1");
	/* Another key, name or member: not these rows. */
	CU_ASSERT_PTR_NULL(got(&c, "u1", "apply.page", "8"));
	CU_ASSERT_PTR_NULL(got(&c, "u1", "second.facts", "7"));
	signed_in(&c, "u2", 1, 5, 9);
	CU_ASSERT_PTR_NULL(got(&c, "u2", "apply.page", "7"));
	/* Staff reading u1's application: u1's rows are not theirs. */
	CU_ASSERT_PTR_NULL(got(&c, "u1", "apply.page", "7"));
	owncache_clear();
}

static void
t_versions(void)
{
	struct ctx	 c;

	owncache_clear();
	signed_in(&c, "u1", 1, 5, 9);
	owncache_put(&c, "u1", "apply.page", "7", one("v1"));
	signed_in(&c, "u1", 1, 6, 9);		/* a value saved */
	CU_ASSERT_PTR_NULL(got(&c, "u1", "apply.page", "7"));
	signed_in(&c, "u1", 2, 5, 9);		/* the application moved */
	CU_ASSERT_PTR_NULL(got(&c, "u1", "apply.page", "7"));
	signed_in(&c, "u1", 1, 5, 10);		/* an offering moved */
	CU_ASSERT_PTR_NULL(got(&c, "u1", "apply.page", "7"));
	signed_in(&c, "u1", 1, 5, 9);		/* as read: still kept */
	CU_ASSERT_STRING_EQUAL(got(&c, "u1", "apply.page", "7"), "v1");
	/* Read again under the new version, it replaces the old copy. */
	signed_in(&c, "u1", 1, 6, 9);
	owncache_put(&c, "u1", "apply.page", "7", one("v2"));
	CU_ASSERT_STRING_EQUAL(got(&c, "u1", "apply.page", "7"), "v2");
	signed_in(&c, "u1", 1, 5, 9);
	CU_ASSERT_PTR_NULL(got(&c, "u1", "apply.page", "7"));
	owncache_clear();
}

static void
t_refused(void)
{
	struct ctx	 c;

	owncache_clear();
	/* A POST neither reads nor keeps (put frees what it is given). */
	signed_in(&c, "u1", 1, 5, 9);
	c.method = "POST";
	owncache_put(&c, "u1", "apply.page", "7", one("posted"));
	c.method = "GET";
	CU_ASSERT_PTR_NULL(got(&c, "u1", "apply.page", "7"));
	/* No versions: a session just begun, an account without data_ver. */
	signed_in(&c, "u1", 1, -1, 9);
	owncache_put(&c, "u1", "apply.page", "7", one("no version"));
	signed_in(&c, "u1", 1, -1, 9);
	CU_ASSERT_PTR_NULL(got(&c, "u1", "apply.page", "7"));
	signed_in(&c, "u1", 1, 5, 9);
	c.sess.refver_ok = 0;
	owncache_put(&c, "u1", "apply.page", "7", one("no refver"));
	CU_ASSERT_PTR_NULL(got(&c, "u1", "apply.page", "7"));
	/* Anonymous, or a uid not the session's. */
	signed_in(&c, "", 1, 5, 9);
	owncache_put(&c, "", "apply.page", "7", one("anon"));
	CU_ASSERT_PTR_NULL(got(&c, "", "apply.page", "7"));
	signed_in(&c, "u1", 1, 5, 9);
	owncache_put(&c, "u2", "apply.page", "7", one("someone else"));
	signed_in(&c, "u2", 1, 5, 9);
	CU_ASSERT_PTR_NULL(got(&c, "u2", "apply.page", "7"));
	/* NULL rows (a failed read) are nothing to keep. */
	owncache_put(&c, "u2", "apply.page", "7", NULL);
	CU_ASSERT_PTR_NULL(got(&c, "u2", "apply.page", "7"));
	owncache_clear();
}

static void
t_many(void)
{
	struct ctx	 c;
	char		 uid[16], v[16];
	int		 i, kept = 0;

	owncache_clear();
	/* More members than slots: the latest are kept, none mixed up. */
	for (i = 0; i < 2000; i++) {
		snprintf(uid, sizeof(uid), "m%d", i);
		signed_in(&c, uid, 1, 1, 1);
		owncache_put(&c, uid, "apply.page", "1", one(uid));
	}
	for (i = 0; i < 2000; i++) {
		snprintf(uid, sizeof(uid), "m%d", i);
		signed_in(&c, uid, 1, 1, 1);
		if (got(&c, uid, "apply.page", "1") != NULL) {
			snprintf(v, sizeof(v), "%s", got(&c, uid, "apply.page",
			    "1"));
			CU_ASSERT_STRING_EQUAL(v, uid);
			kept++;
		}
	}
	CU_ASSERT(kept > 0 && kept <= 512);
	owncache_clear();
}

int
suite_owncache(void)
{
	static const struct utest t[] = {
		{ "owncache: kept for its member, name and key", t_kept },
		{ "owncache: any version moved reads again", t_versions },
		{ "owncache: POST, no version, another member", t_refused },
		{ "owncache: more members than slots", t_many },
		{ NULL, NULL }
	};

	return add_suite("owncache", t);
}
