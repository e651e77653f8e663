/*
 * form.c — one validator for every form.  Each field type has a check;
 * lengths are counted in characters (UTF-8), never bytes, because the
 * limits printed on the screen are what members count.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "form.h"

static int
atoi_n(const char *s, int n)
{
	int	 v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* local@domain.tld, no spaces, one @, a dot in the domain. */
int
valid_email(const char *s)
{
	const char	*at = strchr(s, '@'), *p;

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    strlen(s) > 254)
		return 0;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' ||
		    *p == '"' || *p == ',' || *p == ';' || *p == '\\' ||
		    (unsigned char)*p >= 0x7f)
			return 0;
	p = strrchr(at + 1, '.');
	return p != NULL && p > at + 1 && p[1] != '\0' &&
	    strstr(at, "..") == NULL;
}

/* YYYY-MM-DD and a day that exists (Gregorian leap years). */
int
valid_date(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int	 y, m, d, i, leap;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = atoi_n(s, 4);
	m = atoi_n(s + 5, 2);
	d = atoi_n(s + 8, 2);
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Digits with optional hyphens and a leading +, 10..15 digits. */
int
valid_tel(const char *s)
{
	size_t	 digits = 0;

	if (*s == '+')
		s++;
	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (*s != '-')
			return 0;
	}
	return digits >= 10 && digits <= 15;
}

int
valid_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* A non-negative integer without leading zeros, at most 9 digits. */
int
valid_number(const char *s)
{
	return valid_digits(s) && strlen(s) <= 9 &&
	    (s[0] != '0' || s[1] == '\0');
}

/*
 * Furigana: katakana (U+30A0–U+30FF), hiragana (U+3040–U+309F), the
 * long-vowel mark and spaces (ASCII and U+3000).
 */
int
valid_kana(const char *p)
{
	const unsigned char	*s = (const unsigned char *)p;
	unsigned int		 cp;

	while (*s != '\0') {
		if (*s == ' ') {
			s++;
			continue;
		}
		if ((s[0] & 0xf0) != 0xe0 || (s[1] & 0xc0) != 0x80 ||
		    (s[2] & 0xc0) != 0x80)
			return 0;
		cp = (unsigned int)(s[0] & 0x0f) << 12 |
		    (unsigned int)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		if (!(cp >= 0x3040 && cp <= 0x30ff) && cp != 0x3000)
			return 0;
		s += 3;
	}
	return 1;
}

/*
 * The fields that are secret, declared once, by name: passwords (the
 * current one, a new one twice), TOTP and recovery codes, the CSRF
 * token and link tokens.  A secret is never echoed into a page
 * (form_model), never kept for later (kept.c) and never shown again
 * when a form comes back (the member types it again).  A field declared
 * F_PASSWORD must have one of these names (tests/unit/t_page.c checks
 * the forms pages declare).
 */
static const char *const secret_names[] = {
	"current", "password", "password2", "code", "otp", "recovery",
	"token", "t", "csrf",
};

int
form_secret(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL &&
	    i < sizeof(secret_names) / sizeof(secret_names[0]); i++)
		if (strcmp(name, secret_names[i]) == 0)
			return 1;
	return 0;
}

static size_t
default_max(enum ftype t)
{
	switch (t) {
	case F_EMAIL:
		return 254;
	case F_TEXTAREA:
		return 4000;
	case F_PASSWORD:
		return 128;
	default:
		return 200;
	}
}

/* Check one value; NULL when it passes, else the error key. */
const char *
form_check(const struct field *f, const char *v, size_t vlen)
{
	const char *const	*o;
	size_t			 max = f->max ? f->max : default_max(f->type);

	if (f->type == F_FILE)
		return f->required && vlen == 0 ? "err.required" : NULL;
	if (v == NULL || *v == '\0')
		return f->required ? "err.required" : NULL;
	if (!utf8_valid(v, vlen) || memchr(v, '\0', vlen) != NULL)
		return "err.format";
	if (utf8_chars(v, vlen) > max)
		return "err.too-long";
	switch (f->type) {
	case F_EMAIL:
		return valid_email(v) ? NULL : "err.email";
	case F_DATE:
		return valid_date(v) ? NULL : "err.date";
	case F_TEL:
		return valid_tel(v) ? NULL : "err.tel";
	case F_NUMBER:
		return valid_number(v) ? NULL : "err.number";
	case F_DIGITS:
		return valid_digits(v) ? NULL : "err.digits";
	case F_KANA:
		return valid_kana(v) ? NULL : "err.kana";
	case F_SELECT:
	case F_RADIO:
		for (o = f->options; o != NULL && *o != NULL; o++)
			if (strcmp(*o, v) == 0)
				return NULL;
		return "err.choice";
	case F_CHECKBOX:
		return strcmp(v, "1") == 0 ? NULL : "err.choice";
	default:
		break;
	}
	/* Control characters never belong in a one-line field. */
	for (; *v != '\0'; v++)
		if ((unsigned char)*v < 0x20 && !(f->type == F_TEXTAREA &&
		    (*v == '\n' || *v == '\r' || *v == '\t')))
			return "err.format";
	return NULL;
}

