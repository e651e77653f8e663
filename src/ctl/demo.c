/*
 * demo.c — `shikakuctl demo load`: the demo data, placed around today's
 * date so every flow can be tried on the day the demo starts.  Loading
 * twice changes nothing but the dates.
 */
#include <stdio.h>
#include <string.h>

#include "credit.h"
#include "ctl.h"
#include "dbq.h"
#include "feature.h"
#include "tenant.h"

/*
 * Notices: feature "" goes to every tenant, else to tenants with it;
 * tenant, when set, names the one demo organization a notice is for
 * (the products it announces, certification, renewal and CME, are not
 * features yet, so no tenant.conf can name them).
 * They promise only what the site does (issue 7 item 26): the
 * certification, renewal and CME applications are not built yet, so
 * their notices say so instead of pointing at pages that do not exist.
 * A second load rewrites them (by ref).
 */
static const struct demo_notice {
	const char	*feature;
	const char	*tenant;	/* NULL: any */
	const char	*ref;
	int		 days_ago;
	const char	*title_ja, *title_en, *body_ja, *body_en;
} notices[] = {
	{ "", NULL, "welcome", 30,
	    "ポータルサイトを開設しました",
	    "The member portal is open",
	    "会員の皆さまは、ログインしてアカウント管理（パスワードの変更・"
	    "2段階認証の設定）をご利用いただけます。スマートフォンからも"
	    "ご利用いただけます。",
	    "Members can sign in and manage their account (password, "
	    "two-step verification), from a phone too." },
	{ "", NULL, "maintenance", 3,
	    "定期メンテナンスのお知らせ",
	    "Scheduled maintenance",
	    "毎月第2日曜日 2:00〜4:00 はメンテナンスのため一時的に"
	    "ご利用いただけない場合があります。",
	    "The site may be briefly unavailable on the second Sunday of "
	    "each month, 2:00–4:00 JST." },
	{ "recruit", NULL, "recruit-open", 1,
	    "専攻医募集（1次募集）の応募受付を開始しました",
	    "First-round recruitment of residents is open",
	    "応募期間内に研修プログラムを選択して応募してください。"
	    "1回の募集で応募できるプログラムは1つです。",
	    "Choose one training program and apply within the application "
	    "period. One program per round." },
	{ "", "palliative", "certify-first", 5,
	    "新規専門医 一次申請について",
	    "First-stage applications for new specialists",
	    "オンラインでの一次申請は準備中です。受付を開始するときは、"
	    "このお知らせでご案内します。",
	    "Online first-stage applications are not open yet; a notice "
	    "here will say when they open." },
	{ "", "oncology", "renewal-window", 7,
	    "専門医資格更新申請について",
	    "Specialist renewal applications",
	    "オンラインでの更新申請は準備中です。受付を開始するときは、"
	    "このお知らせでご案内します。",
	    "Online renewal applications are not open yet; a notice here "
	    "will say when they open." },
	{ "", "medassoc", "cme-ledger", 10,
	    "生涯教育単位の確認について",
	    "Checking your CME credits",
	    "取得単位をこのサイトで確認できるよう準備を進めています。"
	    "ご利用いただけるようになりましたら、このお知らせでご案内します。",
	    "Checking your credits on this site is being prepared; a notice "
	    "here will say when it is ready." },
};

static const char terms_ja[] =
    "第1条（目的）\n本規約は、本会が提供する会員ポータル（以下「本システム」）の"
    "利用条件を定めるものです。\n\n"
    "第2条（アカウント）\n利用者は、自己のログインIDおよびパスワードを適切に管理し、"
    "第三者に利用させてはなりません。\n\n"
    "第3条（登録情報）\n利用者は、登録した情報に変更があった場合、速やかに"
    "本システムで変更の手続きを行うものとします。\n\n"
    "第4条（個人情報）\n本会は、登録された個人情報を、専門医制度の運営および"
    "会員への連絡の目的に限って利用します。\n\n"
    "第5条（禁止事項）\n虚偽の申請、他人へのなりすまし、本システムの運営を"
    "妨げる行為を禁止します。";
static const char terms_en[] =
    "1. These terms govern the use of this member portal.\n"
    "2. Keep your login ID and password to yourself.\n"
    "3. Keep your registered information up to date.\n"
    "4. Personal data is used only to run the certification system and "
    "to contact members.\n"
    "5. False applications, impersonation and disrupting the system are "
    "forbidden.";

int
cmd_demo_load(struct ctl *c, int argc, char **argv)
{
	const struct tenant	*t;
	size_t			 i, k;
	int			 n = 0, rc = 0;

	(void)argc;
	(void)argv;
	if (cmd_tenant_sync(c, 0, NULL) != 0)
		return 1;
	for (i = 0; i < c->tenants->n; i++) {
		t = &c->tenants->t[i];
		if (dbq_terms_put(c->db, t->slug, 1, terms_ja, terms_en) < 0)
			rc = 1;
		for (k = 0; k < sizeof(notices) / sizeof(notices[0]); k++) {
			const struct demo_notice *dn = &notices[k];
			if ((dn->feature[0] != '\0' &&
			    !tenant_has_feature(t, dn->feature)) ||
			    (dn->tenant != NULL &&
			    strcmp(dn->tenant, t->slug) != 0))
				continue;
			if (dbq_notice_put(c->db, t->slug, dn->ref,
			    dn->days_ago, dn->title_ja, dn->title_en,
			    dn->body_ja, dn->body_en) < 0)
				rc = 1;
			else
				n++;
		}
	}
	fprintf(stderr, "demo load: %d notices\n", n);
	/* The accounts go to stdout: scripts/stack keeps them for the README. */
	if (demo_accounts(c, stdout) < 0)
		rc = 1;
	/* Each feature loads its own demo data (struct feature). */
	for (i = 0; features[i] != NULL; i++)
		if (features[i]->demo != NULL)
			rc |= features[i]->demo(c) < 0;
	/* The credit service's generic events (a platform service: its
	 * loader takes the database, not struct ctl). */
	for (i = 0; i < c->tenants->n; i++)
		if (tenant_has_feature(&c->tenants->t[i], CREDIT_FEATURE))
			rc |= credit_demo(c->db, &c->tenants->t[i]) < 0;
	return rc;
}
