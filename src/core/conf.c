/*
 * conf.c — the one parser for shikaku.conf and tenant.conf.
 *
 * Grammar: lines of `key = value`; `#` starts a comment at the start of
 * a line; blank lines are ignored; keys are [a-z0-9_]+ (tenant.conf also takes
 * <feature>.<key>, feature.c); values run to
 * the end of the line with surrounding blanks removed.  Anything else
 * is an error with its line number: a typo must never be half-read.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "conf.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/shikaku"
#endif

/* [a-z0-9_]+, or <feature>.<key> (one dot between two such words). */
static int
key_valid(const char *k)
{
	const char	*start = k;
	int		 dots = 0;

	if (*k == '\0')
		return 0;
	for (; *k != '\0'; k++)
		if (*k == '.' && k != start && k[1] != '\0' && dots++ == 0)
			continue;
		else if (!((*k >= 'a' && *k <= 'z') ||
		    (*k >= '0' && *k <= '9') || *k == '_'))
			return 0;
	return 1;
}

int
conf_parse(const char *data, size_t len, conf_cb cb, void *arg, char *err,
    size_t errlen)
{
	char		 line[CONF_MAXLINE];
	const char	*p = data, *end = data + len, *nl;
	char		*k, *v, *eq;
	size_t		 n;
	int		 lineno = 0, rc = -1;

	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl ? nl : end) - p);
		if (n >= sizeof(line)) {
			snprintf(err, errlen, "line %d: too long", lineno);
			goto out;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p += n + (nl ? 1 : 0);
		if (memchr(line, '\0', n) != NULL) {
			snprintf(err, errlen, "line %d: NUL byte", lineno);
			goto out;
		}
		k = strtrim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			snprintf(err, errlen, "line %d: expected key = value",
			    lineno);
			goto out;
		}
		*eq = '\0';
		v = strtrim(eq + 1);
		k = strtrim(k);
		if (!key_valid(k)) {
			snprintf(err, errlen, "line %d: bad key", lineno);
			goto out;
		}
		if (!utf8_valid(v, strlen(v))) {
			snprintf(err, errlen, "line %d: value is not UTF-8",
			    lineno);
			goto out;
		}
		if (cb(k, v, lineno, arg, err, errlen) == -1)
			goto out;
	}
	rc = 0;
out:
	return rc;
}

int
conf_parse_file(const char *path, conf_cb cb, void *arg, char *err,
    size_t errlen)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 chunk[8192];
	ssize_t		 r;
	int		 fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	while ((r = read(fd, chunk, sizeof(chunk))) > 0)
		if (b.len > 1024 * 1024 ||
		    buf_append(&b, chunk, (size_t)r) == -1) {
			snprintf(err, errlen, "%s: too large", path);
			goto out;
		}
	if (r == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (conf_parse(b.data ? b.data : "", b.len, cb, arg, err,
	    errlen) == -1) {
		/* Prefix the file name to the parser's message. */
		char tmp[256];
		snprintf(tmp, sizeof(tmp), "%s", err);
		snprintf(err, errlen, "%s: %s", path, tmp);
		goto out;
	}
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	buf_free(&b);
	return rc;
}

/* Parse "10", "10k", "5M", "1G" into bytes. */
static int
parse_size(const char *s, long long *out)
{
	char		*e;
	long long	 v, mul = 1;

	errno = 0;
	v = strtoll(s, &e, 10);
	if (e == s || errno != 0 || v < 0)
		return -1;
	switch (*e) {
	case 'k': case 'K': mul = 1024LL; e++; break;
	case 'm': case 'M': mul = 1024LL * 1024; e++; break;
	case 'g': case 'G': mul = 1024LL * 1024 * 1024; e++; break;
	default: break;
	}
	if (*e != '\0' || v > LLONG_MAX / mul)
		return -1;
	*out = v * mul;
	return 0;
}

int
conf_set(const struct conf_key *tab, size_t ntab, void *obj, const char *k,
    const char *v, char *err, size_t errlen)
{
	const struct conf_key	*ck = NULL;
	char			*e = NULL, **sp;
	long long		 n = 0;
	int			 bad;
	size_t			 i;
	int			 rc = -1;

	for (i = 0; i < ntab; i++)
		if (strcmp(tab[i].name, k) == 0) {
			ck = &tab[i];
			break;
		}
	if (ck == NULL) {
		snprintf(err, errlen, "unknown key '%s'", k);
		goto out;
	}
	switch (ck->type) {
	case CONF_STR:
		sp = (char **)((char *)obj + ck->off);
		free(*sp);
		if ((*sp = strdup(v)) == NULL)
			goto out;
		break;
	case CONF_INT:
	case CONF_SIZE:
	case CONF_OCTAL:
		errno = 0;
		if (ck->type == CONF_SIZE)
			bad = parse_size(v, &n) == -1;
		else {
			n = strtoll(v, &e, ck->type == CONF_OCTAL ? 8 : 10);
			bad = *e != '\0' || errno != 0;
		}
		if (*v == '\0' || bad || n < ck->min || n > ck->max) {
			snprintf(err, errlen, "'%s': bad value (%lld..%lld)",
			    k, ck->min, ck->max);
			goto out;
		}
		if (ck->type == CONF_OCTAL)
			*(int *)((char *)obj + ck->off) = (int)n;
		else
			*(long long *)((char *)obj + ck->off) = n;
		break;
	}
	rc = 0;
out:
	return rc;
}

