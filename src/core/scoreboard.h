/*
 * scoreboard.h — shared memory between the master and its workers:
 * each worker's state and the request counters behind /metrics.
 * Counters are updated with atomic adds; nobody takes a lock.
 */
#ifndef SHIKAKU_SCOREBOARD_H
#define SHIKAKU_SCOREBOARD_H

#include <sys/types.h>

#include <stdint.h>

#include "buf.h"
#include "tenant.h"

#define SB_WORKERS	256
#define SB_SLOTS	(TENANT_MAX + 2)	/* tenants, ops, unknown host */
#define SB_SLOT_OPS	TENANT_MAX
#define SB_SLOT_NONE	(TENANT_MAX + 1)
#define SB_NSTATUS	18
#define SB_NBUCKET	12

/*
 * On a stop the workers serve what is queued in the socket for at most
 * stop_timeout / SB_DRAIN_SHARE: the rest is for the last request they
 * took to finish before the master's SIGKILL.
 */
#define SB_DRAIN_SHARE	2

enum sb_state { SB_FREE = 0, SB_STARTING, SB_IDLE, SB_BUSY, SB_STOPPING };

struct sb_worker {
	pid_t		 pid;
	int		 state;		/* enum sb_state */
	unsigned int	 gen;		/* configuration generation */
	uint64_t	 requests;
	int64_t		 started;	/* seconds, CLOCK_MONOTONIC */
	int64_t		 req_start_ms;	/* CLOCK_MONOTONIC, busy only */
	int		 recycled;	/* left after max_requests */
	int		 retiring;	/* reload: new workers take the queue */
};

/*
 * The last health check, shared by every worker so that a load balancer
 * polling /healthz costs one probe of each dependency per SB_HEALTH_MS,
 * not one per request.  `probing` is claimed with a compare-and-swap:
 * one worker probes, the others answer from the previous result.
 */
#define SB_HEALTH_MS	5000
#define SB_HEALTH_DEPS	3		/* database, directory, mail */

struct sb_health {
	int64_t		 at_ms;		/* mono_ms() of the last probe, or 0 */
	int64_t		 probing;	/* mono_ms() a probe started; 0: none */
	int		 ok[SB_HEALTH_DEPS];
};

struct scoreboard {
	uint64_t	 restarts;	/* workers replaced after dying */
	uint64_t	 recycled;	/* after max_requests */
	uint64_t	 timeouts;	/* ended for request_timeout */
	uint64_t	 reloads;
	int64_t		 drain_until_ms; /* stopping: queue served until */
	unsigned int	 gen;
	char		 slug[SB_SLOTS][33];
	uint64_t	 req[SB_SLOTS][SB_NSTATUS];
	uint64_t	 hist[SB_NBUCKET + 1];
	uint64_t	 dur_sum_us;
	uint64_t	 dur_count;
	struct sb_health health;
	struct sb_worker w[SB_WORKERS];
};

struct scoreboard *sb_create(void);
void		 sb_set_tenants(struct scoreboard *, const struct tenants *);
int		 sb_slot_of(const struct scoreboard *, const char *);
void		 sb_count(struct scoreboard *, int, int, uint64_t);
int		 sb_metrics(const struct scoreboard *, struct buf *);
int64_t		 mono_ms(void);

typedef void	(*sb_probe_fn)(void *, int *);
void		 sb_health(struct scoreboard *, int64_t, sb_probe_fn, void *,
		    int *);

#endif
