/*
 * training.h — the board's training records and completion (feature
 * "training"; BRD-11, seed 001 lines 105-126), built on the platform's
 * applications (apply.h):
 *
 *   training.c          the offering 研修修了申請 (kind "completion"): its
 *                       section 研修実績 (rotation rows), the rules of a
 *                       rotation, eligibility, shortfalls, review stages
 *   dbq_training.c      the resident's program and its facilities (read
 *                       from the recruitment tables: data, not code)
 *   demo_training.c     `shikakuctl demo load` part
 *   training_feature.c  its struct feature
 *
 * A period is a pair of year-months; months are counted as
 * year * 12 + (month - 1), so comparisons are integer ones.
 */
#ifndef SHIKAKU_TRAINING_H
#define SHIKAKU_TRAINING_H

#include <stddef.h>

#include <libxml/tree.h>

struct ctx;
struct db;
struct apply_offering;
struct page;

#define TRAINING_FEATURE	"training"
#define TRAINING_KIND		"completion"
/*
 * The session column (feature.h session_sql): the member's live
 * applications (apply.h), then the program of their latest accepted
 * recruitment application, "" if none (eligible(): no statement).
 */
#define TRAINING_SESSION_SQL	APPLY_SESSION_SQL_WITH( \
	"(SELECT a.program_id FROM application a WHERE a.tenant = s.tenant " \
	"AND a.uid = s.uid AND a.state = 'accepted' " \
	"ORDER BY a.year DESC, a.id DESC LIMIT 1)")
/* The role training defines: a domain society's reviewer (feature.h). */
#define ROLE_SOCIETY_REVIEWER	ROLE_FEATURE(1)
#define TRAINING_SOCIETY	"society_reviewer"	/* its name */
#define TRAINING_ROWS_MAX	30	/* rotations of one resident */
#define TRAINING_FACILITIES_MAX	64

/* One rotation as months (year * 12 + month - 1), inclusive. */
struct tperiod {
	int	 id;		/* the row's id */
	int	 start, end;
};

int	 training_ym(const char *);
int	 training_overlap(const struct tperiod *, size_t, size_t);
int	 training_within(const struct tperiod *, int, int);
int	 training_missing(const struct tperiod *, size_t, int, int);
void	 training_span(int, int, int *, int *);

/* The resident's accepted program (dbq_training.c). */
struct tprogram {
	long long	 id;
	char		 code[33];
	char		 name[801];
	char		 domain[3];
	int		 years;
	char		 director_uid[65];
	int		 year;		/* the accepted recruitment year */
};

struct tfacility {
	long long	 id;
	char		 name[801];
};

int	 dbq_training_program(struct db *, const char *, const char *,
	    struct tprogram *);
int	 dbq_training_program_with(struct db *, const char *, const char *,
	    struct tprogram *, struct tfacility *, size_t, int *);
int	 dbq_training_program_get(struct db *, const char *, long long,
	    struct tprogram *);
int	 dbq_training_facilities(struct db *, const char *, long long,
	    struct tfacility *, size_t);
/* Columns of dbq_training_residents(): accepted residents, oldest first. */
enum tres_col {
	TRES_COL_UID,
	TRES_COL_REGNO,		/* NULL: no member record */
	TRES_COL_NAME,
	TRES_COL__MAX
};
struct dbres	*dbq_training_residents(struct db *, const char *);

extern const struct apply_offering training_completion;
/* training_pages[] (ctx.h has struct page): the menu entry. */
int	 demo_training(void *);
/* demo_review.c, dbq_demo_review.c: the review chain's demo (issue 9) */
struct ctl;
struct tenant;
int	 demo_review(struct ctl *, const struct tenant *, long long);
int	 dbq_training_demo_accept(struct db *, const char *, const char *,
	    const char *);

#endif
