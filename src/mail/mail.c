/*
 * mail.c — mail (CORE-14) short of delivery: templates rendered into the
 * outbox, the encodings the mailer puts on the wire (RFC 5322 headers,
 * RFC 2047 encoded words, RFC 2045 base64), and the relay health check.
 *
 * A template is DATADIR/tenants/<slug>/mail/<name>.txt, else the shared
 * DATADIR/tenants/_shared/mail/<name>.txt: a first line "Subject: ...",
 * a blank line, then the body.  {{name}} is replaced by the caller's
 * variable or a built-in (tenant_name, tenant_name_en, base_url).  An
 * unknown placeholder is an error: a mail half filled in is worse than
 * none.  Templates are read on every call; mail is rare.
 *
 * Everything but mail_queue() and mail_ping() is pure and unit tested.
 */
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "clock.h"
#include "mail.h"
#include "scoreboard.h"
#include "tenant.h"

#define MAIL_VAR_MAX	64	/* characters in a placeholder's name */
#define MAIL_LINE	76	/* RFC 2045/2047 line limit */
#define MAIL_WORD	75	/* RFC 2047 encoded-word limit */

/* A template name becomes part of a path: [a-z0-9_], 1 to 64 bytes. */
int
mail_tmpl_valid(const char *s)
{
	size_t	 n;

	if (s == NULL)
		return 0;
	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
			return 0;
	return n > 0 && n <= 64;
}

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/*
 * An addr-spec we are willing to put on the envelope and in To:: a
 * dot-atom local part and a host name, printable ASCII only (we do not
 * speak SMTPUTF8), so nothing in it can end a header or an SMTP
 * command.  Quoted local parts and address literals are refused.
 */
int
mail_addr_valid(const char *s)
{
	static const char	 atext[] = "!#$%&'*+-/=?^_`{|}~.";
	const char		*at, *p;
	size_t			 len, label;

	if (s == NULL || (len = strlen(s)) == 0 || len > MAIL_ADDR_MAX)
		return 0;
	if ((at = strchr(s, '@')) == NULL || at == s || at - s > 64 ||
	    at[1] == '\0')
		return 0;
	for (p = s; p < at; p++)
		if (!is_alnum((unsigned char)*p) &&
		    strchr(atext, *p) == NULL)
			return 0;
	if (s[0] == '.' || at[-1] == '.' || strstr(s, "..") != NULL)
		return 0;
	label = 0;
	for (p = at + 1; *p != '\0'; p++) {
		if (*p == '.') {
			if (label == 0 || p[-1] == '-')
				return 0;
			label = 0;
		} else if (is_alnum((unsigned char)*p) ||
		    (*p == '-' && label > 0))
			label++;
		else
			return 0;
	}
	return label > 0 && p[-1] != '-';
}

static const char *
var_get(const char *const *vars, const char *name, size_t len)
{
	for (; vars != NULL && vars[0] != NULL && vars[1] != NULL; vars += 2)
		if (strlen(vars[0]) == len && memcmp(vars[0], name, len) == 0)
			return vars[1];
	return NULL;
}

/*
 * Copy s[0..len) to out with every {{name}} replaced.  In the subject a
 * value holding CR or LF is refused: it would end the header and start
 * others.  Errors name the placeholder, never the value, which may be a
 * temporary password.
 */
static int
expand(const char *s, size_t len, const char *const *vars, int subject,
    struct buf *out, char *err, size_t errlen)
{
	const char	*p = s, *end = s + len, *o, *c, *v;
	size_t		 n, i;
	int		 rc = -1;

	while (p < end) {
		if ((o = memmem(p, (size_t)(end - p), "{{", 2)) == NULL) {
			if (buf_append(out, p, (size_t)(end - p)) == -1)
				goto out;
			break;
		}
		if (buf_append(out, p, (size_t)(o - p)) == -1)
			goto out;
		o += 2;
		c = memmem(o, (size_t)(end - o), "}}", 2);
		n = c != NULL ? (size_t)(c - o) : 0;
		for (i = 0; i < n && i <= MAIL_VAR_MAX; i++)
			if (!is_alnum((unsigned char)o[i]) && o[i] != '_')
				break;
		if (n == 0 || i != n || n > MAIL_VAR_MAX) {
			snprintf(err, errlen, "%s: malformed placeholder at "
			    "byte %zu", subject ? "subject" : "body",
			    (size_t)(o - 2 - s));
			goto out;
		}
		if ((v = var_get(vars, o, n)) == NULL) {
			snprintf(err, errlen, "unknown placeholder {{%.*s}}",
			    (int)n, o);
			goto out;
		}
		if (subject && strpbrk(v, "\r\n") != NULL) {
			snprintf(err, errlen, "{{%.*s}} holds a line break "
			    "and is used in the subject", (int)n, o);
			goto out;
		}
		if (buf_puts(out, v) == -1)
			goto out;
		p = c + 2;
	}
	rc = 0;
out:
	return rc;
}

