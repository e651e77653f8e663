/*
 * feature.c — reading features[] for the rest of core: a tenant's
 * `features =` list and its `<feature>.<key> = value` settings are
 * parsed once, when tenant.conf is read, into a bitmask and an array
 * of numbers; an unknown name, an unknown key or a value out of range
 * is a configuration error, never a default.  The table is a parameter
 * so the unit tests can bring their own features.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctx.h"
#include "feature.h"
#include "tenant.h"

/* Roles of the platform itself; features add theirs (feature->roles). */
static const struct feature_role platform_roles[] = {
	{ "member", ROLE_MEMBER },
	{ "tenant_admin", ROLE_TENANT_ADMIN },
	{ "central_it", ROLE_CENTRAL_IT },
	{ NULL, 0 },
};

static size_t
nkeys(const struct feature *f)
{
	size_t	 n = 0;

	while (f->keys != NULL && f->keys[n].name != NULL)
		n++;
	return n;
}

/* The feature called name (n bytes of it, or all), and its index. */
static const struct feature *
find_n(const struct feature *const *tab, const char *name, size_t n,
    size_t *idx)
{
	size_t	 i;

	for (i = 0; tab[i] != NULL; i++)
		if (strlen(tab[i]->name) == n &&
		    strncmp(tab[i]->name, name, n) == 0) {
			if (idx != NULL)
				*idx = i;
			return tab[i];
		}
	return NULL;
}

const struct feature *
feature_find(const struct feature *const *tab, const char *name,
    size_t *idx)
{
	return find_n(tab, name, strlen(name), idx);
}

/* Is the feature on for this tenant?  Always-on features are. */
int
feature_enabled(const struct tenant *t, const char *name)
{
	const struct feature	*f;
	size_t			 i;

	if ((f = feature_find(features, name, &i)) == NULL)
		return 0;
	if (f->always)
		return 1;
	return t != NULL && (t->feature_mask & (1U << i)) != 0;
}

/* `features = a b c` into a bitmask of tab's indexes. */
int
feature_list_parse(const struct feature *const *tab, const char *list,
    unsigned int *mask, char *err, size_t errlen)
{
	const char	*p = list;
	size_t		 n, i;
	int		 rc = -1;

	*mask = 0;
	while (p != NULL && *p != '\0') {
		p += strspn(p, " \t,");
		if ((n = strcspn(p, " \t,")) == 0)
			break;
		if (find_n(tab, p, n, &i) == NULL || i >= FEATURE_MAX) {
			snprintf(err, errlen, "features: unknown feature "
			    "'%.*s'", (int)n, p);
			goto out;
		}
		*mask |= 1U << i;
		p += n;
	}
	rc = 0;
out:
	return rc;
}

/* Every feature's settings at their defaults. */
void
feature_defaults(const struct feature *const *tab, long long *set)
{
	size_t	 i, k, base = 0;

	for (i = 0; tab[i] != NULL; i++)
		for (k = 0; k < nkeys(tab[i]); k++, base++)
			if (base < FEATURE_SETTINGS_MAX)
				set[base] = tab[i]->keys[k].dflt;
}

/*
 * One `<feature>.<key> = value`: 1 set, 0 not a feature key (no dot),
 * -1 an unknown feature or key, or a value that is not an integer in
 * its range (err says which).
 */
int
feature_key_set(const struct feature *const *tab, long long *set,
    const char *key, const char *val, char *err, size_t errlen)
{
	const struct feature_key *fk;
	const char	*dot = strchr(key, '.');
	char		*end;
	long long	 v;
	size_t		 i, k, base = 0;

	if (dot == NULL)
		return 0;
	for (i = 0; tab[i] != NULL; i++) {
		if (strlen(tab[i]->name) != (size_t)(dot - key) ||
		    strncmp(tab[i]->name, key, (size_t)(dot - key)) != 0) {
			base += nkeys(tab[i]);
			continue;
		}
		for (k = 0; k < nkeys(tab[i]); k++) {
			fk = &tab[i]->keys[k];
			if (strcmp(fk->name, dot + 1) != 0)
				continue;
			errno = 0;
			v = strtoll(val, &end, 10);
			if (errno != 0 || end == val || *end != '\0' ||
			    v < fk->lo || v > fk->hi) {
				snprintf(err, errlen, "%s: %s is not a number "
				    "from %lld to %lld", key, val, fk->lo,
				    fk->hi);
				return -1;
			}
			if (base + k >= FEATURE_SETTINGS_MAX) {
				snprintf(err, errlen, "%s: too many feature "
				    "settings", key);
				return -1;
			}
			set[base + k] = v;
			return 1;
		}
		snprintf(err, errlen, "unknown key %s", key);
		return -1;
	}
	snprintf(err, errlen, "unknown key %s (no feature %.*s)", key,
	    (int)(dot - key), key);
	return -1;
}

/* A tenant's value of feature.key (its default when not set). */
long long
feature_setting(const struct tenant *t, const char *feature,
    const char *key)
{
	size_t	 i, k, base = 0;

	for (i = 0; features[i] != NULL; i++) {
		for (k = 0; t != NULL && k < nkeys(features[i]); k++)
			if (strcmp(features[i]->name, feature) == 0 &&
			    strcmp(features[i]->keys[k].name, key) == 0)
				return base + k < FEATURE_SETTINGS_MAX ?
				    t->settings[base + k] :
				    features[i]->keys[k].dflt;
		base += nkeys(features[i]);
	}
	return 0;
}

