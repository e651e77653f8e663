/*
 * password_policy.c — the password policy (CORE-9), one function every
 * path that sets a password calls: password_policy_check().
 *
 * The project's own rules, in this order:
 *   - at least PW_MIN (10) characters, counted as characters;
 *   - at least two kinds of lower case, upper case, digits, and other
 *     characters (symbols, kana, kanji...);
 *   - at least PW_DISTINCT (5) different characters;
 *   - not containing the login identifier, the mail address or its
 *     local part (each when at least 4 characters; any case);
 *   - not the current password.
 * Then the dictionary (libpwquality with cracklib's word list, see
 * docs/libraries.md): the password as typed, and its "stem", since
 * cracklib alone lets through a word with a few digits or symbols
 * around it (password12345) or letters swapped for look-alikes
 * (P@ssw0rd2024).  The stem is the password without the digits and
 * symbols at either end, look-alikes read back as letters, lower case.
 *
 * libpwquality runs with its compiled-in defaults and dictionary, not
 * /etc/security/pwquality.conf: the portal's rules are the same on
 * every host.  If the dictionary cannot be read the password is
 * refused (err.password-unavailable) and the cause logged: a policy
 * that silently stops checking is worse than a retry later.
 */
#include <pwquality.h>
#include <string.h>
#include <strings.h>

#include "account.h"
#include "log.h"

#define PW_MAXCP	256
#define STEM_MAX	128

/* Does s contain needle (ASCII case-insensitive), needle >= 4 bytes? */
static int
contains_ci(const char *s, const char *needle, size_t nlen)
{
	size_t	 i, slen = strlen(s);

	if (needle == NULL || nlen < 4 || nlen > slen)
		return 0;
	for (i = 0; i + nlen <= slen; i++)
		if (strncasecmp(s + i, needle, nlen) == 0)
			return 1;
	return 0;
}

/* The project's own rules (the top of this file), first broken or NULL. */
static const char *
password_rules(const char *pw, const char *ident, const char *mail,
    const char *current)
{
	const unsigned char	*p = (const unsigned char *)pw;
	unsigned int		 cp[PW_MAXCP], v;
	size_t			 n = 0, i, j, distinct = 0;
	int			 lower = 0, upper = 0, digit = 0, other = 0;
	const char		*at, *key = NULL;

	while (*p != '\0' && n < PW_MAXCP) {
		if (*p < 0x80)
			v = *p++;
		else {
			/* Any multi-byte sequence: lead byte and continuations. */
			v = *p++;
			while ((*p & 0xc0) == 0x80)
				v = v << 6 | (*p++ & 0x3f);
		}
		if (v >= 'a' && v <= 'z')
			lower = 1;
		else if (v >= 'A' && v <= 'Z')
			upper = 1;
		else if (v >= '0' && v <= '9')
			digit = 1;
		else
			other = 1;
		cp[n++] = v;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && cp[j] != cp[i]; j++)
			;
		distinct += j == i;
	}
	if (n < PW_MIN)
		key = "err.password-length";
	else if (lower + upper + digit + other < 2)
		key = "err.password-classes";
	else if (distinct < PW_DISTINCT)
		key = "err.password-repeat";
	else if ((ident != NULL && contains_ci(pw, ident, strlen(ident))) ||
	    (mail != NULL && contains_ci(pw, mail, strlen(mail))) ||
	    (mail != NULL && (at = strchr(mail, '@')) != NULL &&
	    contains_ci(pw, mail, (size_t)(at - mail))))
		key = "err.password-ident";
	else if (current != NULL && strcmp(pw, current) == 0)
		key = "err.password-same";
	return key;
}

/* Look-alikes read back as letters (two readings of "1"). */
static const struct {
	char	 from;
	char	 to[3];
} leet[] = {
	{ '0', "oo" }, { '1', "il" }, { '3', "ee" }, { '4', "aa" },
	{ '5', "ss" }, { '7', "tt" }, { '8', "bb" }, { '@', "aa" },
	{ '$', "ss" }, { '!', "ii" }, { '|', "ll" }, { '+', "tt" },
};

