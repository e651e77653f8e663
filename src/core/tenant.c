/*
 * tenant.c — the tenant set: one directory per organization under
 * datadir/tenants, each with a tenant.conf.  The request's Host (never
 * anything the user typed) picks the tenant.
 */
#include <ctype.h>
#include <dirent.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "ctx.h"
#include "feature.h"
#include "tenant.h"

#define T(n)		{ #n, CONF_STR, offsetof(struct tenant, n), 0, 0 }
#define TI(n, lo, hi)	{ #n, CONF_SIZE, offsetof(struct tenant, n), lo, hi }

static const struct conf_key tenant_keys[] = {
	T(name_ja), T(name_en), T(hosts), T(login_id), T(features),
	T(totp_required), T(color_primary), T(color_accent),
	TI(upload_max, 1024, 1024LL * 1024 * 1024),
	TI(session_idle, 60, 86400 * 30),
	TI(session_max, 60, 86400 * 365),
	{ "mail_secret_days", CONF_INT, offsetof(struct tenant,
	    mail_secret_days), 0, 3650 },
	{ "review_remind_days", CONF_INT, offsetof(struct tenant,
	    review_remind_days), 0, 365 },
	{ "disabled", CONF_STR, offsetof(struct tenant, disabled_conf), 0, 0 },
};
#define NKEYS	(sizeof(tenant_keys) / sizeof(tenant_keys[0]))

/* login_id's values, indexed by enum login_kind. */
static const char *const login_ids[LOGIN__MAX] = {
	[LOGIN_REGNO] = "regno",
	[LOGIN_EMAIL_OR_MEMBER] = "email_or_member",
	[LOGIN_MEMBER_OR_EMAIL] = "member_or_email",
};

/* login_id's value as an enum: 0, or -1 when it names no kind. */
int
login_kind_parse(const char *s, enum login_kind *out)
{
	size_t	 i;
	int	 rc = -1;

	for (i = 0; s != NULL && i < LOGIN__MAX; i++)
		if (strcmp(s, login_ids[i]) == 0) {
			*out = (enum login_kind)i;
			rc = 0;
			break;
		}
	return rc;
}

/* The tenant.conf spelling of a kind; "" for none. */
const char *
login_kind_name(enum login_kind k)
{
	return (unsigned int)k < LOGIN__MAX ? login_ids[k] : "";
}

