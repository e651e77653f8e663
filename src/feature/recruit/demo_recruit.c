/*
 * demo_recruit.c — the recruitment part of `shikakuctl demo load`, for
 * every tenant with the feature "recruit", and `shikakuctl demo clock`.
 *
 * The catalogue: one program for each of the 19 basic domains in each
 * of the 47 prefectures, more in the large prefectures, and clinical
 * research course programs at university hospitals — each with a base
 * facility, partner facilities (names generated from tables, every one
 * starting with デモ like the tenants' names: 「デモ〇〇中央病院」「デモ
 * 医科大学〇〇病院」…; no pattern of a real hospital group — 赤十字,
 * 済生会, 労災, 都道府県立 — nor a real university's name after デモ),
 * instructors, places and a rotation plan.
 * Program directors with accounts (the demo director 398721 among
 * them), and about thirty applicants with member records in several
 * states.  The rounds sit around today so that the 1次募集 is open on
 * the day the demo starts, 2次募集 and 最終調整 follow, and the clinical
 * research course ran earlier and is already notified; last year's
 * rounds are over.
 *
 * Loading twice changes nothing but the rounds' dates: everything is
 * found by its natural key (program code, facility name, login number,
 * applicant and round) before it is made.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "clock.h"
#include "conf.h"
#include "ctl.h"
#include "db.h"
#include "directory.h"
#include "jp.h"
#include "recruit.h"
#include "tenant.h"

#define DEMO_DIRECTOR	"398721"	/* ctl_user.c's demo director */
#define DAY		86400

#define NF(a)	(sizeof(a) / sizeof((a)[0]))

/* A small deterministic mix, so every load makes the same catalogue. */
static unsigned int
mix(unsigned int a, unsigned int b, unsigned int salt)
{
	unsigned int	 h = a * 2654435761u ^ (b + 0x9e3779b9u + salt * 40503u);

	h ^= h >> 15;
	h *= 2246822519u;
	h ^= h >> 13;
	return h;
}

/* ---- names ---------------------------------------------------------------- */

/*
 * Base facilities; %s is the prefecture's stem.  The first is the
 * university hospital (the research course's base): the university is
 * デモ医科大学 itself, since 〇〇医科大学 is a real one for many a
 * prefecture.  Every name starts with デモ: demo data must never name
 * a real hospital (issue 7 item 27).
 */
static const char *const base_pats[] = {
	"デモ医科大学%s病院", "デモ%s中央病院", "デモ%s医療センター",
	"デモ%s第一病院", "デモ%s市民病院", "デモ%s総合病院",
};
static const char *const partner_pats[] = {
	"デモ%s北部医療センター", "デモ%s南部総合病院", "デモ%s東部病院",
	"デモ%s西部病院", "デモ%s第二病院", "デモ%s港町病院",
	"デモ%s記念病院", "デモ%sこども医療センター", "デモ%sがんセンター",
	"デモ%s精神医療センター", "デモ%sリハビリテーション病院",
	"デモ%s中央診療所",
};
static const char *const partner_roles[] = {
	"地域医療研修", "救急・集中治療", "専門領域研修", "外来研修",
	"へき地医療研修", "病棟研修",
};
static const char *const details[] = {
	"救命救急センター、地域医療支援病院。各診療科の専門医が在籍し、"
	"症例数が豊富です。",
	"地域の中核病院として、急性期から回復期まで幅広い症例を経験できます。",
	"へき地医療拠点病院。地域に根ざした医療を学べます。",
	"がん診療連携拠点病院。専門外来と多職種カンファレンスが充実しています。",
	"臨床研修指定病院。指導体制が整い、学会発表の支援を行っています。",
};
static const char *const surnames[] = {
	"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林",
	"加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林",
	"斎藤", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川",
};
static const char *const surnames_kana[] = {
	"サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ",
	"ヤマモト", "ナカムラ", "コバヤシ", "カトウ", "ヨシダ", "ヤマダ",
	"ササキ", "ヤマグチ", "マツモト", "イノウエ", "キムラ", "ハヤシ",
	"サイトウ", "シミズ", "ヤマザキ", "モリ", "イケダ", "ハシモト", "アベ",
	"イシカワ",
};
static const char *const given[] = {
	"翔太", "美咲", "大輝", "彩花", "健", "結衣", "拓也", "真由", "悠斗",
	"遥", "亮", "千尋", "直樹", "葵", "誠", "優子",
};
static const char *const given_kana[] = {
	"ショウタ", "ミサキ", "ダイキ", "アヤカ", "ケン", "ユイ", "タクヤ",
	"マユ", "ユウト", "ハルカ", "リョウ", "チヒロ", "ナオキ", "アオイ",
	"マコト", "ユウコ",
};

