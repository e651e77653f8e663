/*
 * second.c — 専門医新規申請（二次申請） (PAL-5, PAL-10, PAL-11; seed 002
 * pages 7-15): the offering "second".  Its sections are
 * second_sections.c's; here is what makes it more than its sections:
 *
 *   - only after this year's 一次申請 and inside its window
 *     (certify_after_first(), pal1's: the seed gives both one sentence,
 *     「受付期間外、もしくは一次申請が未申請のため申請できません。」);
 *   - the requirement panel (認定要件4, 7, 8, 8), worked out from the
 *     records at every showing, never typed: approved case reports or
 *     the exemption, the seminar in the credit ledger, the date joined,
 *     this fiscal year's dues; each unmet one is a shortfall, so the
 *     server refuses the submission listing it;
 *   - the four 「本申請に7月時点の見込み実績を含む」 checkboxes and the
 *     dues' 「手続き中」, chosen on the top page right before 申請 (the
 *     top page keeps no draft) and stored in the submission's
 *     transaction before its snapshot (apply.h on_submit), so the
 *     snapshot and the PDF carry them (apply.h model).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "certify.h"
#include "certify_int.h"
#include "refcache.h"
#include "ctx.h"
#include "db.h"
#include "form.h"
#include "owncache.h"
#include "second.h"
#include "tenant.h"

extern const struct apply_section second_sections[], renewal_sections[];

/* The checkboxes' names, in the seed's order (sql/022_second.sql). */
const char *const second_expect[SECOND_EXPECT_N] = {
	"experience", "certificate", "achievements", "course"
};
#define DUES_PENDING	"dues_pending"

/*
 * The offerings built on these rules, and what each one's panel asks
 * (issue 11): 新規 and 移行 (seed 002 gives 移行 the same two stages,
 * windows and sentence as 新規) ask everything; 更新, for a specialist
 * (certify_specialist_only()), asks this fiscal year's dues and no July
 * expectations — the seed names no other rule of it.
 */
#define PANEL_ALL	((1u << SR__MAX) - 1)
static const struct {
	const char	*kind;
	unsigned int	 reqs;		/* 1 << enum second_req */
	int		 expect;	/* the July expectations asked */
} panels[] = {
	{ SECOND_KIND, PANEL_ALL, 1 },
	{ "transition-second", PANEL_ALL, 1 },
	{ "renewal", 1u << SR_DUES, 0 },
};

static unsigned int
panel_reqs(const struct apply_app *a, int *expect)
{
	size_t	 i;

	for (i = 0; i < sizeof(panels) / sizeof(panels[0]); i++)
		if (strcmp(panels[i].kind, a->kind) == 0)
			break;
	if (i == sizeof(panels) / sizeof(panels[0]))
		i = 0;
	if (expect != NULL)
		*expect = panels[i].expect;
	return panels[i].reqs;
}

/*
 * The member's facts for an application, read once per request however
 * many parts ask (the panel, the shortfalls, the snapshot): a worker
 * serves one request at a time, and c->seq names it.
 */
static struct {
	unsigned long long	 seq;
	long long		 app;
	char			 uid[65];
	struct second_facts	 f;
} memo;

static int
facts(struct ctx *c, const struct apply_app *a, struct second_facts *f)
{
	const char	*uid = a->uid[0] != '\0' ? a->uid : c->sess.uid;
	const struct dbres *kept;
	struct dbres	*fresh = NULL;
	char		 key[40];
	int		 k;

	if (memo.seq == c->seq && memo.seq != 0 && memo.app == a->id &&
	    strcmp(memo.uid, uid) == 0) {
		*f = memo.f;
		return 1;
	}
	/* The member's own, kept between requests (owncache.h). */
	snprintf(key, sizeof(key), "%lld/%d", a->id, a->win.year);
	if ((kept = owncache_get(c, uid, "second.facts", key)) == NULL)
		kept = fresh = dbq_second_facts_read(c->app->db,
		    c->tenant->slug, uid, a->win.year, a->id);
	k = dbq_second_facts_parse(kept, f);
	if (fresh != NULL)
		owncache_put(c, uid, "second.facts", key, fresh);
	if (k <= 0)
		return -1;
	memo.seq = c->seq;
	memo.app = a->id;
	snprintf(memo.uid, sizeof(memo.uid), "%s", uid);
	memo.f = *f;
	return 1;
}