/* Slugs reach file paths: only [a-z0-9-], 1..32, not starting with '-'. */
int
tenant_slug_valid(const char *s)
{
	size_t	 n = 0;

	if (s == NULL || *s == '-' || *s == '\0')
		return 0;
	for (; *s != '\0'; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return n <= 32;
}

/* Lower-case and strip the port; reject anything not a host name. */
int
host_normalize(const char *in, char *out, size_t outlen)
{
	size_t	 i;

	for (i = 0; in[i] != '\0' && in[i] != ':'; i++) {
		if (i + 1 >= outlen)
			return -1;
		if (!(isalnum((unsigned char)in[i]) || in[i] == '-' ||
		    in[i] == '.'))
			return -1;
		out[i] = (char)tolower((unsigned char)in[i]);
	}
	if (i == 0)
		return -1;
	out[i] = '\0';
	return 0;
}

/* Is `host` one of the space-separated names in `list`? */
int
host_in_list(const char *list, const char *host)
{
	return word_in_list(list, host, ' ');
}

/* Is `word` in `list`, words separated by `sep` (and blanks)? */
int
word_in_list(const char *list, const char *host, int sep)
{
	char		 seps[4] = { ' ', '\t', (char)sep, '\0' };
	size_t		 hl = strlen(host), n;
	const char	*p = list;

	while (p != NULL && *p != '\0') {
		p += strspn(p, seps);
		n = strcspn(p, seps);
		if (n == hl && n > 0 && strncasecmp(p, host, n) == 0)
			return 1;
		p += n;
	}
	return 0;
}

/* What tenant_cb needs besides the tenant: its features and messages. */
struct tenant_load {
	struct tenant			*t;
	const struct feature *const	*feats;
	int				 features_line;
	char				 ferr[300];	/* file:line: message */
	const char			*path;
};

static int
tenant_cb(const char *k, const char *v, int line, void *arg, char *err,
    size_t errlen)
{
	struct tenant_load	*tl = arg;
	char			 tmp[200];
	int			 rc;

	/* <feature>.<key>: typed, ranged, read once (feature.c). */
	if ((rc = feature_key_set(tl->feats, tl->t->settings, k, v, tmp,
	    sizeof(tmp))) != 0) {
		if (rc == -1) {
			snprintf(tl->ferr, sizeof(tl->ferr), "%s:%d: %s",
			    tl->path, line, tmp);
			snprintf(err, errlen, "line %d: %s", line, tmp);
		}
		return rc == -1 ? -1 : 0;
	}
	if (conf_set(tenant_keys, NKEYS, tl->t, k, v, tmp,
	    sizeof(tmp)) == -1) {
		snprintf(err, errlen, "line %d: %s", line, tmp);
		return -1;
	}
	if (strcmp(k, "features") == 0)
		tl->features_line = line;
	if (strcmp(k, "login_id") == 0 &&
	    login_kind_parse(v, &tl->t->login_kind) == -1) {
		snprintf(tl->ferr, sizeof(tl->ferr), "%s:%d: bad login_id "
		    "'%s'", tl->path, line, v);
		snprintf(err, errlen, "line %d: bad login_id '%s'", line, v);
		return -1;
	}
	return 0;
}

void
tenant_clear(struct tenant *t)
{
	size_t	 i;

	for (i = 0; i < NKEYS; i++)
		if (tenant_keys[i].type == CONF_STR)
			free(*(char **)((char *)t + tenant_keys[i].off));
	for (i = 0; i < t->nhost; i++)
		free(t->host[i]);
	free(t->slug);
	free(t->dir);
	memset(t, 0, sizeof(*t));
}

int
tenant_load_one(struct tenant *t, const char *tdir, const char *slug,
    char *err, size_t errlen)
{
	return tenant_load_with(t, tdir, slug, features, err, errlen);
}

/* tenant_load_one() against a given feature table (the unit tests'). */
int
tenant_load_with(struct tenant *t, const char *tdir, const char *slug,
    const struct feature *const *feats, char *err, size_t errlen)
{
	struct tenant_load	 tl;
	char		 path[1024], h[256], tmp[200];
	const char	*p;
	size_t		 n;
	int		 rc = -1;

	memset(t, 0, sizeof(*t));
	memset(&tl, 0, sizeof(tl));
	tl.t = t;
	tl.feats = feats;
	tl.path = path;
	feature_defaults(feats, t->settings);
	t->upload_max = 5 * 1024 * 1024;
	t->session_idle = 1800;
	t->session_max = 43200;
	t->mail_secret_days = TENANT_MAIL_SECRET_DAYS;
	t->review_remind_days = TENANT_REVIEW_REMIND_DAYS;
	if (!tenant_slug_valid(slug)) {
		snprintf(err, errlen, "%s: bad tenant slug", slug);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/%s/tenant.conf", tdir, slug);
	if ((t->slug = strdup(slug)) == NULL ||
	    asprintf(&t->dir, "%s/%s", tdir, slug) == -1) {
		t->dir = NULL;
		goto out;
	}
	if (conf_parse_file(path, tenant_cb, &tl, err, errlen) == -1) {
		if (tl.ferr[0] != '\0')
			snprintf(err, errlen, "%s", tl.ferr);
		goto out;
	}
	if (t->name_ja == NULL || t->name_en == NULL || t->hosts == NULL) {
		snprintf(err, errlen, "%s: name_ja, name_en and hosts are "
		    "required", path);
		goto out;
	}
	for (p = t->hosts; *p != '\0'; p += n) {
		p += strspn(p, " \t");
		if ((n = strcspn(p, " \t")) == 0)
			break;
		if (t->nhost == TENANT_HOSTS || n >= sizeof(h)) {
			snprintf(err, errlen, "%s: too many hosts", path);
			goto out;
		}
		memcpy(h, p, n);
		h[n] = '\0';
		if (host_normalize(h, h, sizeof(h)) == -1 ||
		    strchr(p, ':') != NULL) {
			snprintf(err, errlen, "%s: bad host '%s'", path, h);
			goto out;
		}
		if ((t->host[t->nhost++] = strdup(h)) == NULL)
			goto out;
	}
	if (t->nhost == 0) {
		snprintf(err, errlen, "%s: no hosts", path);
		goto out;
	}
	/* Absent: the registration number (login_kind is 0 already). */
	if (t->login_id == NULL &&
	    (t->login_id = strdup(login_kind_name(LOGIN_REGNO))) == NULL)
		goto out;
	if (t->totp_required == NULL &&
	    (t->totp_required = strdup("none")) == NULL)
		goto out;
	if (strcmp(t->totp_required, "none") != 0 &&
	    strcmp(t->totp_required, "staff") != 0) {
		snprintf(err, errlen, "%s: totp_required must be none or "
		    "staff", path);
		goto out;
	}
	t->totp_policy = strcmp(t->totp_required, "staff") == 0 ?
	    TOTP_STAFF : TOTP_NONE;
	/* Disabled by central IT (OPS-1): data kept, hosts answer 503. */
	if (t->disabled_conf != NULL && strcmp(t->disabled_conf, "yes") != 0 &&
	    strcmp(t->disabled_conf, "no") != 0) {
		snprintf(err, errlen, "%s: disabled must be yes or no", path);
		goto out;
	}
	t->disabled = t->disabled_conf != NULL &&
	    strcmp(t->disabled_conf, "yes") == 0;
	if (t->features == NULL && (t->features = strdup("")) == NULL)
		goto out;
	/* A feature that does not exist is a typo, not an empty product. */
	if (feature_list_parse(feats, t->features, &t->feature_mask, tmp,
	    sizeof(tmp)) == -1) {
		snprintf(err, errlen, "%s:%d: %s", path, tl.features_line, tmp);
		goto out;
	}
	rc = 0;
out:
	if (rc == -1)
		tenant_clear(t);
	return rc;
}

static int
slug_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tenant *)a)->slug,
	    ((const struct tenant *)b)->slug);
}

