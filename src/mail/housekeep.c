/*
 * housekeep.c — expired sessions, kept POSTs, throttle windows, password
 * reset links, registration drafts (with their orphaned licence images)
 * and unconfirmed contact address changes are deleted by the mailer
 * process once a minute, in small batches so no request waits on a long
 * DELETE; the outbox bodies that carried a secret are emptied after each
 * tenant's mail_secret_days; reviewers are reminded of applications
 * waiting longer than the tenant's review_remind_days (apply/
 * review_remind.c).  Several hosts may sweep at once: each
 * statement is idempotent.
 */
#include <stddef.h>

#include "db.h"
#include "dbq.h"
#include "feature.h"
#include "housekeep.h"
#include "log.h"
#include "mail.h"
#include "member_record.h"
#include "review.h"
#include "tenant.h"

void
housekeep(struct db *d, const struct config *cfg, const struct tenants *ts)
{
	static int	(*const sweeps[])(struct db *) = {
		dbq_session_reap,
		dbq_kept_reap,
		dbq_throttle_reap,
		dbq_reset_reap,
		dbq_email_change_reap,	/* member_record.h */
	};
	size_t		 i;

	for (i = 0; i < sizeof(sweeps) / sizeof(sweeps[0]); i++)
		if (sweeps[i](d) < 0)
			log_warn("sweep %zu failed", i);
	/* Each feature sweeps its own tables (struct feature). */
	for (i = 0; features[i] != NULL; i++)
		if (features[i]->sweep != NULL && features[i]->sweep(d) < 0)
			log_warn("sweep of %s failed", features[i]->name);
	for (i = 0; ts != NULL && i < ts->n; i++)
		if (dbq_outbox_purge(d, ts->t[i].slug,
		    ts->t[i].mail_secret_days) < 0)
			log_warn("outbox purge of %s failed", ts->t[i].slug);
	(void)review_remind(d, cfg, ts);
}