int
form_validate(const struct field *fs, size_t n, const struct kvlist *in,
    struct form_result *res)
{
	const struct kv	*e;
	const char	*k;
	size_t		 i;

	res->nerr = 0;
	for (i = 0; i < n; i++) {
		e = kv_get(in, fs[i].name);
		/* A text field must not arrive as a file, nor a file as text. */
		if (e != NULL && (fs[i].type == F_FILE) != (e->filename != NULL))
			k = "err.format";
		else
			k = form_check(&fs[i], e ? e->val : NULL,
			    e ? e->vlen : 0);
		if (k != NULL && res->nerr < FORM_MAXERR) {
			res->err[res->nerr].field = fs[i].name;
			res->err[res->nerr].key = k;
			res->nerr++;
		}
	}
	return res->nerr == 0 ? 0 : -1;
}

static const char *const type_names[] = {
	"text", "email", "password", "date", "tel", "number", "text",
	"text", "textarea", "select", "radio", "checkbox", "file",
};

/*
 * The form as model: every field with its value (never a secret's),
 * its error, and the error summary under /page/errors.  Returns the
 * <form> node, for the caller's attributes (csrf, submit-key).
 */
xmlNodePtr
form_model(xmlNodePtr page, const char *id, const char *action,
    const struct field *fs, size_t n, const struct kvlist *vals,
    const struct form_result *res)
{
	xmlNodePtr	 form, f, errs = NULL, o;
	const char	*v;
	char		 num[24];
	size_t		 i, k;

	form = xmlNewChild(page, NULL, (const xmlChar *)"form", NULL);
	xmlSetProp(form, (const xmlChar *)"id", (const xmlChar *)id);
	xmlSetProp(form, (const xmlChar *)"action", (const xmlChar *)action);
	xmlSetProp(form, (const xmlChar *)"method", (const xmlChar *)"post");
	for (i = 0; i < n; i++) {
		f = xmlNewChild(form, NULL, (const xmlChar *)"field", NULL);
		xmlSetProp(f, (const xmlChar *)"name",
		    (const xmlChar *)fs[i].name);
		xmlSetProp(f, (const xmlChar *)"type",
		    (const xmlChar *)type_names[fs[i].type]);
		xmlSetProp(f, (const xmlChar *)"key",
		    (const xmlChar *)fs[i].key);
		if (fs[i].required)
			xmlSetProp(f, (const xmlChar *)"required",
			    (const xmlChar *)"1");
		snprintf(num, sizeof(num), "%zu", fs[i].max ? fs[i].max :
		    default_max(fs[i].type));
		xmlSetProp(f, (const xmlChar *)"max", (const xmlChar *)num);
		for (k = 0; fs[i].options && fs[i].options[k]; k++) {
			o = xmlNewTextChild(f, NULL,
			    (const xmlChar *)"option", NULL);
			xmlSetProp(o, (const xmlChar *)"value",
			    (const xmlChar *)fs[i].options[k]);
		}
		v = fs[i].type == F_PASSWORD || fs[i].type == F_FILE ||
		    form_secret(fs[i].name) ? NULL : kv_str(vals, fs[i].name);
		if (v != NULL)
			xmlNewTextChild(f, NULL, (const xmlChar *)"value",
			    (const xmlChar *)v);
		for (k = 0; res != NULL && k < res->nerr; k++) {
			if (strcmp(res->err[k].field, fs[i].name) != 0)
				continue;
			o = xmlNewChild(f, NULL, (const xmlChar *)"error",
			    NULL);
			xmlSetProp(o, (const xmlChar *)"key",
			    (const xmlChar *)res->err[k].key);
			if (errs == NULL)
				errs = xmlNewChild(page, NULL,
				    (const xmlChar *)"errors", NULL);
			o = xmlNewChild(errs, NULL, (const xmlChar *)"error",
			    NULL);
			xmlSetProp(o, (const xmlChar *)"field",
			    (const xmlChar *)fs[i].name);
			xmlSetProp(o, (const xmlChar *)"key",
			    (const xmlChar *)res->err[k].key);
		}
	}
	return form;
}

/* A hidden field in a form's model (a value carried through a step). */
void
form_hidden(xmlNodePtr form, const char *name, const char *val)
{
	xmlNodePtr	 h;

	if (form == NULL || val == NULL)
		return;
	h = xmlNewChild(form, NULL, (const xmlChar *)"field", NULL);
	xmlSetProp(h, (const xmlChar *)"name", (const xmlChar *)name);
	xmlSetProp(h, (const xmlChar *)"type", (const xmlChar *)"hidden");
	xmlNewTextChild(h, NULL, (const xmlChar *)"value", (const xmlChar *)val);
}

/* The <field> of a form's model, by name (to add hints, autocomplete…). */
xmlNodePtr
form_field(xmlNodePtr form, const char *name)
{
	xmlNodePtr	 n;
	xmlChar		*v;
	int		 hit;

	for (n = form ? form->children : NULL; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "field") != 0)
			continue;
		v = xmlGetProp(n, (const xmlChar *)"name");
		hit = v != NULL && strcmp((const char *)v, name) == 0;
		xmlFree(v);
		if (hit)
			return n;
	}
	return NULL;
}
