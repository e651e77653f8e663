/* mail.h — SMTP delivery of the outbox. */
#ifndef SHIKAKU_MAIL_H
#define SHIKAKU_MAIL_H

struct config;

int	 mail_ping(const struct config *);
int	 smtp_url_parse(const char *, char *, size_t, int *);

#endif