/*
 * Render a template held in memory: subject and body into their
 * buffers (both NUL-terminated on success).  Returns 0, or -1 with err
 * set; on error the buffers hold nothing useful.
 */
int
mail_render(const char *src, size_t len, const char *const *vars,
    struct buf *subj, struct buf *body, char *err, size_t errlen)
{
	const char	*p = src, *end = src + len, *nl, *s;
	size_t		 slen, i;
	int		 rc = -1;

	buf_reset(subj);
	buf_reset(body);
	/* Some editors start UTF-8 files with a byte order mark. */
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	if (memchr(p, '\0', (size_t)(end - p)) != NULL ||
	    !utf8_valid(p, (size_t)(end - p))) {
		snprintf(err, errlen, "template is not UTF-8 text");
		goto out;
	}
	if (end - p < 8 || strncmp(p, "Subject:", 8) != 0) {
		snprintf(err, errlen, "template must start with "
		    "\"Subject: \"");
		goto out;
	}
	p += 8;
	if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
		snprintf(err, errlen, "template has no body");
		goto out;
	}
	for (s = p, slen = (size_t)(nl - p); slen > 0 &&
	    (*s == ' ' || *s == '\t'); s++, slen--)
		;
	while (slen > 0 && (s[slen - 1] == '\r' || s[slen - 1] == ' ' ||
	    s[slen - 1] == '\t'))
		slen--;
	p = nl + 1;
	if (p < end && *p == '\r')
		p++;
	if (p >= end || *p != '\n') {
		snprintf(err, errlen, "a blank line must follow the Subject: "
		    "line");
		goto out;
	}
	p++;
	if (expand(s, slen, vars, 1, subj, err, errlen) == -1 ||
	    expand(p, (size_t)(end - p), vars, 0, body, err, errlen) == -1)
		goto out;
	/* Make sure both are allocated, even when empty. */
	if (buf_append(subj, "", 0) == -1 || buf_append(body, "", 0) == -1)
		goto out;
	if (subj->len == 0) {
		snprintf(err, errlen, "empty subject");
		goto out;
	}
	for (i = 0; i < subj->len; i++)
		if ((unsigned char)subj->data[i] < 0x20 ||
		    subj->data[i] == 0x7f) {
			snprintf(err, errlen, "control character in the "
			    "subject");
			goto out;
		}
	if (!utf8_valid(subj->data, subj->len) ||
	    !utf8_valid(body->data, body->len)) {
		snprintf(err, errlen, "a value is not UTF-8");
		goto out;
	}
	if (utf8_chars(subj->data, subj->len) > MAIL_SUBJECT_MAX) {
		snprintf(err, errlen, "subject longer than %d characters",
		    MAIL_SUBJECT_MAX);
		goto out;
	}
	rc = 0;
out:
	return rc;
}

/*
 * Read DATADIR/tenants/<dir>/mail/<tmpl>.txt into b.  Returns 1 read,
 * 0 no such file (the caller falls back), -1 error.
 */
static int
tmpl_read(const char *datadir, const char *dir, const char *tmpl,
    struct buf *b, char *err, size_t errlen)
{
	char	 path[PATH_MAX], chunk[4096];
	ssize_t	 n;
	int	 fd = -1, rc = -1;