static int
is_alpha(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/*
 * The stem of pw in reading r (0 or 1, see leet[]): 1 if there is one
 * worth a dictionary look-up (ASCII, differs from pw), else 0.
 */
int
password_stem(const char *pw, int r, char *out, size_t len)
{
	const unsigned char	*b = (const unsigned char *)pw, *e;
	size_t			 i, n = 0;
	int			 rc = 0;

	for (e = b; *e != '\0'; e++)
		if (*e >= 0x80)
			goto out;
	while (b < e && !is_alpha(*b))
		b++;
	while (e > b && !is_alpha(e[-1]))
		e--;
	if ((size_t)(e - b) >= len)
		goto out;
	for (; b < e; b++) {
		out[n] = (char)(*b >= 'A' && *b <= 'Z' ? *b - 'A' + 'a' : *b);
		for (i = 0; i < sizeof(leet) / sizeof(leet[0]); i++)
			if (leet[i].from == (char)*b)
				out[n] = leet[i].to[r];
		n++;
	}
	out[n] = '\0';
	rc = n > 0 && strcmp(out, pw) != 0;
out:
	if (!rc && len > 0)
		out[0] = '\0';
	return rc;
}

/*
 * The message key for a refusal of libpwquality: why, in words a
 * member understands.  cracklib says which rule in its aux text.
 */
static const char *
pwq_key(int rc, void *aux)
{
	const char	*msg = rc == PWQ_ERROR_CRACKLIB_CHECK ? aux : NULL;

	if (rc == PWQ_ERROR_PALINDROME)
		return "err.password-palindrome";
	if (rc == PWQ_ERROR_MEM_ALLOC || rc == PWQ_ERROR_FATAL_FAILURE)
		return "err.password-unavailable";
	if (msg == NULL)
		return "err.password-guessable";
	if (strstr(msg, "dictionary word") != NULL)
		return "err.password-dictionary";
	if (strstr(msg, "simplistic") != NULL)
		return "err.password-systematic";
	if (strstr(msg, "DIFFERENT") != NULL)
		return "err.password-repeat";
	if (strstr(msg, "dictionary") != NULL) {
		/* "error loading dictionary": the word list is missing. */
		log_err("password policy: cracklib: %s", msg);
		return "err.password-unavailable";
	}
	return "err.password-guessable";
}

/*
 * The dictionary's verdict on pw (and on its stems): NULL or a key.
 * A stem shorter than libpwquality's minimum (6) is not looked up.
 */
static const char *
dictionary_check(const char *pw)
{
	pwquality_settings_t	*s;
	void			*aux = NULL;
	char			 stem[STEM_MAX];
	const char		*key = NULL;
	int			 rc, r;

	if ((s = pwquality_default_settings()) == NULL)
		return "err.password-unavailable";
	/* Length and kinds of characters are the project's rules above. */
	if (pwquality_set_int_value(s, PWQ_SETTING_MIN_LENGTH, 6) != 0 ||
	    pwquality_set_int_value(s, PWQ_SETTING_DICT_CHECK, 1) != 0) {
		key = "err.password-unavailable";
		goto out;
	}
	if ((rc = pwquality_check(s, pw, NULL, NULL, &aux)) < 0) {
		key = pwq_key(rc, aux);
		goto out;
	}
	for (r = 0; r < 2; r++) {
		if (!password_stem(pw, r, stem, sizeof(stem)))
			continue;
		aux = NULL;
		rc = pwquality_check(s, stem, NULL, NULL, &aux);
		/* Of the stem only the dictionary counts (not its length). */
		if (rc == PWQ_ERROR_CRACKLIB_CHECK &&
		    (key = pwq_key(rc, aux)) != NULL &&
		    strcmp(key, "err.password-dictionary") == 0)
			break;
		key = NULL;
	}
out:
	explicit_bzero(stem, sizeof(stem));
	pwquality_free_settings(s);
	return key;
}

/*
 * CORE-9: NULL when pw is acceptable, else the message key of the
 * first rule it breaks (see the top of this file).  ident is the login
 * identifier (registration or member number), mail the address; both
 * and current may be NULL.
 */
const char *
password_policy_check(const char *pw, const char *ident, const char *mail,
    const char *current)
{
	const char	*key;

	if ((key = password_rules(pw, ident, mail, current)) == NULL)
		key = dictionary_check(pw);
	return key;
}