/* The prefecture's stem: 東京都 → 東京, 大阪府 → 大阪; 北海道 stays. */
static void
pref_stem(const struct jp_item *p, char *stem, size_t len)
{
	size_t	 n = strlen(p->ja);

	if (strcmp(p->ja, "北海道") == 0) {
		snprintf(stem, len, "%s", p->ja);
		return;
	}
	/* The last character (3 bytes): 県, 都 or 府. */
	snprintf(stem, len, "%.*s", (int)(n - 3), p->ja);
}

static void
base_name(const struct jp_item *p, int k, char *out, size_t len)
{
	char		 stem[32];

	pref_stem(p, stem, sizeof(stem));
	snprintf(out, len, base_pats[k % (int)NF(base_pats)], stem);
}

static void
partner_name(const struct jp_item *p, int k, char *out, size_t len)
{
	char		 stem[32];

	pref_stem(p, stem, sizeof(stem));
	snprintf(out, len, partner_pats[k % (int)NF(partner_pats)], stem);
}

/* Prefectures with more than one program per domain. */
static int
large_pref(const char *code)
{
	static const char *const big[] = { "01", "11", "12", "13", "14", "23",
	    "26", "27", "28", "40" };
	size_t	 i;

	for (i = 0; i < NF(big); i++)
		if (strcmp(code, big[i]) == 0)
			return 1;
	return 0;
}

/* ---- one program ---------------------------------------------------------- */

/*
 * A facility's address, beds and details: from its prefecture and the
 * pattern that named it only, so a facility shared by programs is the
 * same whichever program made it.
 */
static void
facility_attrs(const struct jp_item *p, int partner, int pat,
    struct facility_rec *f, char *addr, size_t len)
{
	static const char *const towns[] = { "中央", "本町", "栄町", "大手町",
	    "城北", "緑町" };
	char		 stem[32];
	const char	*city;
	unsigned int	 h = mix((unsigned)atoi(p->code), (unsigned)pat,
			    partner ? 11u : 5u);

	pref_stem(p, stem, sizeof(stem));
	city = strcmp(p->code, "13") == 0 ? "千代田区" :
	    strcmp(p->code, "01") == 0 ? "札幌市" : NULL;
	if (city != NULL)
		snprintf(addr, len, "%s%s%s%u-%u-%u", p->ja, city,
		    towns[h % NF(towns)], h / 7 % 9 + 1, h / 63 % 20 + 1,
		    h / 1260 % 30 + 1);
	else
		snprintf(addr, len, "%s%s市%s%u-%u-%u", p->ja, stem,
		    towns[h % NF(towns)], h / 7 % 9 + 1, h / 63 % 20 + 1,
		    h / 1260 % 30 + 1);
	f->prefecture = p->code;
	f->address = addr;
	f->beds = partner ? 80 + (long long)(h / 17 % 420) :
	    300 + (long long)(h / 17 % 700);
	f->kind = partner ? "partner" : "base";
	f->details = details[h / 29 % NF(details)];
}

struct demo_dir {
	char	 uid[65];
	char	 name[256];
};

