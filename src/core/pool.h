/* pool.h — the master: socket, workers, signals, reloads. */
#ifndef SHIKAKU_POOL_H
#define SHIKAKU_POOL_H

int	 pool_run(const char *);
int	 pool_listen(const char *, int);

#endif