/* Every tenant directory of tdir into ts (names "." and "_" skipped). */
static int
tenants_scan(struct tenants *ts, const char *tdir, int must, char *err,
    size_t errlen)
{
	struct dirent	*de;
	DIR		*d;
	int		 rc = -1;

	if ((d = opendir(tdir)) == NULL) {
		if (!must)
			return 0;
		snprintf(err, errlen, "%s: cannot open", tdir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || de->d_name[0] == '_')
			continue;
		if (ts->n == TENANT_MAX) {
			snprintf(err, errlen, "more than %d tenants",
			    TENANT_MAX);
			goto out;
		}
		if (tenant_load_one(&ts->t[ts->n], tdir, de->d_name, err,
		    errlen) == -1)
			goto out;
		ts->n++;
	}
	rc = 0;
out:
	closedir(d);
	return rc;
}

/*
 * The shipped tenants (DATADIR/tenants) and, when set, those central IT
 * created in TENANTDIR (OPS-1); a slug or host in both is an error.
 */
struct tenants *
tenants_load_from(const char *datadir, const char *tenantdir, char *err,
    size_t errlen)
{
	struct tenants	*ts = NULL;
	char		 tdir[1024];
	size_t		 i, j, k, l;
	int		 ok = 0;

	snprintf(tdir, sizeof(tdir), "%s/tenants", datadir);
	if ((ts = calloc(1, sizeof(*ts))) == NULL)
		goto out;
	if (tenants_scan(ts, tdir, 1, err, errlen) == -1)
		goto out;
	/* Missing: nothing created yet (the directory is made on demand). */
	if (tenantdir != NULL && *tenantdir != '\0' &&
	    strcmp(tenantdir, tdir) != 0 &&
	    tenants_scan(ts, tenantdir, 0, err, errlen) == -1)
		goto out;
	/* A stable order, so metrics slots and listings do not shuffle. */
	qsort(ts->t, ts->n, sizeof(ts->t[0]), slug_cmp);
	for (i = 0; i < ts->n; i++) {
		ts->t[i].idx = (int)i;
		if (i > 0 && strcmp(ts->t[i - 1].slug, ts->t[i].slug) == 0) {
			snprintf(err, errlen, "tenant %s in %s and %s",
			    ts->t[i].slug, ts->t[i - 1].dir, ts->t[i].dir);
			goto out;
		}
	}
	/* A host must lead to exactly one tenant. */
	for (i = 0; i < ts->n; i++)
		for (j = i + 1; j < ts->n; j++)
			for (k = 0; k < ts->t[i].nhost; k++)
				for (l = 0; l < ts->t[j].nhost; l++)
					if (strcmp(ts->t[i].host[k],
					    ts->t[j].host[l]) == 0) {
						snprintf(err, errlen, "host %s "
						    "in %s and %s",
						    ts->t[i].host[k],
						    ts->t[i].slug,
						    ts->t[j].slug);
						goto out;
					}
	ok = 1;
out:
	if (!ok) {
		tenants_free(ts);
		ts = NULL;
	}
	return ts;
}

struct tenants *
tenants_load(const char *datadir, char *err, size_t errlen)
{
	return tenants_load_from(datadir, NULL, err, errlen);
}

/* The tenants of a configuration: its datadir and its tenantdir. */
struct tenants *
tenants_load_cfg(const struct config *cfg, char *err, size_t errlen)
{
	return tenants_load_from(cfg->datadir, cfg->tenantdir, err, errlen);
}

void
tenants_free(struct tenants *ts)
{
	size_t	 i;

	if (ts == NULL)
		return;
	for (i = 0; i < ts->n; i++)
		tenant_clear(&ts->t[i]);
	free(ts);
}

const struct tenant *
tenant_by_host(const struct tenants *ts, const char *host)
{
	size_t	 i, k;

	if (ts == NULL || host == NULL)
		return NULL;
	for (i = 0; i < ts->n; i++)
		for (k = 0; k < ts->t[i].nhost; k++)
			if (strcmp(ts->t[i].host[k], host) == 0)
				return &ts->t[i];
	return NULL;
}

/* Parsed once into t->feature_mask (feature.c); no string per request. */
int
tenant_has_feature(const struct tenant *t, const char *f)
{
	return feature_enabled(t, f);
}

/* The tenant column of per-tenant rows: the slug, or TENANT_OPS. */
const char *
tenant_key(const struct tenant *t)
{
	return t != NULL ? t->slug : TENANT_OPS;
}

/* The request's tenant key (tenant_key()): its rows, its accounts. */
const char *
ctx_tkey(const struct ctx *c)
{
	return tenant_key(c->tenant);
}
