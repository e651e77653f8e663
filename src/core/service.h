/*
 * service.h — what core runs but does not implement.  The master spawns
 * the mailer (mail/) and each worker holds a directory connection
 * (identity/); core reaches them only through these pointers, which the
 * program's main (shikakud.c, the one place that knows every layer)
 * fills before anything starts.  So no core file includes a header of
 * a higher layer (tests/layering).
 */
#ifndef SHIKAKU_SERVICE_H
#define SHIKAKU_SERVICE_H

struct config;
struct dir;

struct services {
	void		 (*mailer_main)(const struct config *);
	struct dir	*(*dir_open)(const struct config *);
	void		 (*dir_close)(struct dir *);
};

extern struct services services;	/* worker.c; NULL: none */

#endif
