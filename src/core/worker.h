/* worker.h — one FastCGI worker process. */
#ifndef SHIKAKU_WORKER_H
#define SHIKAKU_WORKER_H

struct app;

int	 app_open(struct app *, const char *, char *, size_t);
void	 app_close(struct app *);
void	 worker_main(struct app *, int) __attribute__((noreturn));

#endif
