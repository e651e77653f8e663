/*
 * ctl_tenant.c — central IT's tenant lifecycle on the command line
 * (OPS-1); the work is tenant_life.c's, shared with the ops console:
 *
 *   tenant create SLUG --host H [--host H2] --admin-mail M
 *       [--name-ja N] [--name-en N] [--login-id K] [--features F]
 *       [--admin-name N] [--admin-number N]
 *   tenant disable SLUG      its hosts answer 「現在ご利用いただけません」
 *   tenant enable SLUG
 *   tenant set SLUG key=value
 *
 * After a change the running servers are told (tl_reload()): the nginx
 * map rewritten and nginx sent SIGHUP when shikaku.conf names them
 * (nginx_map, nginx_pid_file), shikakud's master sent SIGHUP (pid_file).
 * What is not configured is printed as a step left to do.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "ctl.h"
#include "directory.h"
#include "tenant_life.h"

static void
tl_init(struct ctl *c, struct tl *l)
{
	memset(l, 0, sizeof(*l));
	l->cfg = c->cfg;
	l->db = c->db;
	l->actor = ctl_actor();
}

/* Tell shikakud and nginx; say what was done and what is left. */
static int
tell(struct tl *l, int hosts)
{
	int	 did;

	did = tl_reload(l);
	if (did == -1) {
		fprintf(stderr, "shikakuctl: reload: %s\n", l->err);
		return 1;
	}
	if (did & TL_DID_MASTER)
		printf("reloaded: shikakud (SIGHUP)\n");
	else
		printf("reload: kill -HUP the shikakud master (no pid_file "
		    "in %s)\n", l->cfg->path);
	if (!hosts)
		return 0;
	if (did & TL_DID_MAP)
		printf("nginx map written: %s\n", l->cfg->nginx_map);
	else
		printf("next: shikakuctl tenant nginx-map for nginx's map "
		    "(no nginx_map in %s)\n", l->cfg->path);
	if (did & TL_DID_NGINX)
		printf("reloaded: nginx (SIGHUP)\n");
	else
		printf("next: reload nginx (no nginx_pid_file in %s)\n",
		    l->cfg->path);
	return 0;
}

static int
set(struct ctl *c, const char *slug, const char *key, const char *value,
    int (*fn)(struct tl *, const char *))
{
	struct tl	 l;
	int		 r;

	tl_init(c, &l);
	r = fn != NULL ? fn(&l, slug) : tl_set(&l, slug, key, value);
	if (r == -1) {
		fprintf(stderr, "shikakuctl: %s\n", l.err);
		return 1;
	}
	printf("tenant %s: %s = %s\n", slug, key, value);
	return tell(&l, strcmp(key, "hosts") == 0);
}

int
cmd_tenant_set(struct ctl *c, int argc, char **argv)
{
	char	*eq;

	if (argc != 2 || (eq = strchr(argv[1], '=')) == NULL) {
		fprintf(stderr, "usage: shikakuctl tenant set SLUG "
		    "key=value\n");
		return 2;
	}
	*eq = '\0';
	return set(c, argv[0], argv[1], eq + 1, NULL);
}

int
cmd_tenant_disable(struct ctl *c, int argc, char **argv)
{
	if (argc != 1) {
		fprintf(stderr, "usage: shikakuctl tenant disable SLUG\n");
		return 2;
	}
	return set(c, argv[0], "disabled", "yes", tl_disable);
}

int
cmd_tenant_enable(struct ctl *c, int argc, char **argv)
{
	if (argc != 1) {
		fprintf(stderr, "usage: shikakuctl tenant enable SLUG\n");
		return 2;
	}
	return set(c, argv[0], "disabled", "no", tl_enable);
}

/* ------------------------------------------------------------ create */

static const char *const copt_names[TL__MAX] = { NULL, "--host",
    "--name-ja", "--name-en", "--login-id", "--features", "--admin-mail",
    "--admin-name", "--admin-number" };

static int
cargs_parse(int argc, char **argv, struct tl_new *a, struct buf *hosts)
{
	int	 i, k;

	memset(a, 0, sizeof(*a));
	if (argc < 1 || argv[0][0] == '-')
		return -1;
	a->v[TL_SLUG] = argv[0];
	for (i = 1; i < argc; i++) {
		for (k = 1; k < TL__MAX; k++)
			if (strcmp(argv[i], copt_names[k]) == 0)
				break;
		if (k == TL__MAX || i + 1 == argc)
			return -1;
		i++;
		if (k == TL_HOSTS) {
			if (buf_printf(hosts, "%s%s", hosts->len ? " " : "",
			    argv[i]) == -1)
				return -1;
		} else
			a->v[k] = argv[i];
	}
	if (hosts->len == 0 || a->v[TL_ADMIN_MAIL] == NULL)
		return -1;
	a->v[TL_HOSTS] = hosts->data;
	return 0;
}

int
cmd_tenant_create(struct ctl *c, int argc, char **argv)
{
	struct tl_new	 a;
	struct tl	 l;
	struct buf	 hosts = { NULL, 0, 0 };
	char		 uid[DIR_UID_LEN + 1];
	int		 r, rc = 1;

	tl_init(c, &l);
	if (cargs_parse(argc, argv, &a, &hosts) == -1) {
		fprintf(stderr, "usage: shikakuctl tenant create SLUG --host H "
		    "[--host H2] --admin-mail M [--name-ja N] [--name-en N] "
		    "[--login-id regno|email_or_member|member_or_email] "
		    "[--features F] [--admin-name N] [--admin-number N]\n");
		rc = 2;
		goto out;
	}
	if ((l.dir = dir_open(c->cfg)) == NULL) {
		fprintf(stderr, "shikakuctl: directory %s unreachable\n",
		    c->cfg->ldap_uri);
		goto out;
	}
	r = tl_create(&l, &a, uid);
	if (r == -1) {
		fprintf(stderr, "shikakuctl: %s\n", l.err);
		goto out;
	}
	printf("tenant %s created: hosts %s\n", a.v[TL_SLUG], hosts.data);
	if (r == 1)
		fprintf(stderr, "shikakuctl: %s\n", l.err);
	else
		printf("first admin %s (%s), temporary password mailed\n", uid,
		    a.v[TL_ADMIN_MAIL]);
	rc = tell(&l, 1) != 0 || r != 0;
out:
	dir_close(l.dir);
	buf_free(&hosts);
	return rc;
}
