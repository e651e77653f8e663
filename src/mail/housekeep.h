/* housekeep.h — removing what has expired, a little at a time. */
#ifndef SHIKAKU_HOUSEKEEP_H
#define SHIKAKU_HOUSEKEEP_H

#define HOUSEKEEP_MS	60000	/* how often the mailer sweeps */

struct config;
struct db;
struct tenants;

void	 housekeep(struct db *, const struct config *,
	    const struct tenants *);

#endif
