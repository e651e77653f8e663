/* scoreboard.c — worker states and request counters in shared memory. */
#include <sys/mman.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "scoreboard.h"

static const int statuses[SB_NSTATUS - 1] = {
	200, 301, 302, 303, 304, 400, 401, 403, 404, 405, 409, 410, 413,
	429, 500, 502, 503,
};
static const double buckets[SB_NBUCKET] = {
	0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10,
};
static const char *const state_names[] = {
	"free", "starting", "idle", "busy", "stopping",
};

int64_t
mono_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct scoreboard *
sb_create(void)
{
	struct scoreboard	*sb;

	sb = mmap(NULL, sizeof(*sb), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sb == MAP_FAILED)
		return NULL;
	memset(sb, 0, sizeof(*sb));
	snprintf(sb->slug[SB_SLOT_OPS], sizeof(sb->slug[0]), "_ops");
	snprintf(sb->slug[SB_SLOT_NONE], sizeof(sb->slug[0]), "_unknown");
	return sb;
}

/*
 * Give each tenant a slot, keeping the slot of a slug seen before so a
 * reload never moves counters from one tenant to another.
 */
void
sb_set_tenants(struct scoreboard *sb, const struct tenants *ts)
{
	size_t	 i;
	int	 s;

	for (i = 0; i < ts->n; i++) {
		if (sb_slot_of(sb, ts->t[i].slug) != SB_SLOT_NONE)
			continue;
		for (s = 0; s < TENANT_MAX; s++)
			if (sb->slug[s][0] == '\0') {
				snprintf(sb->slug[s], sizeof(sb->slug[s]),
				    "%s", ts->t[i].slug);
				break;
			}
	}
}

int
sb_slot_of(const struct scoreboard *sb, const char *slug)
{
	int	 s;

	for (s = 0; s < TENANT_MAX; s++)
		if (strcmp(sb->slug[s], slug) == 0)
			return s;
	return SB_SLOT_NONE;
}

void
sb_count(struct scoreboard *sb, int slot, int status, uint64_t us)
{
	int	 i, si = SB_NSTATUS - 1;

	for (i = 0; i < SB_NSTATUS - 1; i++)
		if (statuses[i] == status)
			si = i;
	if (slot < 0 || slot >= SB_SLOTS)
		slot = SB_SLOT_NONE;
	__atomic_fetch_add(&sb->req[slot][si], 1, __ATOMIC_RELAXED);
	for (i = 0; i < SB_NBUCKET; i++)
		if ((double)us / 1e6 <= buckets[i])
			break;
	__atomic_fetch_add(&sb->hist[i], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&sb->dur_sum_us, us, __ATOMIC_RELAXED);
	__atomic_fetch_add(&sb->dur_count, 1, __ATOMIC_RELAXED);
}

/*
 * The dependencies' health as of at most SB_HEALTH_MS ago: probe(arg,
 * ok) fills ok[SB_HEALTH_DEPS] when the shared result is older, and only
 * in the one worker that wins the claim; the others (and every caller
 * while a probe is under way) copy the previous result.  A probe that
 * has run for longer than SB_HEALTH_MS is taken as lost (its worker was
 * killed) and may be claimed again.  With no previous result at all,
 * the caller probes itself rather than answer a guess.
 */