/*
 * Program `seq` of domain d in prefecture p (track research for the
 * clinical research course): facilities, program, partners, rotations,
 * search index.  Returns the id, -1 on error.
 */
static long long
demo_program(struct ctl *c, const char *tenant, const struct jp_item *d,
    const struct jp_item *p, int seq, int research, const struct demo_dir *dir)
{
	struct facility_rec	 f;
	struct program_rec	 pr;
	char			 code[32], name[300], bname[200], pname[200];
	char			 addr[200], stem[32], desc[600], dname[64];
	unsigned int		 h;
	long long		 base, fid, pid;
	int			 di = atoi(d->code), pi = atoi(p->code), k, y;
	int			 npart, years;

	h = mix((unsigned)di, (unsigned)pi, (unsigned)seq + 7u * (unsigned)research);
	pref_stem(p, stem, sizeof(stem));
	/*
	 * The university hospital hosts the research course and seq 2;
	 * seq 1 and 3 have other (and different) bases.
	 */
	k = (int)(mix((unsigned)di, (unsigned)pi, 99) % (NF(base_pats) - 1));
	if (seq == 3)
		k = (k + 1 + (int)(h % (NF(base_pats) - 2))) %
		    (int)(NF(base_pats) - 1);
	k = research || seq == 2 ? 0 : k + 1;
	base_name(p, k, bname, sizeof(bname));
	memset(&f, 0, sizeof(f));
	f.name = bname;
	facility_attrs(p, 0, k, &f, addr, sizeof(addr));
	if ((base = dbq_facility_put(c->db, tenant, &f)) <= 0)
		return -1;

	years = research ? 5 : (di == 1 || di == 5 || di == 19 ? 3 :
	    3 + (int)(h % 3 == 0));
	if (research)
		snprintf(code, sizeof(code), "R%s-%s-%03d", d->code, p->code,
		    seq);
	else
		snprintf(code, sizeof(code), "%s-%s-%03d", d->code, p->code,
		    seq);
	if (research)
		snprintf(name, sizeof(name), "%s臨床研究医コース（%s）", bname,
		    d->ja);
	else
		snprintf(name, sizeof(name), "%s%s専門研修プログラム%s", bname,
		    d->ja, seq == 3 ? "（地域医療重点コース）" : "");
	snprintf(desc, sizeof(desc), "%sを基幹施設とし、%s内の連携施設と"
	    "協力して%sの専門研修を行います。%d年間で専門医取得に必要な"
	    "症例を経験できるよう、ローテーションを組んでいます。", bname,
	    p->ja, d->ja, years);
	if (dir == NULL)
		snprintf(dname, sizeof(dname), "%s %s",
		    surnames[h % NF(surnames)], given[h / 31 % NF(given)]);
	memset(&pr, 0, sizeof(pr));
	pr.code = code;
	pr.name = name;
	pr.domain = d->code;
	pr.prefecture = p->code;
	pr.track = research ? "research" : "regular";
	pr.director_uid = dir != NULL ? dir->uid : NULL;
	pr.director_name = dir != NULL ? dir->name : dname;
	pr.description = desc;
	pr.capacity = research ? 2 : 2 + (long long)(h % 8) +
	    (large_pref(p->code) ? 4 : 0);
	pr.instructors = 5 + (long long)(h / 7 % 36) +
	    (large_pref(p->code) ? 10 : 0);
	pr.years = years;
	pr.base_facility_id = base;
	if ((pid = dbq_program_put(c->db, tenant, -1, &pr)) <= 0)
		return -1;

	/* Partners: two to four, from the prefecture's pool. */
	npart = 2 + (int)(h / 11 % 3);
	for (k = 0; k < npart; k++) {
		int pat = (int)((h / 13 + (unsigned)k * 5) % NF(partner_pats));
		partner_name(p, pat, pname, sizeof(pname));
		memset(&f, 0, sizeof(f));
		f.name = pname;
		facility_attrs(p, 1, pat, &f, addr, sizeof(addr));
		if ((fid = dbq_facility_put(c->db, tenant, &f)) <= 0 ||
		    dbq_partner_put(c->db, tenant, pid, fid,
		    partner_roles[(h + (unsigned)k) % NF(partner_roles)],
		    k + 1) < 0)
			return -1;
		/* Rotation plan: year 1 half at the base, half here, … */
		if (k == 0 && (dbq_rotation_put(c->db, tenant, pid, 1, 1, base,
		    6, "基幹施設での基本研修") < 0 || dbq_rotation_put(c->db,
		    tenant, pid, 1, 2, fid, 6, partner_roles[h %
		    NF(partner_roles)]) < 0))
			return -1;
		if (k == 1 && dbq_rotation_put(c->db, tenant, pid, 2, 1, fid,
		    12, "連携施設での研修") < 0)
			return -1;
	}
	for (y = 3; y <= years; y++)
		if (dbq_rotation_put(c->db, tenant, pid, y, 1, base, 12,
		    research && y >= 2 ? "臨床研究（エフォートの50%以上）" :
		    "基幹施設での専門研修") < 0)
			return -1;
	return dbq_program_reindex(c->db, tenant, pid) < 0 ? -1 : pid;
}