/* A checkbox of the submission's POST. */
static int
posted(const struct ctx *c, const char *name)
{
	const char	*v;

	return strcmp(c->method, "POST") == 0 &&
	    (v = kv_str(&c->form, name)) != NULL && strcmp(v, "1") == 0;
}

/* The dues' 手続き中: as stored, or as the submission declares it. */
static void
facts_posted(const struct ctx *c, const struct apply_app *a,
    struct second_facts *f)
{
	if (apply_editable(a) && posted(c, DUES_PENDING))
		f->dues_pending = 1;
}

/* 認定要件 not met: the server refuses, listing each (PAL-11). */
static int
shortfalls(struct ctx *c, const struct apply_app *a,
    const struct apply_data *data, struct apply_shortfalls *sf)
{
	static const char *const keys[SR__MAX] = {
		"second.short.cases", "second.short.seminar",
		"second.short.member", "second.short.dues",
	};
	struct second_facts	 f;
	char			 arg[16];
	int			 r;

	(void)data;
	if (facts(c, a, &f) == -1)
		return -1;
	facts_posted(c, a, &f);
	for (r = 0; r < SR__MAX; r++) {
		if (!(panel_reqs(a, NULL) & 1u << r) ||
		    second_req_met(second_req_state(r, &f, a->win.year)))
			continue;
		snprintf(arg, sizeof(arg), "%d", r == SR_CASES ? f.cases :
		    r == SR_MEMBER ? second_member_years(f.joined,
		    a->win.year) : 0);
		apply_shortfall_add(sf, keys[r], arg);
	}
	return 0;
}

/*
 * <second year fy><requirement name key state count/>…
 * <expect name key checked/>…</second> after the sections: the panel
 * and what the submission stored (the page, the snapshot, the PDF).
 */
static int
model(struct ctx *c, xmlNodePtr parent, const struct apply_app *a)
{
	static const char *const names[SR__MAX] = {
		"cases", "seminar", "member", "dues"
	};
	static const char *const ekeys[SECOND_EXPECT_N] = {
		"second.expect.experience", "second.expect.certificate",
		"second.expect.achievements", "second.expect.course"
	};
	struct second_facts	 f;
	enum second_rstate	 st;
	xmlNodePtr		 n, r;
	unsigned int		 reqs;
	int			 i, expect;

	if (facts(c, a, &f) == -1)
		return -1;
	reqs = panel_reqs(a, &expect);
	n = model_node(parent, "second");
	model_attrf(n, "year", "%d", a->win.year);
	for (i = 0; i < SR__MAX; i++) {
		if (!(reqs & 1u << i))
			continue;
		st = second_req_state(i, &f, a->win.year);
		r = model_node(n, "requirement");
		model_attr(r, "name", names[i]);
		model_attr(r, "key", second_req_key(i));
		model_attr(r, "state", second_rstate_name(st));
		model_attr(r, "met", second_req_met(st) ? "1" : "0");
		if (i == SR_CASES)
			model_attrf(r, "count", "%d", f.cases);
		if (i == SR_MEMBER && f.joined[0] != '\0') {
			model_attr(r, "joined", f.joined);
			model_attrf(r, "years", "%d",
			    second_member_years(f.joined, a->win.year));
		}
	}
	for (i = 0; expect && i < SECOND_EXPECT_N; i++) {
		r = model_node(n, "expect");
		model_attr(r, "name", second_expect[i]);
		model_attr(r, "key", ekeys[i]);
		model_attr(r, "checked", f.expect[i] ? "1" : "0");
	}
	return 0;
}

/*
 * In the submission's transaction, before its snapshot: the four July
 * expectations and 手続き中 as the POST carries them (PAL-10).
 */
