/*
 * shikakuctl.c — central IT's command-line tool.  Commands are a table:
 * name, the words that select it, and the function that runs it.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "conf.h"
#include "conf_check.h"
#include "ctl.h"
#include "ctx.h"
#include "directory.h"
#include "log.h"
#include "render.h"
#include "tenant.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/usr/local/etc"
#endif

static int	cmd_check_config(struct ctl *, int, char **);
static int	cmd_tenant_list(struct ctl *, int, char **);
static int	cmd_tenant_map(struct ctl *, int, char **);
static int	cmd_tenant_ldif(struct ctl *, int, char **);

static const struct ctl_cmd {
	const char	*w1, *w2;
	int		 needs_db;
	int		(*fn)(struct ctl *, int, char **);
	const char	*help;
} cmds[] = {
	{ "migrate", NULL, 1, cmd_migrate,
	    "apply the SQL migrations not yet applied" },
	{ "check-config", NULL, 0, cmd_check_config,
	    "check shikaku.conf, every tenant and every stylesheet" },
	{ "tenant", "list", 0, cmd_tenant_list, "list the tenants" },
	{ "tenant", "sync", 1, cmd_tenant_sync,
	    "record every tenant directory in the database" },
	{ "tenant", "nginx-map", 0, cmd_tenant_map,
	    "print the host to tenant map for nginx" },
	{ "tenant", "ldif", 0, cmd_tenant_ldif,
	    "print the directory skeleton of every tenant" },
	{ "tenant", "create", 1, cmd_tenant_create,
	    "SLUG --host H --admin-mail M [--name-ja N --name-en N "
	    "--login-id K --features F]: a new tenant and its first admin" },
	{ "tenant", "disable", 1, cmd_tenant_disable,
	    "SLUG: its hosts answer 503 (unavailable); data kept" },
	{ "tenant", "enable", 1, cmd_tenant_enable, "SLUG" },
	{ "tenant", "set", 1, cmd_tenant_set, "SLUG key=value (tenant.conf)" },
	{ "tenant", "export", 1, cmd_tenant_export,
	    "SLUG DIR: the tenant's members, records and uploads" },
	{ "demo", "load", 1, cmd_demo_load, "load the demo data" },
	{ "demo", "clock", 0, cmd_demo_clock,
	    "[+N{d,h,m}|-N{d,h,m}|reset]: move the demo clock (development)" },
	{ "demo", "accounts", 1, cmd_demo_accounts,
	    "create the demo accounts (also part of demo load)" },
	{ "user", "add", 1, cmd_user_add,
	    "TENANT --number N --mail M --name NAME [--kana K] [--role R]..."
	    " [--password-file F]" },
	{ "user", "passwd", 1, cmd_user_passwd,
	    "TENANT IDENT [--password-file F]: set (or generate) a password" },
	{ "user", "list", 1, cmd_user_list, "TENANT: people, roles, locks" },
	{ "user", "unlock", 1, cmd_user_unlock, "TENANT IDENT" },
	{ "role", "grant", 1, cmd_role_grant, "TENANT IDENT ROLE" },
	{ "role", "revoke", 1, cmd_role_revoke, "TENANT IDENT ROLE" },
	{ "offering", "set", 1, cmd_offering_set,
	    "TENANT KIND YEAR OPEN CLOSE: an offering's window (Japan time)" },
	{ "offering", "list", 1, cmd_offering_list,
	    "TENANT: the offerings' windows" },
	{ "credit", "sum", 1, cmd_credit_sum,
	    "TENANT UID [KIND [FROM [TO]]]: units and events (credit.h)" },
	{ "credit", "series", 1, cmd_credit_series,
	    "TENANT UID KIND SERIES [FROM [TO]]: 1 if attended, else 0" },
	{ "credit", "attended", 1, cmd_credit_attended,
	    "TENANT UID [KIND [FROM [TO]]]: the events attended, as XML" },
	{ "legacy", "import", 1, cmd_legacy_import,
	    "TENANT FILE.csv: the old system's records (UTF-8 CSV)" },
	{ "backup", NULL, 1, cmd_backup,
	    "DIR: database, directory and uploads with a manifest" },
	{ "restore", NULL, 1, cmd_restore,
	    "DIR: check the manifest, then restore into an empty stack" },
	{ "ops", "add", 1, cmd_ops_add,
	    "UID --mail M --name NAME [--password-file F]: central IT" },
};

static void
usage(void)
{
	char	 name[40];
	size_t	 i;

	fprintf(stderr, "usage: shikakuctl [-f shikaku.conf] command\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		snprintf(name, sizeof(name), "%s%s%s", cmds[i].w1,
		    cmds[i].w2 ? " " : "", cmds[i].w2 ? cmds[i].w2 : "");
		fprintf(stderr, "  %-16s %s\n", name, cmds[i].help);
	}
	exit(2);
}

static int
cmd_check_config(struct ctl *c, int argc, char **argv)
{
	struct render	*r;
	struct checks	*k = NULL;
	char		 err[512];
	size_t		 i;
	int		 rc = 1;

	(void)argc;
	(void)argv;
	if ((r = render_new(c->cfg->datadir, c->tenants, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "shikakuctl: %s\n", err);
		goto out;
	}
	if ((k = calloc(1, sizeof(*k))) == NULL) {
		fprintf(stderr, "shikakuctl: out of memory\n");
		goto out;
	}
	/* The same lines a worker shows on central IT's console (OPS-1). */
	config_check(c->cfg, c->tenants, r, k);
	for (i = 0; i < k->n; i++)
		printf("%s: %s\n", check_level_names[k->c[i].level],
		    k->c[i].text);
	if (k->errors == 0) {
		printf("%s: ok, %zu tenants\n", c->cfg->path, c->tenants->n);
		rc = 0;
	}