/* ---- people ---------------------------------------------------------------- */

/*
 * A demo account by its login number: found, or made in the directory
 * with DEMO_PASSWORD; its account row and role.  0 ok, -1 error.
 */
static int
demo_person(struct ctl *c, struct dir *d, const struct tenant *t,
    const char *number, const char *mail, const char *name,
    const char *kana, const char *role, struct demo_dir *out)
{
	struct dir_user	 u;

	memset(out, 0, sizeof(*out));
	if (demo_person_ensure(c->db, d, t, number, mail, name, kana, role,
	    &u) == -1)
		return -1;
	snprintf(out->uid, sizeof(out->uid), "%s", u.uid);
	snprintf(out->name, sizeof(out->name), "%s", u.name[0] ? u.name : name);
	return 0;
}

/* ---- rounds ----------------------------------------------------------------- */

/* Noon (正午, as seed 001's times) of the day holding `day`, in JST. */
static void
at_noon(time_t day, char *out)
{
	jst_sql(day, out, CLOCK_SQL_LEN);
	memcpy(out + 11, "12:00:00", 8);
}

/*
 * The rounds of the recruitment year `year`, placed from `open1` (the
 * day the 1次募集 opens, at noon): 1次 → 2次 → 最終調整, and the clinical
 * research course some seven weeks before.  ids[] gets first, second,
 * final, research.  0, -1.
 */
static int
demo_rounds(struct ctl *c, const char *tenant, int year, time_t open1,
    long long ids[4])
{
	static const struct {
		const char	*track, *kind;
		int		 apply_open, apply_days, adjust_gap, adjust_days;
		int		 notify_gap, confirm_days;	/* -1: none */
	} plan[] = {
		/* As seed 001, in days from the 1次募集's opening. */
		{ "regular", "first", 0, 13, 2, 8, 5, 14 },
		{ "regular", "second", 30, 13, 1, 7, 3, 15 },
		{ "regular", "final", 69, 13, 1, 8, 1, -1 },
		{ "research", "first", -60, 21, 2, 7, 12, 45 },
	};
	struct rround	 r;
	size_t		 i;
	int		 t;

	for (i = 0; i < NF(plan); i++) {
		memset(&r, 0, sizeof(r));
		r.year = year;
		snprintf(r.track, sizeof(r.track), "%s", plan[i].track);
		snprintf(r.kind, sizeof(r.kind), "%s", plan[i].kind);
		t = plan[i].apply_open;
		at_noon(open1 + (time_t)t * DAY, r.apply_open);
		t += plan[i].apply_days;
		at_noon(open1 + (time_t)t * DAY, r.apply_close);
		t += plan[i].adjust_gap;
		at_noon(open1 + (time_t)t * DAY, r.adjust_open);
		t += plan[i].adjust_days;
		at_noon(open1 + (time_t)t * DAY, r.adjust_close);
		if (plan[i].confirm_days >= 0)
			at_noon(open1 + (time_t)t * DAY, r.confirm_open);
		t += plan[i].notify_gap;
		at_noon(open1 + (time_t)t * DAY, r.notify_at);
		if (plan[i].confirm_days >= 0)
			at_noon(open1 + (time_t)(t + plan[i].confirm_days) *
			    DAY, r.confirm_close);
		if ((ids[i] = dbq_round_put(c->db, tenant, &r)) <= 0)
			return -1;
	}
	return 0;
}

