/*
 * directory.h — the OpenLDAP side of an account: identities and
 * passwords.  Layout (deploy/ldap/README):
 *
 *   uid=<uid>,ou=people,ou=<slug>,ou=tenants,<base>   a tenant's people
 *   uid=<uid>,ou=ops,<base>                            central IT
 *
 * People are inetOrgPerson: uid (internal, stable, never shown as a
 * login name), cn and displayName (full name, kana as the
 * ";lang-ja-x-phonetic" subtype), sn, givenName, mail, employeeNumber
 * (member number, or the medical registration number for login_id
 * regno).  A `const struct tenant *` of NULL means central IT.
 *
 * Return contract, as in the data layer: <0 error (directory down or
 * refused), 0 nothing (no such entry, wrong password, already exists),
 * >0 ok.  No function logs a password.
 */
#ifndef SHIKAKU_DIRECTORY_H
#define SHIKAKU_DIRECTORY_H

#include <stddef.h>

struct config;
struct dir;
struct tenant;

#define DIR_UID_LEN	9	/* 'm' + 8 base32 characters */

struct dir_user {
	char	dn[512];
	char	uid[65];
	char	mail[255];
	char	name[256];	/* displayName, else cn */
	char	number[65];	/* employeeNumber; "" for central IT */
};

/* dir_list() calls this per entry; a non-zero return stops the list. */
typedef int (*dir_user_cb)(const struct dir_user *, void *);

struct dir	*dir_open(const struct config *);
struct dir	*dir_open_as(const struct config *, const char *,
		    const char *);
void		 dir_close(struct dir *);
int		 dir_ping(struct dir *);

char		*dir_filter_escape(const char *);
char		*dir_filter_escape_bytes(const void *, size_t);
char		*dir_login_filter(const struct tenant *, const char *);

int		 dir_find_login(struct dir *, const struct tenant *,
		    const char *, struct dir_user *);
int		 dir_find_mail(struct dir *, const struct tenant *,
		    const char *, struct dir_user *);
int		 dir_get_uid(struct dir *, const struct tenant *,
		    const char *, struct dir_user *);
int		 dir_list(struct dir *, const struct tenant *, dir_user_cb,
		    void *);

int		 dir_check_password(struct dir *, const char *,
		    const char *);
int		 dir_set_password(struct dir *, const char *, const char *);
int		 dir_replace(struct dir *, const char *, const char *const *);
int		 dir_decoy(struct dir *, const char *);

#define DIR_DECOY_RDN	"uid=decoy"
int		 dir_change_password(struct dir *, const char *,
		    const char *, const char *);

int		 dir_add_user(struct dir *, const struct tenant *,
		    const char *, const char *, const char *, const char *,
		    const char *, const char *);
int		 dir_delete(struct dir *, const char *);
int		 dir_add_tenant(struct dir *, const char *);

int		 dir_uid_valid(const char *);
int		 dir_new_uid(char *, size_t);
int		 dir_gen_password(char *, size_t);

#endif
