/*
 * shikakud.c — the FastCGI daemon: parse flags, hand over to the pool.
 * As the program's main it is the one core file that names the layers
 * above (service.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "ctx.h"
#include "directory.h"
#include "log.h"
#include "mail.h"
#include "pool.h"
#include "service.h"
#include "worker.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/usr/local/etc"
#endif

static void
usage(void)
{
	fprintf(stderr, "usage: shikakud [-dn] [-f shikaku.conf]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	const char	*conf = SYSCONFDIR "/shikaku/shikaku.conf";
	struct app	 a;
	char		 err[512];
	int		 ch, check = 0, debug = 0, rc;

	while ((ch = getopt(argc, argv, "df:n")) != -1)
		switch (ch) {
		case 'd':
			debug = 1;
			break;
		case 'f':
			conf = optarg;
			break;
		case 'n':
			check = 1;
			break;
		default:
			usage();
		}
	if (optind != argc)
		usage();
	log_init("shikakud", debug);
	/* The layers core runs but does not include (service.h). */
	services.mailer_main = mailer_main;
	services.dir_open = dir_open;
	services.dir_close = dir_close;
	xmlInitParser();
	if (check) {
		/* Everything a worker loads, loaded once and thrown away. */
		rc = app_open(&a, conf, err, sizeof(err));
		if (rc == -1)
			fprintf(stderr, "shikakud: %s\n", err);
		else
			app_close(&a);
		return rc == -1 ? 1 : 0;
	}
	return pool_run(conf);
}