/* ---- applicants ----------------------------------------------------------- */

/*
 * The applicants: who they are and what they did.  round: 0 first,
 * 1 second, 2 final, 3 research (this year); 4 first, 5 second of last
 * year; -1 nothing yet.  program: an index into the director's codes.
 */
static const struct demo_applicant {
	int		 round;
	const char	*state;
	const char	*system;
	int		 program;
} applicants[] = {
	{ 0, "applied", "program", 0 }, { 0, "applied", "program", 0 },
	{ 0, "applied", "curriculum", 0 }, { 0, "applied", "program", 1 },
	{ 0, "applied", "program", 1 }, { 0, "applied", "program", 2 },
	{ 0, "applied", "program", 3 }, { 0, "applied", "program", 4 },
	{ 0, "applied", "program", 5 }, { 0, "applied", "program", 6 },
	{ 0, "applied", "program", 7 }, { 0, "applied", "curriculum", 8 },
	{ 0, "cancelled", "program", 2 }, { 0, "cancelled", "program", 9 },
	{ 3, "accepted", "curriculum", 10 }, { 3, "rejected", "curriculum", 10 },
	{ 3, "declined", "curriculum", 10 },
	{ 4, "accepted", "program", 0 }, { 4, "rejected", "program", 1 },
	{ 5, "accepted", "program", 1 }, { 4, "declined", "program", 3 },
	{ -1, NULL, NULL, 0 }, { -1, NULL, NULL, 0 }, { -1, NULL, NULL, 0 },
	{ -1, NULL, NULL, 0 }, { -1, NULL, NULL, 0 }, { -1, NULL, NULL, 0 },
	{ -1, NULL, NULL, 0 }, { -1, NULL, NULL, 0 }, { -1, NULL, NULL, 0 },
};

/* Programs the demo directors lead: director index, domain, prefecture. */
static const struct {
	int		 dir;		/* 0: 398721; others: made here */
	const char	*domain, *pref;
	int		 research;
} led[] = {
	{ 0, "01", "13", 0 }, { 0, "02", "13", 0 }, { 0, "05", "13", 0 },
	{ 0, "19", "13", 0 }, { 1, "01", "27", 0 }, { 1, "04", "27", 0 },
	{ 2, "01", "01", 0 }, { 2, "16", "01", 0 }, { 3, "06", "40", 0 },
	{ 3, "07", "40", 0 }, { 0, "01", "13", 1 }, { 4, "03", "23", 0 },
	{ 4, "08", "23", 0 }, { 5, "11", "14", 0 }, { 5, "13", "14", 0 },
	{ 6, "12", "26", 0 }, { 6, "14", "26", 0 }, { 7, "09", "04", 0 },
	{ 7, "10", "04", 0 }, { 8, "17", "34", 0 }, { 8, "18", "34", 0 },
	{ 8, "15", "34", 0 },
};
#define NDIRECTORS	9

static const struct demo_dir *
director_of(const struct demo_dir *dirs, const char *domain,
    const char *pref, int research)
{
	size_t	 i;

	for (i = 0; i < NF(led); i++)
		if (strcmp(led[i].domain, domain) == 0 &&
		    strcmp(led[i].pref, pref) == 0 && led[i].research == research)
			return dirs[led[i].dir].uid[0] != '\0' ?
			    &dirs[led[i].dir] : NULL;
	return NULL;
}

