/* t_conf.c — the configuration parser and the shikaku.conf table (OPS-1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "tests.h"

struct seen {
	int	 n;
	char	 last[64];
};

static int
cb(const char *k, const char *v, int line, void *arg, char *err,
    size_t errlen)
{
	struct seen	*s = arg;

	(void)line; (void)err; (void)errlen;
	s->n++;
	snprintf(s->last, sizeof(s->last), "%s=%s", k, v);
	return 0;
}

static void
t_parse(void)
{
	struct seen	 s = { 0, "" };
	char		 err[128];
	const char	*ok = "# c\n\n  workers =  4  \nname_ja=デモ=x\r\n";

	CU_ASSERT_EQUAL(conf_parse(ok, strlen(ok), cb, &s, err, sizeof(err)),
	    0);
	CU_ASSERT_EQUAL(s.n, 2);
	CU_ASSERT_STRING_EQUAL(s.last, "name_ja=デモ=x");
}

static void
t_parse_errors(void)
{
	static const char *const bad[] = { "novalue\n", "= x\n",
	    "Bad-Key = 1\n", "k = \xff\n" };
	struct seen	 s = { 0, "" };
	char		 err[128];
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(conf_parse(bad[i], strlen(bad[i]), cb, &s, err,
		    sizeof(err)), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 1"));
	}
}

static struct config *
load(const char *text, char *err, size_t errlen)
{
	char		 path[] = "/tmp/shikaku-conf-XXXXXX";
	struct config	*c;
	int		 fd;

	if ((fd = mkstemp(path)) == -1)
		return NULL;
	(void)write(fd, text, strlen(text));
	close(fd);
	c = config_load(path, err, errlen);
	unlink(path);
	return c;
}

static void
t_config(void)
{
	struct config	*c;
	char		 err[256];

	c = load("workers = 3\nmax_body = 2M\nlisten_mode = 0666\n", err,
	    sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->workers, 3);
	CU_ASSERT_EQUAL(c->max_body, 2 * 1024 * 1024);
	CU_ASSERT_EQUAL(c->listen_mode, 0666);
	CU_ASSERT_STRING_EQUAL(c->db_name, "shikaku");	/* default */
	config_free(c);
	CU_ASSERT_PTR_NULL(load("workers = 0\n", err, sizeof(err)));
	CU_ASSERT_PTR_NULL(load("workers = many\n", err, sizeof(err)));
	CU_ASSERT_PTR_NULL(load("wrokers = 2\n", err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "unknown key"));
	CU_ASSERT_PTR_NULL(load("log = file\n", err, sizeof(err)));
}

int
suite_conf(void)
{
	static const struct utest t[] = {
		{ "parse key = value", t_parse },
		{ "errors carry the line", t_parse_errors },
		{ "shikaku.conf table and defaults", t_config },
		{ NULL, NULL },
	};
	return add_suite("conf", t);
}
