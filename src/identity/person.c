/*
 * person.c — a demo person by login number, found or made: the
 * directory entry with the demo password, the account row, a role.
 * Every demo loader (shikakuctl's, recruit's, training's) makes its
 * people through this one function.
 */
#include <stddef.h>
#include <stdio.h>

#include "account.h"
#include "db.h"
#include "directory.h"
#include "tenant.h"

/* 0 ok (out filled), -1 error. */
int
demo_person_ensure(struct db *db, struct dir *d, const struct tenant *t,
    const char *number, const char *mail, const char *name,
    const char *kana, const char *role, struct dir_user *out)
{
	char	 uid[DIR_UID_LEN + 1];
	int	 k, rc = -1;

	if ((k = dir_find_login(d, t, number, out)) < 0)
		goto out;
	if (k == 0) {
		if (dir_new_uid(uid, sizeof(uid)) == -1 ||
		    dir_add_user(d, t, uid, number, mail, name, kana,
		    DEMO_PASSWORD) != 1 || dir_find_login(d, t, number, out) != 1)
			goto out;
		(void)audit_log(db, t->slug, "ctl:demo", "demo.account",
		    out->uid, NULL, role);
	}
	if (account_ensure(db, t->slug, out->uid) < 0 ||
	    role_grant(db, t->slug, out->uid, role) < 0)
		goto out;
	rc = 0;
out:
	return rc;
}
