/*
 * conf_check.c — the checks of `shikakuctl check-config`, kept as lines
 * so that a worker can show central IT the configuration it loaded
 * (OPS-1) without a second copy of them.  A secret file is named and
 * its mode checked; it is never opened here.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "conf.h"
#include "conf_check.h"
#include "ctx.h"
#include "migration.h"
#include "render.h"
#include "tenant.h"

const char *const check_level_names[] = { "ok", "warning", "error" };

/* The secret files of shikaku.conf, by key. */
static const struct {
	const char	*key;
	size_t		 off;
} secret_keys[] = {
	{ "db_password_file", offsetof(struct config, db_password_file) },
	{ "ldap_password_file", offsetof(struct config, ldap_password_file) },
	{ "ldap_admin_password_file",
	    offsetof(struct config, ldap_admin_password_file) },
	{ "metrics_token_file", offsetof(struct config, metrics_token_file) },
};

static void
add(struct checks *k, enum check_level lv, const char *fmt, ...)
{
	va_list	 ap;

	/* The last line says the list is cut rather than losing an error. */
	if (k->n < CHECKS_MAX) {
		k->c[k->n].level = lv;
		va_start(ap, fmt);
		vsnprintf(k->c[k->n].text, sizeof(k->c[k->n].text), fmt, ap);
		va_end(ap);
		k->n++;
	}
	if (lv == CHECK_ERROR)
		k->errors++;
	else if (lv == CHECK_WARNING)
		k->warnings++;
}

/* Only stat(): the contents are a secret, the mode and owner are not. */
static void
check_secrets(const struct config *cfg, struct checks *k)
{
	struct stat	 st;
	const char	*path;
	size_t		 i;

	for (i = 0; i < sizeof(secret_keys) / sizeof(secret_keys[0]); i++) {
		path = *(char *const *)(const void *)((const char *)cfg +
		    secret_keys[i].off);
		if (path == NULL)
			continue;
		if (stat(path, &st) == -1)
			add(k, CHECK_ERROR, "%s %s: cannot be found",
			    secret_keys[i].key, path);
		else if (st.st_mode & (S_IRWXG | S_IRWXO))
			add(k, CHECK_WARNING, "%s %s: group or others may "
			    "read it (mode %04o)", secret_keys[i].key, path,
			    (unsigned int)(st.st_mode & 07777));
		else
			add(k, CHECK_OK, "%s %s: owner only",
			    secret_keys[i].key, path);
	}
	if (cfg->metrics_token_file == NULL)
		add(k, CHECK_WARNING, "metrics_token_file not set: /metrics "
		    "answers signed-in central IT only");
}

/*
 * shikaku.conf as loaded, every tenant, the page tables against the
 * catalogues of r and the migrations of sqldir, into k (emptied first).
 * Loading itself is checked by config_load() and tenants_load_cfg(): a
 * configuration that fails them never gets here.
 */
void
config_check(const struct config *cfg, const struct tenants *ts,
    const struct render *r, struct checks *k)
{
	struct migrations	*ms;
	char			 err[256];
	size_t			 i;

	k->n = k->errors = k->warnings = 0;
	add(k, CHECK_OK, "%s: read", cfg->path != NULL ? cfg->path :
	    "shikaku.conf");
	add(k, CHECK_OK, "%zu tenants", ts->n);
	for (i = 0; i < ts->n; i++)
		if (ts->t[i].disabled)
			add(k, CHECK_WARNING, "tenant %s: disabled (its hosts "
			    "answer 503)", ts->t[i].slug);
	if (page_tables_check(r, err, sizeof(err)) == -1)
		add(k, CHECK_ERROR, "page tables: %s", err);
	else
		add(k, CHECK_OK, "page tables: every page has its handlers, "
		    "roles and menu messages");
	check_secrets(cfg, k);
	if ((ms = migrations_scan(cfg->sqldir, 0)) == NULL)
		add(k, CHECK_ERROR, "sqldir %s: cannot be read", cfg->sqldir);
	else
		add(k, CHECK_OK, "sqldir %s: %zu migrations", cfg->sqldir,
		    ms->n);
	migrations_free(ms);
}
