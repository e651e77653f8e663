/*
 * fcgi-hello.c — the bare libfcgi hello-world that benchmarks compare
 * shikaku against, behind the same nginx: `fcgi-hello -s /path.sock`.
 */
#include <sys/prctl.h>
#include <sys/stat.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

int
main(int argc, char *argv[])
{
	FCGX_Request	 rq;
	const char	*path = NULL;
	int		 ch, fd, n = 1, i;

	/* -n: as many processes as shikakud has workers, for a fair ratio. */
	while ((ch = getopt(argc, argv, "n:s:")) != -1)
		if (ch == 's')
			path = optarg;
		else if (ch == 'n')
			n = atoi(optarg);
	if (path == NULL) {
		fprintf(stderr, "usage: fcgi-hello -s socket\n");
		return 2;
	}
	FCGX_Init();
	unlink(path);
	if ((fd = FCGX_OpenSocket(path, 1024)) < 0)
		return 1;
	chmod(path, 0666);
	for (i = 1; i < n; i++)
		if (fork() == 0) {
			/* Children go when the parent is stopped. */
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			break;
		}
	FCGX_InitRequest(&rq, fd, 0);
	while (FCGX_Accept_r(&rq) >= 0) {
		FCGX_FPrintF(rq.out, "Status: 200 OK\r\n"
		    "Content-Type: text/plain\r\n\r\nHello, world\n");
		FCGX_Finish_r(&rq);
	}
	return 0;
}