static int
demo_applicants(struct ctl *c, struct dir *d, const struct tenant *t,
    const long long rounds[6], const time_t open1)
{
	struct demo_member	 m;
	struct demo_dir		 who;
	char			 regno[16], mail[64], name[64], kana[64];
	char			 birth[16], regdate[16], done[16], phone[24];
	char			 code[32], created[CLOCK_SQL_LEN];
	char			 decided[CLOCK_SQL_LEN], addr[120];
	const struct demo_applicant *a;
	const struct jp_item	*pref;
	long long		 pid, k;
	size_t			 i;
	int			 made = 0;

	for (i = 0; i < NF(applicants); i++) {
		a = &applicants[i];
		snprintf(regno, sizeof(regno), "5200%02zu", i + 1);
		snprintf(mail, sizeof(mail), "applicant%02zu@%s.example",
		    i + 1, t->slug);
		snprintf(name, sizeof(name), "%s %s",
		    surnames[(i * 7 + 3) % NF(surnames)], given[i % NF(given)]);
		snprintf(kana, sizeof(kana), "%s %s",
		    surnames_kana[(i * 7 + 3) % NF(surnames)],
		    given_kana[i % NF(given)]);
		if (demo_person(c, d, t, regno, mail, name, kana, "member",
		    &who) == -1)
			return -1;
		pref = &jp_prefs[(i * 11) % 47];
		snprintf(birth, sizeof(birth), "%d-%02zu-%02zu", 1994 +
		    (int)(i % 6), i % 12 + 1, i % 27 + 1);
		snprintf(regdate, sizeof(regdate), "%d-04-%02zu", 2021 +
		    (int)(i % 4), i % 20 + 5);
		snprintf(done, sizeof(done), "%d-03-31", 2023 + (int)(i % 4));
		snprintf(phone, sizeof(phone), "090-%04zu-%04zu", 1000 + i * 37,
		    2000 + i * 53);
		snprintf(addr, sizeof(addr), "%s中央区1-%zu-%zu", pref->ja,
		    i % 9 + 1, i % 17 + 1);
		memset(&m, 0, sizeof(m));
		m.regno = regno;
		m.regno_date = regdate;
		m.name = name;
		m.kana = kana;
		m.birth_date = birth;
		m.sex = i % 2 ? "f" : "m";
		m.training_program = "デモ市民病院初期臨床研修プログラム";
		m.training_done_on = done;
		m.phone = phone;
		m.postal_code = "100-0005";
		m.pref = pref->code;
		m.address = addr;
		m.desired_domain = jp_domains[i % 19].code;
		m.email = mail;
		if (dbq_demo_member(c->db, t->slug, who.uid, &m) < 0)
			return -1;
		if (a->round < 0)
			continue;
		snprintf(code, sizeof(code), "%s%s-%s-001",
		    led[a->program].research ? "R" : "", led[a->program].domain,
		    led[a->program].pref);
		if ((pid = dbq_program_id(c->db, t->slug, code)) <= 0)
			return -1;
		/* When it happened: a day into its round's application period. */
		{
			static const int day_of[] = { 1, 31, 70, -59, -364,
			    -334 };
			at_noon(open1 + (time_t)day_of[a->round] * DAY +
			    (time_t)i * 97, created);
			at_noon(open1 + (time_t)(day_of[a->round] + 20) * DAY,
			    decided);
		}
		k = dbq_app_seed(c->db, t->slug, rounds[a->round], who.uid, pid,
		    a->system, strcmp(a->system, "curriculum") == 0 ?
		    "obligation" : NULL, a->state, created, decided,
		    "ctl:demo");
		if (k < 0)
			return -1;
		made += k > 0;
	}
	fprintf(stderr, "demo recruit: %zu applicants, %d applications made\n",
	    NF(applicants), made);
	return 0;
}

