/*
 * directory.c — one LDAP connection per worker, bound as the portal's
 * service account.  Opened lazily and reopened after the server went
 * away, so a directory restart costs no worker.
 */
#include <stdlib.h>
#include <string.h>

#include <ldap.h>

#include "conf.h"
#include "directory.h"
#include "log.h"

struct dir {
	const struct config	*cfg;
	LDAP			*ld;
};

static int
dir_connect(struct dir *d)
{
	struct berval	 cred = { 0, NULL };
	struct timeval	 tv = { 3, 0 };
	char		*pw = NULL;
	int		 v3 = LDAP_VERSION3, rc = -1, lrc;

	if (ldap_initialize(&d->ld, d->cfg->ldap_uri) != LDAP_SUCCESS) {
		d->ld = NULL;
		goto out;
	}
	ldap_set_option(d->ld, LDAP_OPT_PROTOCOL_VERSION, &v3);
	ldap_set_option(d->ld, LDAP_OPT_NETWORK_TIMEOUT, &tv);
	ldap_set_option(d->ld, LDAP_OPT_TIMEOUT, &tv);
	ldap_set_option(d->ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
	if (d->cfg->ldap_bind_dn != NULL) {
		pw = read_secret(d->cfg->ldap_password_file);
		cred.bv_val = pw;
		cred.bv_len = pw ? strlen(pw) : 0;
	}
	lrc = ldap_sasl_bind_s(d->ld, d->cfg->ldap_bind_dn, LDAP_SASL_SIMPLE,
	    &cred, NULL, NULL, NULL);
	if (lrc != LDAP_SUCCESS) {
		log_warn("bind: %s", ldap_err2string(lrc));
		ldap_unbind_ext_s(d->ld, NULL, NULL);
		d->ld = NULL;
		goto out;
	}
	rc = 0;
out:
	if (pw != NULL) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
	return rc;
}

struct dir *
dir_open(const struct config *cfg)
{
	struct dir	*d;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	d->cfg = cfg;
	(void)dir_connect(d);
	return d;
}

void
dir_close(struct dir *d)
{
	if (d == NULL)
		return;
	if (d->ld != NULL)
		ldap_unbind_ext_s(d->ld, NULL, NULL);
	free(d);
}

/* Is the directory there?  A base search of the suffix answers. */
int
dir_ping(struct dir *d)
{
	LDAPMessage	*res = NULL;
	struct timeval	 tv = { 3, 0 };
	char		 noattr[] = "1.1", *attrs[] = { noattr, NULL };
	int		 attempt, lrc, rc = -1;

	for (attempt = 0; attempt < 2 && rc == -1; attempt++) {
		if (d->ld == NULL && dir_connect(d) == -1)
			break;
		lrc = ldap_search_ext_s(d->ld, d->cfg->ldap_base,
		    LDAP_SCOPE_BASE, "(objectClass=*)", attrs, 0, NULL, NULL,
		    &tv, 1, &res);
		ldap_msgfree(res);
		res = NULL;
		if (lrc == LDAP_SUCCESS)
			rc = 1;
		else {
			ldap_unbind_ext_s(d->ld, NULL, NULL);
			d->ld = NULL;
		}
	}
	return rc;
}

/* RFC 4515 escaping of a filter value; the caller frees the result. */
char *
dir_filter_escape(const char *in)
{
	struct berval	 bv, out = { 0, NULL };
	char		*s = NULL, *copy;

	if ((copy = strdup(in)) == NULL)
		return NULL;
	bv.bv_val = copy;
	bv.bv_len = strlen(in);
	if (ldap_bv2escaped_filter_value(&bv, &out) == 0) {
		s = strndup(out.bv_val, out.bv_len);
		ber_memfree(out.bv_val);
	}
	free(copy);
	return s;
}