static int
on_submit(struct ctx *c, const struct apply_app *a)
{
	char			 now[CLOCK_SQL_LEN];
	int			 e[SECOND_EXPECT_N], i;

	for (i = 0; i < SECOND_EXPECT_N; i++)
		e[i] = posted(c, second_expect[i]);
	clock_now_sql(now, sizeof(now));
	if (dbq_second_expect_put(c->app->db, a->id, e,
	    posted(c, DUES_PENDING), now) < 0)
		return -1;
	/* The snapshot reads the facts again, with what was just stored. */
	memo.seq = 0;
	return 0;
}

static int
scope_office(struct db *d, const struct tenant *t,
    const struct apply_app *a, char *out, size_t len)
{
	(void)d; (void)t; (void)a;
	snprintf(out, len, "*");
	return 0;
}

/* The society's office (the tenant admin) reviews it, as 一次申請. */
static const struct apply_stage stages[] = {
	{ .name = "office", .title = "certify.stage.office",
	    .role = "tenant_admin", .scope = scope_office,
	    .who = "certify.who.office", .who_ja = "学会事務局" },
	{ .name = NULL },
};

/* The review queue's filter: 筆記試験受験希望地 (一次's first choice). */
static int
tag_options(struct ctx *c, xmlNodePtr parent)
{
	const struct dbres	*r;
	size_t			 i;

	if ((r = refcache_get(c, "certify.sites", dbq_certify_sites)) == NULL)
		return -1;
	for (i = 0; i < r->nrows; i++)
		model_attr(model_text(parent, "option", dbres_get(r, i,
		    SITE_COL_NAME)), "value", dbres_get(r, i, SITE_COL_CODE));
	return 0;
}

static struct dbres *
tag_uids(struct ctx *c, const char *site)
{
	return dbq_second_site_uids(c->app->db, c->tenant->slug, site);
}

/*
 * What 二次, 移行二次 and 更新 share: one review chain, panel-driven
 * shortfalls and model (panels[] says which lines each kind asks), the
 * print stylesheet, the July boxes kept at submit; the first two are also
 * filtered by exam site on /review.
 */
#define SECOND_COMMON \
	.feature = CERTIFY_FEATURE, .stages = stages, \
	.shortfalls = shortfalls, .print_xsl = "pdf/second.xsl", \
	.model = model, .on_submit = on_submit
#define SECOND_SITE_TAG \
	.tag_key = "second.tag.site", .tag_options = tag_options, \
	.tag_uids = tag_uids

const struct apply_offering certify_second = {
	.kind = SECOND_KIND,
	.title = "certify.kind.second",
	.name_ja = "専門医新規申請（二次申請）",
	.name_en = "Specialist certification: second stage",
	.number_prefix = "P2",
	.sections = second_sections,
	.eligible = certify_after_first,
	SECOND_COMMON,
	SECOND_SITE_TAG,
};

/*
 * 専門医移行申請（二次申請）: 新規's second stage by the same table —
 * sections, panel, July expectations, PDF, the exam-site filter — after
 * this year's 移行一次 (seed 002 gives it 新規's sentence).
 */
const struct apply_offering certify_transition_second = {
	.kind = "transition-second",
	.title = "certify.kind.transition-second",
	.name_ja = "専門医移行申請（二次申請）",
	.name_en = "Specialist transition: second stage",
	.number_prefix = "PT2",
	.sections = second_sections,
	.eligible = certify_after_transition_first,
	SECOND_COMMON,
	SECOND_SITE_TAG,
};

/*
 * 専門医更新申請: for a specialist (lapsed ones included), sections 1
 * 申請書・履歴書 and 3 業績書 of the same table (renewal_sections,
 * second_sections.c) and the panel's dues line (panels[] above).
 */
const struct apply_offering certify_renewal = {
	.kind = "renewal",
	.title = "certify.kind.renewal",
	.name_ja = "専門医更新申請",
	.name_en = "Specialist renewal",
	.number_prefix = "PR",
	.sections = renewal_sections,
	.eligible = certify_specialist_only,
	SECOND_COMMON,
};