#define S(n)		{ #n, CONF_STR, offsetof(struct config, n), 0, 0 }
#define I(n, lo, hi)	{ #n, CONF_INT, offsetof(struct config, n), lo, hi }
#define Z(n, lo, hi)	{ #n, CONF_SIZE, offsetof(struct config, n), lo, hi }

static const struct conf_key config_keys[] = {
	S(listen),
	{ "listen_mode", CONF_OCTAL, offsetof(struct config, listen_mode),
	    0, 0777 },
	I(workers, 1, 256),
	I(max_requests, 1, 100000000),
	I(request_timeout, 1, 3600),
	I(stop_timeout, 1, 600),
	S(datadir), S(sqldir), S(ops_hosts),
	S(db_socket), S(db_host), I(db_port, 1, 65535),
	S(db_name), S(db_user), S(db_password_file),
	S(ldap_uri), S(ldap_base), S(ldap_bind_dn), S(ldap_password_file),
	S(ldap_admin_dn), S(ldap_admin_password_file),
	S(smtp_url), S(mail_from), S(log), S(metrics_token_file),
	Z(max_body, 1024, 1024LL * 1024 * 1024),
	I(max_fields, 1, 100000),
	S(demo_clock_file),
	S(tenantdir), S(pid_file), S(nginx_map), S(nginx_pid_file),
};

static int
config_cb(const char *k, const char *v, int line, void *arg, char *err,
    size_t errlen)
{
	char	tmp[256];

	if (conf_set(config_keys, sizeof(config_keys) /
	    sizeof(config_keys[0]), arg, k, v, tmp, sizeof(tmp)) == -1) {
		snprintf(err, errlen, "line %d: %s", line, tmp);
		return -1;
	}
	return 0;
}

/* Fill what the file left unset, so every later reader sees a value. */
static int
config_defaults(struct config *c)
{
	static const struct { size_t off; const char *val; } defs[] = {
		{ offsetof(struct config, listen),
		    "unix:/run/shikaku/shikaku.sock" },
		{ offsetof(struct config, datadir), PKGDATADIR },
		{ offsetof(struct config, sqldir), PKGDATADIR "/sql" },
		{ offsetof(struct config, ops_hosts), "ops.localhost" },
		{ offsetof(struct config, db_name), "shikaku" },
		{ offsetof(struct config, db_user), "shikaku" },
		{ offsetof(struct config, ldap_uri), "ldap://127.0.0.1/" },
		{ offsetof(struct config, ldap_base), "dc=shikaku,dc=test" },
		{ offsetof(struct config, smtp_url), "smtp://127.0.0.1:25" },
		{ offsetof(struct config, mail_from), "no-reply@shikaku.test" },
		{ offsetof(struct config, log), "stderr" },
	};
	size_t	 i;
	char	**sp;

	for (i = 0; i < sizeof(defs) / sizeof(defs[0]); i++) {
		sp = (char **)((char *)c + defs[i].off);
		if (*sp == NULL && (*sp = strdup(defs[i].val)) == NULL)
			return -1;
	}
	if (c->db_socket == NULL && c->db_host == NULL &&
	    (c->db_socket = strdup("/run/mysqld/mysqld.sock")) == NULL)
		return -1;
	return 0;
}

struct config *
config_load(const char *path, char *err, size_t errlen)
{
	struct config	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c->listen_mode = 0660;
	c->workers = 4;
	c->max_requests = 10000;
	c->request_timeout = 30;
	c->stop_timeout = 10;
	c->db_port = 3306;
	c->max_body = 10 * 1024 * 1024;
	c->max_fields = 256;
	if (conf_parse_file(path, config_cb, c, err, errlen) == -1 ||
	    config_defaults(c) == -1 || (c->path = strdup(path)) == NULL) {
		config_free(c);
		c = NULL;
	} else if (strcmp(c->log, "stderr") != 0 &&
	    strcmp(c->log, "syslog") != 0) {
		snprintf(err, errlen, "%s: log must be stderr or syslog", path);
		config_free(c);
		c = NULL;
	}
	return c;
}

void
config_free(struct config *c)
{
	size_t	 i;
	char	**sp;

	if (c == NULL)
		return;
	for (i = 0; i < sizeof(config_keys) / sizeof(config_keys[0]); i++)
		if (config_keys[i].type == CONF_STR) {
			sp = (char **)((char *)c + config_keys[i].off);
			free(*sp);
		}
	free(c->path);
	free(c);
}

/* Forget a secret read by read_secret(): wipe, then free. */
void
secret_free(char *s)
{
	if (s != NULL) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

/* Read a one-line secret (password file); the caller frees it. */
char *
read_secret(const char *path)
{
	char	 line[512], *s = NULL;
	FILE	*f;

	if (path == NULL || (f = fopen(path, "re")) == NULL)
		return NULL;
	if (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		s = strdup(line);
	}
	explicit_bzero(line, sizeof(line));
	fclose(f);
	return s;
}
