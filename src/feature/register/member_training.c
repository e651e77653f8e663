/*
 * member_training.c — the board's part of 会員情報 (struct feature's member
 * hook): the member's past specialty training (専門研修歴), from the old
 * system at migration or typed by the member, which recruitment reads
 * (カリキュラム制).  The record itself is the platform's.
 */
#include <stddef.h>

#include "ctx.h"
#include "db.h"
#include "jp.h"
#include "member.h"

/* <training><period domain domain-name from to status source>
 * <facility/></period>…</training> under the page's <member>. */
int
member_training_model(struct ctx *c, xmlNodePtr parent)
{
	struct dbres	*r;
	xmlNodePtr	 t, p;
	const char	*l;
	size_t		 i;

	if ((r = dbq_training_list(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		return -1;
	t = model_node(parent, "training");
	for (i = 0; i < r->nrows; i++) {
		p = model_node(t, "period");
		model_attr(p, "domain", dbres_get(r, i, TRAINING_COL_DOMAIN));
		if ((l = jp_label(jp_domains, dbres_get(r, i,
		    TRAINING_COL_DOMAIN), ctx_en(c))) != NULL)
			model_attr(p, "domain-name", l);
		model_attr(p, "from", dbres_get(r, i, TRAINING_COL_FROM));
		model_attr(p, "to", dbres_get(r, i, TRAINING_COL_TO));
		model_attr(p, "status", dbres_get(r, i, TRAINING_COL_STATUS));
		model_attr(p, "source", dbres_get(r, i, TRAINING_COL_SOURCE));
		model_text(p, "facility", dbres_get(r, i,
		    TRAINING_COL_FACILITY));
	}
	dbres_free(r);
	return 0;
}
