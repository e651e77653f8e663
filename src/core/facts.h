/*
 * facts.h — the member's feature facts (each feature's session_sql,
 * feature.h), kept by the worker under account.facts_ver.
 */
#ifndef SHIKAKU_FACTS_H
#define SHIKAKU_FACTS_H

struct ctx;

/*
 * c->sess's fvals and foff for its member: the worker's copy when
 * c->sess.facts_ver still matches it, else read (one statement) and
 * kept.  1 filled, 0 none (anonymous, no account), -1 database error.
 */
int	facts_load(struct ctx *);

#endif