/* The bit of a role the platform or a feature defines; 0: none. */
unsigned int
role_bit(const char *role)
{
	const struct feature_role	*r;
	size_t				 i;

	for (r = platform_roles; r->name != NULL; r++)
		if (strcmp(r->name, role) == 0)
			return r->bit;
	for (i = 0; features[i] != NULL; i++)
		for (r = features[i]->roles; r != NULL && r->name != NULL;
		    r++)
			if (strcmp(r->name, role) == 0)
				return r->bit;
	return 0;
}

/* The name of one role bit; NULL when nobody defines it. */
const char *
role_name(unsigned int bit)
{
	const struct feature_role	*r;
	size_t				 i;

	for (r = platform_roles; r->name != NULL; r++)
		if (r->bit == bit)
			return r->name;
	for (i = 0; features[i] != NULL; i++)
		for (r = features[i]->roles; r != NULL && r->name != NULL;
		    r++)
			if (r->bit == bit)
				return r->name;
	return NULL;
}

/* Is role one the platform or a feature defines? */
int
feature_role_known(const char *role)
{
	return role_bit(role) != 0;
}

/*
 * A session's comma list of roles (from the database) as a mask, once
 * per request when the session is loaded.  Words are matched as
 * word_in_list() did (blanks around them ignored, any case); a role
 * nobody defines counts as ROLE_OTHER: no page asks for it, but it is
 * not "member" either (totp_required = staff).
 */
unsigned int
role_mask_parse(const char *list)
{
	const struct feature_role	*r;
	char				 w[64];
	unsigned int			 mask = 0, bit;
	size_t				 i, n;

	while (list != NULL && *list != '\0') {
		list += strspn(list, " \t,");
		if ((n = strcspn(list, " \t,")) == 0)
			break;
		bit = 0;
		if (n < sizeof(w)) {
			memcpy(w, list, n);
			w[n] = '\0';
			for (r = platform_roles; bit == 0 && r->name != NULL;
			    r++)
				if (strcasecmp(r->name, w) == 0)
					bit = r->bit;
			for (i = 0; bit == 0 && features[i] != NULL; i++)
				for (r = features[i]->roles; bit == 0 &&
				    r != NULL && r->name != NULL; r++)
					if (strcasecmp(r->name, w) == 0)
						bit = r->bit;
		}
		mask |= bit != 0 ? bit : (unsigned int)ROLE_OTHER;
		list += n;
	}
	return mask;
}

/* Is this role's name one the platform or an earlier role of tab has? */
static int
role_named(const struct feature *const *tab, size_t fi,
    const struct feature_role *role)
{
	const struct feature_role	*r;
	size_t				 i;

	for (r = platform_roles; r->name != NULL; r++)
		if (strcmp(r->name, role->name) == 0)
			return 1;
	for (i = 0; i <= fi; i++)
		for (r = tab[i]->roles; r != NULL && r->name != NULL &&
		    r != role; r++)
			if (strcmp(r->name, role->name) == 0)
				return 1;
	return 0;
}

/*
 * Every role a feature of tab defines has a name of its own and one
 * bit of its own, from the features' range.  0, or
 * -1 with the problem in err.
 */
int
role_bits_check(const struct feature *const *tab, char *err, size_t errlen)
{
	const struct feature_role	*r;
	unsigned int			 seen = ROLE_PLATFORM;
	unsigned int			 range;
	size_t				 i;
	int				 rc = -1;

	range = (ROLE_FEATURE(ROLE_FEATURE_MAX - 1) << 1) - ROLE_FEATURE(0);
	for (i = 0; tab[i] != NULL; i++)
		for (r = tab[i]->roles; r != NULL && r->name != NULL; r++) {
			if ((r->bit & (r->bit - 1)) != 0 ||
			    (r->bit & range) == 0) {
				snprintf(err, errlen, "feature %s: role %s: "
				    "not one bit of ROLE_FEATURE()",
				    tab[i]->name, r->name);
				goto out;
			}
			if (role_named(tab, i, r)) {
				snprintf(err, errlen, "feature %s: role %s: "
				    "defined twice", tab[i]->name, r->name);
				goto out;
			}
			if (seen & r->bit) {
				snprintf(err, errlen, "feature %s: role %s: "
				    "its bit is another role's",
				    tab[i]->name, r->name);
				goto out;
			}
			seen |= r->bit;
		}
	rc = 0;
out:
	return rc;
}

/*
 * Does a feature hold this correct sign-in back?  Asked of every
 * feature, enabled or not: a record it left behind still counts.
 * 1 held, 0 not, -1 error.
 */
int
feature_signin_hold(struct db *d, const char *tenant, const char *uid)
{
	size_t	 i;
	int	 r;

	for (i = 0; features[i] != NULL; i++)
		if (features[i]->signin_hold != NULL &&
		    (r = features[i]->signin_hold(d, tenant, uid)) != 0)
			return r;
	return 0;
}

/*
 * Each feature enabled on the request's tenant adds its own part of a
 * platform page (現在の状況, 会員情報) under parent, in features[]
 * order.  -1 as soon as one fails, else how many parts hold something
 * of the member's (a hook's >0).
 */
int
feature_parts(struct ctx *c, xmlNodePtr parent, enum feature_part part)
{
	int	(*fn)(struct ctx *, xmlNodePtr);
	size_t	 i;
	int	 r, n = 0;

	for (i = 0; n >= 0 && features[i] != NULL; i++) {
		fn = part == FP_DASHBOARD ? features[i]->dashboard :
		    features[i]->member;
		if (fn == NULL || !feature_enabled(c->tenant,
		    features[i]->name))
			continue;
		if ((r = fn(c, parent)) < 0)
			n = -1;
		else if (r > 0)
			n++;
	}
	return n;
}