out:
	free(k);
	render_free(r);
	return rc;
}

static int
cmd_tenant_list(struct ctl *c, int argc, char **argv)
{
	size_t	 i;

	(void)argc;
	(void)argv;
	for (i = 0; i < c->tenants->n; i++)
		printf("%-12s %-40s %s\n", c->tenants->t[i].slug,
		    c->tenants->t[i].hosts, c->tenants->t[i].name_ja);
	return 0;
}

static int
cmd_tenant_map(struct ctl *c, int argc, char **argv)
{
	size_t	 i, k;

	(void)argc;
	(void)argv;
	for (i = 0; i < c->tenants->n; i++)
		for (k = 0; k < c->tenants->t[i].nhost; k++)
			printf("%s %s;\n", c->tenants->t[i].host[k],
			    c->tenants->t[i].slug);
	return 0;
}

static int
cmd_tenant_ldif(struct ctl *c, int argc, char **argv)
{
	const char	*base = c->cfg->ldap_base;
	char		 pw[32];
	size_t		 i;

	(void)argc;
	(void)argv;
	/*
	 * The decoy: an entry no one knows the password of.  A sign-in for
	 * an identifier that matches nobody binds here instead, so it costs
	 * the same argon2 time as a wrong password (CORE-4).
	 */
	if (dir_gen_password(pw, sizeof(pw)) == -1)
		return 1;
	printf("dn: " DIR_DECOY_RDN ",ou=tenants,%s\nobjectClass: account\n"
	    "objectClass: simpleSecurityObject\nuid: decoy\n"
	    "userPassword: %s\n\n", base, pw);
	explicit_bzero(pw, sizeof(pw));
	for (i = 0; i < c->tenants->n; i++) {
		const char *s = c->tenants->t[i].slug;
		printf("dn: ou=%s,ou=tenants,%s\nobjectClass: "
		    "organizationalUnit\nou: %s\n\n", s, base, s);
		printf("dn: ou=people,ou=%s,ou=tenants,%s\nobjectClass: "
		    "organizationalUnit\nou: people\n\n", s, base);
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	const struct ctl_cmd	*cmd = NULL;
	struct ctl		 c;
	const char		*conf = SYSCONFDIR "/shikaku/shikaku.conf";
	char			 err[512];
	size_t			 i;
	int			 ch, rc = 1;

	/* "+": options after the command words are the command's own. */
	while ((ch = getopt(argc, argv, "+f:")) != -1)
		switch (ch) {
		case 'f':
			conf = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(cmds[i].w1, argv[0]) == 0 && (cmds[i].w2 == NULL ||
		    (argc > 1 && strcmp(cmds[i].w2, argv[1]) == 0))) {
			cmd = &cmds[i];
			break;
		}
	if (cmd == NULL)
		usage();
	log_init("shikakuctl", 0);
	xmlInitParser();
	memset(&c, 0, sizeof(c));
	if ((c.cfg = config_load(conf, err, sizeof(err))) == NULL ||
	    (c.tenants = tenants_load_cfg(c.cfg, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "shikakuctl: %s\n", err);
		goto out;
	}
	if (cmd->needs_db && ((c.db = db_open(c.cfg, err,
	    sizeof(err))) == NULL || db_ping(c.db) < 0)) {
		fprintf(stderr, "shikakuctl: %s\n", err);
		goto out;
	}
	i = cmd->w2 ? 2 : 1;
	rc = cmd->fn(&c, argc - (int)i, argv + i);
out:
	db_close(c.db);
	tenants_free(c.tenants);
	config_free(c.cfg);
	return rc;
}