void
sb_health(struct scoreboard *sb, int64_t now, sb_probe_fn probe, void *arg,
    int *ok)
{
	struct sb_health	*h = &sb->health;
	int64_t			 at, claim;
	int			 i, fresh, won = 0;

	at = __atomic_load_n(&h->at_ms, __ATOMIC_ACQUIRE);
	fresh = at != 0 && now - at < SB_HEALTH_MS;
	if (!fresh) {
		claim = __atomic_load_n(&h->probing, __ATOMIC_RELAXED);
		won = (claim == 0 || now - claim >= SB_HEALTH_MS) &&
		    __atomic_compare_exchange_n(&h->probing, &claim, now, 0,
		    __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
	}
	if (fresh || (!won && at != 0)) {
		for (i = 0; i < SB_HEALTH_DEPS; i++)
			ok[i] = __atomic_load_n(&h->ok[i], __ATOMIC_RELAXED);
	} else {
		probe(arg, ok);
		if (won) {
			for (i = 0; i < SB_HEALTH_DEPS; i++)
				__atomic_store_n(&h->ok[i], ok[i],
				    __ATOMIC_RELAXED);
			/* Stamped after the probe: fresh from now on. */
			__atomic_store_n(&h->at_ms, mono_ms(),
			    __ATOMIC_RELEASE);
			__atomic_store_n(&h->probing, 0, __ATOMIC_RELEASE);
		}
	}
}

/* Prometheus text exposition format 0.0.4. */
int
sb_metrics(const struct scoreboard *sb, struct buf *b)
{
	uint64_t	 cum = 0, v;
	int		 s, i, n[5] = { 0 };

	buf_puts(b, "# HELP shikaku_requests_total Requests by tenant and "
	    "status.\n# TYPE shikaku_requests_total counter\n");
	for (s = 0; s < SB_SLOTS; s++) {
		if (sb->slug[s][0] == '\0')
			continue;
		for (i = 0; i < SB_NSTATUS; i++) {
			v = __atomic_load_n(&sb->req[s][i], __ATOMIC_RELAXED);
			if (v == 0)
				continue;
			if (i < SB_NSTATUS - 1)
				buf_printf(b, "shikaku_requests_total{tenant="
				    "\"%s\",status=\"%d\"} %llu\n",
				    sb->slug[s], statuses[i],
				    (unsigned long long)v);
			else
				buf_printf(b, "shikaku_requests_total{tenant="
				    "\"%s\",status=\"other\"} %llu\n",
				    sb->slug[s], (unsigned long long)v);
		}
	}
	buf_puts(b, "# HELP shikaku_request_duration_seconds Time from "
	    "accept to the last byte.\n"
	    "# TYPE shikaku_request_duration_seconds histogram\n");
	for (i = 0; i <= SB_NBUCKET; i++) {
		cum += __atomic_load_n(&sb->hist[i], __ATOMIC_RELAXED);
		if (i < SB_NBUCKET)
			buf_printf(b, "shikaku_request_duration_seconds_bucket"
			    "{le=\"%g\"} %llu\n", buckets[i],
			    (unsigned long long)cum);
		else
			buf_printf(b, "shikaku_request_duration_seconds_bucket"
			    "{le=\"+Inf\"} %llu\n", (unsigned long long)cum);
	}
	buf_printf(b, "shikaku_request_duration_seconds_sum %.6f\n"
	    "shikaku_request_duration_seconds_count %llu\n",
	    (double)sb->dur_sum_us / 1e6,
	    (unsigned long long)sb->dur_count);
	for (i = 0; i < SB_WORKERS; i++)
		if (sb->w[i].pid > 0 && sb->w[i].state > 0 &&
		    sb->w[i].state < 5)
			n[sb->w[i].state]++;
	buf_puts(b, "# HELP shikaku_workers Workers by state.\n"
	    "# TYPE shikaku_workers gauge\n");
	for (i = 1; i < 5; i++)
		buf_printf(b, "shikaku_workers{state=\"%s\"} %d\n",
		    state_names[i], n[i]);
	buf_printf(b, "# HELP shikaku_worker_restarts_total Workers replaced "
	    "after dying.\n# TYPE shikaku_worker_restarts_total counter\n"
	    "shikaku_worker_restarts_total %llu\n"
	    "# HELP shikaku_worker_recycled_total Workers replaced after "
	    "max_requests.\n# TYPE shikaku_worker_recycled_total counter\n"
	    "shikaku_worker_recycled_total %llu\n"
	    "# HELP shikaku_request_timeouts_total Workers ended for "
	    "request_timeout.\n# TYPE shikaku_request_timeouts_total counter\n"
	    "shikaku_request_timeouts_total %llu\n"
	    "# HELP shikaku_reloads_total Configuration reloads.\n"
	    "# TYPE shikaku_reloads_total counter\n"
	    "shikaku_reloads_total %llu\n",
	    (unsigned long long)sb->restarts,
	    (unsigned long long)sb->recycled,
	    (unsigned long long)sb->timeouts,
	    (unsigned long long)sb->reloads);
	return 0;
}