/* ---- the loader -------------------------------------------------------------- */

static int
demo_tenant(struct ctl *c, const struct tenant *t)
{
	static const char *const dir_numbers[NDIRECTORS] = { DEMO_DIRECTOR,
	    "398001", "398002", "398003", "398004", "398005", "398006",
	    "398007", "398008" };
	struct demo_dir		 dirs[NDIRECTORS];
	struct dir		*d;
	struct tm		 tm;
	char			 mail[64], name[64], kana[64];
	long long		 rounds[6], cur[4], prev[4];
	time_t			 now = time(NULL), open1;
	size_t			 di, pi, i;
	int			 seq, n = 0, year, rc = -1;

	if ((d = dir_open(c->cfg)) == NULL || dir_ping(d) != 1) {
		fprintf(stderr, "demo recruit: directory unreachable\n");
		goto out;
	}
	memset(dirs, 0, sizeof(dirs));
	for (i = 0; i < NDIRECTORS; i++) {
		snprintf(mail, sizeof(mail), "director%zu@%s.example", i,
		    t->slug);
		snprintf(name, sizeof(name), "%s %s", surnames[(i * 5 + 1) %
		    NF(surnames)], given[(i * 3 + 2) % NF(given)]);
		snprintf(kana, sizeof(kana), "%s %s", surnames_kana[(i * 5 + 1) %
		    NF(surnames)], given_kana[(i * 3 + 2) % NF(given)]);
		/* 398721 is made by demo accounts; only its role here. */
		if (i == 0) {
			struct dir_user u;
			if (dir_find_login(d, t, DEMO_DIRECTOR, &u) != 1)
				continue;
		}
		if (demo_person(c, d, t, dir_numbers[i], mail, name, kana,
		    "program_director", &dirs[i]) == -1)
			goto out;
	}

	/* The catalogue, a prefecture per transaction. */
	for (pi = 0; jp_prefs[pi].code != NULL; pi++) {
		if (db_begin(c->db) < 0)
			goto out;
		for (di = 0; jp_domains[di].code != NULL; di++) {
			int many = large_pref(jp_prefs[pi].code) &&
			    (di == 0 || di == 1 || di == 4) ? 3 : 1;
			for (seq = 1; seq <= many; seq++) {
				const struct demo_dir *dd = seq == 1 ?
				    director_of(dirs, jp_domains[di].code,
				    jp_prefs[pi].code, 0) : NULL;
				if (demo_program(c, t->slug, &jp_domains[di],
				    &jp_prefs[pi], seq, 0, dd) < 0)
					goto fail;
				n++;
			}
			/* 臨床研究医コース: domains 01-07 at universities. */
			if (di < 7 && (pi % 6 == 0 || large_pref(
			    jp_prefs[pi].code))) {
				if (demo_program(c, t->slug, &jp_domains[di],
				    &jp_prefs[pi], 1, 1, director_of(dirs,
				    jp_domains[di].code, jp_prefs[pi].code,
				    1)) < 0)
					goto fail;
				n++;
			}
		}
		if (db_commit(c->db) < 0)
			goto fail;
	}

	/*
	 * The rounds: the 1次募集 opened three days ago at noon, so it is
	 * open today for ten more days.  The year is the one training
	 * starts: next April, or this April before it.
	 */
	open1 = now - 3 * DAY;
	jst_tm(now, &tm);
	year = tm.tm_year + 1900 + (tm.tm_mon >= 3 ? 1 : 0);
	if (demo_rounds(c, t->slug, year, open1, cur) == -1 ||
	    demo_rounds(c, t->slug, year - 1, open1 - 365 * DAY, prev) == -1)
		goto out;
	for (i = 0; i < 4; i++)
		rounds[i] = cur[i];
	rounds[4] = prev[0];		/* last year's first and second */
	rounds[5] = prev[1];
	if (demo_applicants(c, d, t, rounds, open1) == -1)
		goto out;
	fprintf(stderr, "demo recruit: %s: %d programs, rounds of %d and %d\n",
	    t->slug, n, year, year - 1);
	rc = 0;
	goto out;
fail:
	db_rollback(c->db);
out:
	dir_close(d);
	return rc;
}