	buf_reset(b);
	if ((size_t)snprintf(path, sizeof(path), "%s/tenants/%s/mail/%s.txt",
	    datadir, dir, tmpl) >= sizeof(path)) {
		snprintf(err, errlen, "template path too long");
		goto out;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			rc = 0;
		else
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	for (;;) {
		if ((n = read(fd, chunk, sizeof(chunk))) == -1) {
			if (errno == EINTR)
				continue;
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (b->len + (size_t)n > MAIL_TMPL_MAX) {
			snprintf(err, errlen, "%s: larger than %d bytes", path,
			    MAIL_TMPL_MAX);
			goto out;
		}
		if (buf_append(b, chunk, (size_t)n) == -1)
			goto out;
	}
	rc = 1;
out:
	if (fd != -1)
		close(fd);
	return rc;
}

/*
 * The source of the tenant's template (or the shared one) into src, as
 * mail_prepare() reads it: for the admin's template list and preview
 * (ADM-1).  1 read, 0 no such template, -1 error.
 */
int
mail_tmpl_source(const struct tenant *t, const char *datadir,
    const char *tmpl, struct buf *src, char *err, size_t errlen)
{
	int	 r;

	if (!mail_tmpl_valid(tmpl))
		return 0;
	if ((r = tmpl_read(datadir, t->slug, tmpl, src, err, errlen)) == 0)
		r = tmpl_read(datadir, "_shared", tmpl, src, err, errlen);
	return r;
}

/*
 * Load the tenant's template (or the shared one) and render it with the
 * built-ins and the caller's variables.  The built-ins come first, so a
 * caller's variable cannot change the tenant's name.
 */
int
mail_prepare(const struct tenant *t, const char *datadir,
    const char *base_url, const char *tmpl, const char *const *vars,
    struct buf *subj, struct buf *body, char *err, size_t errlen)
{
	struct buf	  src = { NULL, 0, 0 };
	const char	**all = NULL;
	size_t		  n, i = 0;
	int		  r, rc = -1;

	if (!mail_tmpl_valid(tmpl)) {
		snprintf(err, errlen, "bad template name");
		goto out;
	}
	if ((r = tmpl_read(datadir, t->slug, tmpl, &src, err, errlen)) == 0)
		r = tmpl_read(datadir, "_shared", tmpl, &src, err, errlen);
	if (r == 0)
		snprintf(err, errlen, "no template %s", tmpl);
	if (r != 1)
		goto out;
	for (n = 0; vars != NULL && vars[n] != NULL && vars[n + 1] != NULL;
	    n += 2)
		;
	if ((all = calloc(n + 7, sizeof(*all))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	all[i++] = "tenant_name";
	all[i++] = t->name_ja;
	all[i++] = "tenant_name_en";
	all[i++] = t->name_en;
	if (base_url != NULL) {
		all[i++] = "base_url";
		all[i++] = base_url;
	}
	if (n > 0)
		memcpy(all + i, vars, n * sizeof(*all));
	rc = mail_render(src.data, src.len, all, subj, body, err, errlen);
out:
	free(all);
	buf_free(&src);
	return rc;
}

/*
 * Render and INSERT into the outbox.  No BEGIN or COMMIT here: the
 * caller writes the mail in the transaction of the action it reports,
 * so a rolled-back action sends nothing (CORE-14).
 */
static int
queue(struct db *d, const struct tenant *t, const char *datadir,
    const char *base_url, const char *tmpl, const char *rcpt,
    const char *const *vars, int secret)
{
	struct buf	 subj = { NULL, 0, 0 }, body = { NULL, 0, 0 };
	const char	*name = mail_tmpl_valid(tmpl) ? tmpl : "-";
	char		 err[256];
	int		 rc = -1;

	if (!mail_addr_valid(rcpt)) {
		log_err("tenant=%s template=%s: recipient is not an address",
		    t->slug, name);
		goto out;
	}
	if (mail_prepare(t, datadir, base_url, tmpl, vars, &subj, &body, err,
	    sizeof(err)) == -1) {
		log_err("tenant=%s template=%s: %s", t->slug, name, err);
		goto out;
	}
	if (dbq_outbox_put(d, t, tmpl, rcpt, subj.data, body.data,
	    secret) <= 0) {
		log_err("tenant=%s template=%s: cannot queue", t->slug, name);
		goto out;
	}
	rc = 1;
out:
	/* The body may hold a temporary password: leave no copy behind. */
	if (body.data != NULL)
		explicit_bzero(body.data, body.cap);
	buf_free(&subj);
	buf_free(&body);
	return rc;
}

int
mail_queue(struct db *d, const struct tenant *t, const char *datadir,
    const char *base_url, const char *tmpl, const char *rcpt,
    const char *const *vars)
{
	return queue(d, t, datadir, base_url, tmpl, rcpt, vars, 0);
}

int
mail_queue_secret(struct db *d, const struct tenant *t, const char *datadir,
    const char *base_url, const char *tmpl, const char *rcpt,
    const char *const *vars)
{
	return queue(d, t, datadir, base_url, tmpl, rcpt, vars, 1);
}

/* ---- encoding -------------------------------------------------------- */

/*
 * Base64 (RFC 2045) of p[0..len), appended to out; with linelen > 0
 * (a multiple of 4), lines of at most linelen characters, each ended
 * by CRLF.
 */
int
mail_base64(struct buf *out, const void *p, size_t len, size_t linelen)
{
	static const char	 tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char	*s = p;
	unsigned long		 v;
	size_t			 i, col = 0;
	char			 q[4];
	int			 rc = -1;

	for (i = 0; i < len; i += 3) {
		v = (unsigned long)s[i] << 16;
		if (i + 1 < len)
			v |= (unsigned long)s[i + 1] << 8;
		if (i + 2 < len)
			v |= s[i + 2];
		q[0] = tab[(v >> 18) & 63];
		q[1] = tab[(v >> 12) & 63];
		q[2] = i + 1 < len ? tab[(v >> 6) & 63] : '=';
		q[3] = i + 2 < len ? tab[v & 63] : '=';
		if (linelen > 0 && col + 4 > linelen) {
			if (buf_append(out, "\r\n", 2) == -1)
				goto out;
			col = 0;
		}
		if (buf_append(out, q, 4) == -1)
			goto out;
		col += 4;
	}
	if (linelen > 0 && col > 0 && buf_append(out, "\r\n", 2) == -1)
		goto out;
	rc = 0;
out:
	return rc;
}

/*
 * Append s as RFC 2047 encoded words, "=?UTF-8?B?...?=", the current
 * header line being at column col.  Words are folded onto continuation
 * lines ("\r\n ") so no line passes 76 columns and no word 75
 * characters, and split only between characters: decoders join
 * adjacent encoded words without the white space between them.
 * Returns the column after the last word, or 0 on error.
 */
size_t
mail_words(struct buf *out, size_t col, const char *s)
{
	size_t	 len = strlen(s), off = 0, room, n;

	while (off < len) {
		/* Room for the markers and one 4-byte character? */
		if (col + 12 + 8 > MAIL_LINE) {
			if (buf_append(out, "\r\n ", 3) == -1)
				return 0;
			col = 1;
		}
		room = MAIL_LINE - col;
		if (room > MAIL_WORD)
			room = MAIL_WORD;
		n = (room - 12) / 4 * 3;
		if (n >= len - off)
			n = len - off;
		else
			while (n > 0 && ((unsigned char)s[off + n] & 0xc0) ==
			    0x80)
				n--;
		if (buf_append(out, "=?UTF-8?B?", 10) == -1 ||
		    mail_base64(out, s + off, n, 0) == -1 ||
		    buf_append(out, "?=", 2) == -1)
			return 0;
		col += 12 + (n + 2) / 3 * 4;
		off += n;
		if (off < len)
			col = MAIL_LINE;	/* fold before the next word */
	}
	return col;
}

/* RFC 5322 date in local time, spelt out so no locale can change it. */
void
mail_date(char *out, size_t len, time_t t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	static const char *const mons[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm	 tm;

	/* Japan time, as members read it, whatever the host's zone. */
	jst_tm(t, &tm);
	snprintf(out, len, "%s, %02d %s %04d %02d:%02d:%02d +0900",
	    days[tm.tm_wday % 7], tm.tm_mday, mons[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int
header_safe(const char *s)
{
	return s != NULL && *s != '\0' && strpbrk(s, "\r\n") == NULL;
}

/*
 * The whole message as it goes to the relay: headers, a blank line,
 * the body in canonical form (CRLF line ends, RFC 2045 §6.8) encoded as
 * base64 in 76-column lines.  Base64 rather than 8bit: no relay on the
 * way can mangle the Japanese text, and no body line can be "." alone.
 */
int
mail_message(struct buf *out, const struct mail_msg *m)
{
	struct buf	 body = { NULL, 0, 0 };
	const char	*p;
	size_t		 n, col;
	int		 e = 0, rc = -1;

	if (!mail_addr_valid(m->from) || !mail_addr_valid(m->to) ||
	    !header_safe(m->date) || !header_safe(m->msgid) ||
	    !header_safe(m->subject) || m->body == NULL ||
	    (m->from_name != NULL && strpbrk(m->from_name, "\r\n") != NULL))
		goto out;
	e |= buf_printf(out, "Date: %s\r\n", m->date);
	if (m->from_name != NULL && *m->from_name != '\0') {
		e |= buf_puts(out, "From: ");
		if ((col = mail_words(out, 6, m->from_name)) == 0)
			goto out;
		if (col + 3 + strlen(m->from) > MAIL_LINE)
			e |= buf_puts(out, "\r\n");
		e |= buf_printf(out, " <%s>\r\n", m->from);
	} else
		e |= buf_printf(out, "From: %s\r\n", m->from);
	e |= buf_printf(out, "To: %s\r\n", m->to);
	e |= buf_puts(out, "Subject: ");
	if (mail_words(out, 9, m->subject) == 0)
		goto out;
	e |= buf_printf(out, "\r\nMessage-ID: %s\r\n", m->msgid);
	e |= buf_puts(out, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    /* RFC 3834: no vacation replies to a notification. */
	    "Auto-Submitted: auto-generated\r\n"
	    "\r\n");
	for (p = m->body; *p != '\0'; p += n) {
		n = strcspn(p, "\r\n");
		e |= buf_append(&body, p, n);
		if (p[n] == '\r' && p[n + 1] == '\n')
			n++;
		if (p[n] != '\0') {
			e |= buf_append(&body, "\r\n", 2);
			n++;
		}
	}
	if (e != 0 || mail_base64(out, body.data, body.len, MAIL_LINE) == -1)
		goto out;
	rc = 0;
out:
	if (body.data != NULL)
		explicit_bzero(body.data, body.cap);
	buf_free(&body);
	return rc;
}

/*
 * Seconds before the next try, given the attempts made so far (at least
 * one): 60, 120, 240, ... up to an hour, so a relay that is down for a
 * while is not hammered and MAIL_MAX_ATTEMPTS spans about two hours.
 */
long long
mail_retry_delay(int attempts)
{
	if (attempts < 0)
		attempts = 0;
	if (attempts >= 7)
		return MAIL_RETRY_CAP;
	return (30LL << attempts) < MAIL_RETRY_CAP ? 30LL << attempts :
	    MAIL_RETRY_CAP;
}

/* ---- health check ---------------------------------------------------- */

/* "smtp://host:port" (port defaults to 25). */
int
smtp_url_parse(const char *url, char *host, size_t hlen, int *port)
{
	const char	*p, *colon;
	size_t		 n;

	if (strncmp(url, "smtp://", 7) != 0)
		return -1;
	p = url + 7;
	n = strcspn(p, "/");
	colon = memchr(p, ':', n);
	*port = 25;
	if (colon != NULL) {
		*port = atoi(colon + 1);
		n = (size_t)(colon - p);
	}
	if (n == 0 || n >= hlen || *port <= 0 || *port > 65535)
		return -1;
	memcpy(host, p, n);
	host[n] = '\0';
	return 0;
}

/*
 * Wait for fd to become ready for events, up to the deadline (mono_ms()
 * time); 1 if it did, 0 if not.
 */
static int
wait_ready(int fd, short events, int64_t deadline)
{
	struct pollfd	 pfd;
	int64_t		 left;
	int		 n = -1;

	pfd.fd = fd;
	pfd.events = events;
	pfd.revents = 0;
	while ((left = deadline - mono_ms()) > 0 &&
	    (n = poll(&pfd, 1, (int)left)) == -1 && errno == EINTR)
		;
	return n == 1 && (pfd.revents & events) != 0;
}

/*
 * Is the relay there: does it greet with 220?  The whole check, connect
 * included, is bounded by MAIL_PING_MS: a relay that drops our SYNs, or
 * accepts and never speaks, must not hold a worker for the kernel's two
 * minutes of retries.  (A host name is resolved first, unbounded; use an
 * address or a local resolver.)
 */
int
mail_ping(const struct config *cfg)
{
	struct addrinfo	 hints, *ai = NULL;
	char		 host[256], port[8], banner[64];
	int		 fd = -1, p, rc = -1, soerr;
	socklen_t	 slen = sizeof(soerr);
	int64_t		 deadline = mono_ms() + MAIL_PING_MS;
	ssize_t		 n;

	if (smtp_url_parse(cfg->smtp_url, host, sizeof(host), &p) == -1)
		goto out;
	snprintf(port, sizeof(port), "%d", p);
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	if (getaddrinfo(host, port, &hints, &ai) != 0)
		goto out;
	if ((fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0)) == -1)
		goto out;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == -1) {
		if (errno != EINPROGRESS || !wait_ready(fd, POLLOUT,
		    deadline) || getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr,
		    &slen) == -1 || soerr != 0)
			goto out;
	}
	if (!wait_ready(fd, POLLIN, deadline))
		goto out;
	if ((n = read(fd, banner, sizeof(banner) - 1)) < 3)
		goto out;
	banner[n] = '\0';
	if (strncmp(banner, "220", 3) == 0) {
		(void)write(fd, "QUIT\r\n", 6);
		rc = 1;
	}
out:
	if (fd != -1)
		close(fd);
	if (ai != NULL)
		freeaddrinfo(ai);
	return rc;
}
