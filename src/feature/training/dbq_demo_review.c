/*
 * dbq_demo_review.c — the review chain's demo residents (demo_review.c):
 * accepted into a demo program as the recruitment would have accepted
 * them, by a copy of an accepted application of that program (its round
 * and year), once.
 */
#include "db.h"
#include "training.h"

/* uid accepted into the program of code: >0 made, 0 was already, <0. */
int
dbq_training_demo_accept(struct db *d, const char *tenant, const char *uid,
    const char *code)
{
	return db_exec(d, "INSERT INTO application (tenant, round_id, year, "
	    "uid, program_id, system, state, live, created_at, decided_at) "
	    "SELECT a.tenant, a.round_id, a.year, ?, a.program_id, a.system, "
	    "'accepted', 1, a.created_at, a.decided_at FROM application a "
	    "JOIN program p ON p.id = a.program_id WHERE a.tenant = ? AND "
	    "p.code = ? AND a.state = 'accepted' AND NOT EXISTS (SELECT 1 "
	    "FROM application x WHERE x.tenant = a.tenant AND x.uid = ? AND "
	    "x.state = 'accepted') ORDER BY a.id LIMIT 1", "ssss", uid,
	    tenant, code, uid);
}