/* `demo load`: every tenant with the feature.  0 ok, -1 some failed. */
int
demo_recruit(struct ctl *c)
{
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < c->tenants->n; i++)
		if (tenant_has_feature(&c->tenants->t[i], RECRUIT_FEATURE) &&
		    demo_tenant(c, &c->tenants->t[i]) == -1) {
			fprintf(stderr, "demo recruit: %s failed\n",
			    c->tenants->t[i].slug);
			rc = -1;
		}
	return rc;
}

/* ---- demo clock ------------------------------------------------------------ */

static void
offset_text(long long s, char *out, size_t len)
{
	long long	 a = s < 0 ? -s : s;

	snprintf(out, len, "%c%lldd %02lldh %02lldm (%+lld s)", s < 0 ? '-' :
	    '+', a / 86400, a % 86400 / 3600, a % 3600 / 60, s);
}

/*
 * `shikakuctl demo clock [+N{d,h,m}|-N{d,h,m}|reset]`: move the demo
 * clock (clock.h) by N from where it is, or back to the system time, by
 * writing the file named by demo_clock_file; without an argument, show
 * it.  Workers read it when they start: SIGHUP shikakud afterwards.
 * Development only: the key is never set in production.
 */
int
cmd_demo_clock(struct ctl *c, int argc, char **argv)
{
	const char	*path = c->cfg->demo_clock_file;
	char		 tmp[4096], txt[64], when[64];
	long long	 cur = 0, delta;
	FILE		*f;
	int		 rc = 1;

	if (path == NULL || *path == '\0') {
		fprintf(stderr, "shikakuctl: demo_clock_file is not set in %s "
		    "(development only; see shikaku.conf(5))\n", c->cfg->path);
		return 1;
	}
	if (clock_offset_read(path, &cur) < 0) {
		fprintf(stderr, "shikakuctl: %s: unreadable or malformed\n",
		    path);
		return 1;
	}
	if (argc > 1) {
		fprintf(stderr, "usage: shikakuctl demo clock "
		    "[+N{d,h,m}|-N{d,h,m}|reset]\n");
		return 2;
	}
	if (argc == 1 && strcmp(argv[0], "reset") == 0) {
		if (unlink(path) == -1 && errno != ENOENT) {
			fprintf(stderr, "shikakuctl: %s: %s\n", path,
			    strerror(errno));
			return 1;
		}
		cur = 0;
	} else if (argc == 1) {
		if ((argv[0][0] != '+' && argv[0][0] != '-') ||
		    clock_offset_parse(argv[0], &delta) == -1 ||
		    cur + delta > 10LL * 366 * 86400 ||
		    cur + delta < -10LL * 366 * 86400) {
			fprintf(stderr, "shikakuctl: demo clock: expected "
			    "+N or -N with d, h or m (at most ten years), or "
			    "reset\n");
			return 2;
		}
		cur += delta;
		snprintf(tmp, sizeof(tmp), "%s.tmp", path);
		if ((f = fopen(tmp, "we")) == NULL ||
		    fprintf(f, "%lld\n", cur) < 0 || fclose(f) != 0 ||
		    rename(tmp, path) == -1) {
			fprintf(stderr, "shikakuctl: %s: %s\n", path,
			    strerror(errno));
			goto out;
		}
	}
	offset_text(cur, txt, sizeof(txt));
	jst_format(time(NULL) + (time_t)cur, when, sizeof(when));
	printf("demo clock: %s; the portal's now: %s JST\n", txt, when);
	if (argc == 1)
		fprintf(stderr, "demo clock: send SIGHUP to shikakud so its "
		    "workers read it\n");
	rc = 0;
out:
	return rc;
}
