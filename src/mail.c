/*
 * mail.c — SMTP.  mail_ping() answers the health check: can we reach
 * the relay and does it greet us with 220?
 */
#include <sys/socket.h>

#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "mail.h"

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

int
mail_ping(const struct config *cfg)
{
	struct addrinfo	 hints, *ai = NULL;
	struct pollfd	 pfd;
	char		 host[256], port[8], banner[64];
	int		 fd = -1, p, rc = -1;
	ssize_t		 n;

	if (smtp_url_parse(cfg->smtp_url, host, sizeof(host), &p) == -1)
		goto out;
	snprintf(port, sizeof(port), "%d", p);
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &ai) != 0)
		goto out;
	if ((fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    connect(fd, ai->ai_addr, ai->ai_addrlen) == -1)
		goto out;
	pfd.fd = fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 3000) != 1)
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
