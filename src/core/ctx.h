/*
 * ctx.h — the request context handed to every handler.  Nothing here is
 * global: the worker owns one struct app and fills one struct ctx per
 * request.  Internal cross-module declarations live here too.
 */
#ifndef SHIKAKU_CTX_H
#define SHIKAKU_CTX_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <libxml/tree.h>

#include "buf.h"
#include "kv.h"
#include "session.h"
#include "tenant.h"

struct config;
struct tenants;
struct tenant;
struct db;
struct dir;
struct render;
struct scoreboard;
struct checks;
struct migrations;
struct page;
struct dbres;
struct field;
struct form_result;

/* Outcomes a handler may return; http_status() maps them in one place. */
enum result {
	RES_OK = 0,	/* 200, body or model set */
	RES_REDIRECT,	/* 303 to ctx->location */
	RES_BADREQ,	/* 400 */
	RES_FORBIDDEN,	/* 403 */
	RES_NOTFOUND,	/* 404 */
	RES_METHOD,	/* 405 */
	RES_TOOLARGE,	/* 413 */
	RES_TOOMANY,	/* 429 */
	RES_UNAVAIL,	/* 503 */
	RES_INTERNAL,	/* 500 */
	RES__MAX
};

/*
 * Public notices change rarely and are the same for every visitor; a
 * worker keeps each tenant's list for NOTICE_TTL_MS so the public home
 * page costs no query.  Workers share nothing: a new notice shows on
 * every worker within the TTL.
 */
#define NOTICE_TTL_MS	5000

struct notice_cache {
	int64_t		 fetched_ms;
	struct dbres	*rows;
};

/* What a worker keeps between requests. */
struct app {
	struct config		*cfg;
	struct tenants		*tenants;
	struct db		*db;
	struct dir		*dir;
	struct render		*render;
	struct scoreboard	*sb;
	int			 slot;		/* scoreboard slot */
	struct notice_cache	 notices[TENANT_MAX];	/* by tenant index */
	/* Read at start and reload, for central IT's console (OPS-1). */
	struct checks		*checks;	/* conf_check.h */
	struct migrations	*shipped;	/* sqldir's, with sums */
};

struct ctx {
	struct app		*app;
	const struct tenant	*tenant;	/* NULL on ops or unknown host */
	int			 ops;		/* the central-IT host */
	const struct page	*page;

	/* The request, as parsed. */
	const char		*method;
	char			 path[512];
	char			 host[256];
	const char		*accept;
	const char		*origin;	/* Origin: of a POST, or NULL */
	const char		*remote;
	const char		*authz;		/* Authorization header */
	char			 reqid[40];
	unsigned long long	 seq;		/* this worker's request number, from 1 */
	struct kvlist		 query;
	struct kvlist		 cookies;
	struct kvlist		 form;
	const char		*ctype_in;	/* its Content-Type */
	char			 lang[3];
	struct timespec		 start;
	int			 https;		/* behind TLS: Secure cookies */
	int			 port;		/* the server port the client used */
	struct session		 sess;
	int			 reshow;	/* draw a refused POST's form */

	/* The response. */
	int			 status;
	int			 status_hint;	/* for RES_OK pages: e.g. 429 */
	xmlDocPtr		 model;
	xmlNodePtr		 content;	/* /page/content */
	struct buf		 body;		/* raw body when no model */
	const char		*ctype;
	char			 location[512];
	struct buf		 hdrs;		/* extra header lines */
	int			 unavailable;	/* host of a disabled tenant */
};

/* page.c */
#define PAGE_TENANT	0x01	/* served on tenant hosts */
#define PAGE_OPS	0x02	/* served on the central-IT host */
#define PAGE_RAW	0x04	/* handler writes ctx->body itself */
#define PAGE_PREFIX	0x08	/* path matches as a prefix */
#define PAGE_AUTH	0x10	/* signed in (and past the TOTP step) */
#define PAGE_ANYSTAGE	0x20	/* reachable while a forced step is due */
#define PAGE_GUEST	0x40	/* in the menu only when signed out */

/* The methods a page answers (HEAD is answered like GET). */
#define M_GET		0x01
#define M_POST		0x02

typedef enum result (*page_fn)(struct ctx *);

struct page {
	const char	*name;
	unsigned int	 methods;	/* M_GET, M_POST, or both */
	const char	*path;
	unsigned int	 flags;
	/* One handler per method of methods (HEAD and a reshow use get) */
	page_fn		 get;
	page_fn		 post;
	const char	*menu;		/* i18n key when shown in the menu */
	const char	*feature;	/* tenant feature needed, or NULL */
	unsigned int	 roles;		/* any of these (ROLE_* mask), or 0 */
	/* The form it takes, for its labels when kept (CORE-12) */
	const struct field *fields;
	size_t		 nfields;
	/* CORE-18: annotates the menu item (window, or why unavailable) */
	void		(*note)(struct ctx *, xmlNodePtr);
	/* In the menu only if this says so (roles a page cannot name:
	 * the review queue's are the stages' of every feature), or NULL */
	int		(*shown)(const struct ctx *);
};

extern const struct page core_pages[];
extern const struct page ops_pages[];
extern const struct page login_pages[];
extern const struct page admin_pages[];
extern const struct page admin_member_pages[];	/* feature/admin/admin_members.c */
extern const struct page admin_mail_pages[];	/* feature/admin/admin_mail.c */
extern const struct page admin_import_pages[];	/* feature/admin/admin_imports.c */
extern const struct page terms_pages[];
extern const struct page account_pages[];
extern const struct page kept_pages[];
extern const struct page member_record_pages[];	/* identity/member_record.c */
extern const struct page register_pages[];
extern const struct page recruit_pages[], recruit_search_pages[], recruit_admin_pages[];
extern const struct page upload_pages[];
extern const struct page apply_pages[];
extern const struct page dashboard_pages[];	/* apply/dashboard.c */
extern const struct page review_pages[], fee_pages[];
extern const struct page review_export_pages[];	/* apply/review_export.c */
extern const struct page offering_admin_pages[];	/* apply/offering_admin.c */
extern const struct page queue_admin_pages[];	/* apply/queue_admin.c */
extern const struct page *page_tables[];	/* NULL-terminated, page.c */
struct render;
int		 page_tables_check(const struct render *, char *, size_t);
unsigned int	 page_method_bit(const char *);
enum result	 page_serve(struct ctx *);

/*
 * A form page in five named steps, for handlers that are one form: load
 * what the page is about into state (RES_OK, or the answer with state
 * left clean); values, the form's values for a GET; check, what the
 * fields alone cannot tell (-1: error); save, the answer once all is
 * well (RES_OK: show the form again with *err); show, the page.  done
 * frees state.  form_page_get() and form_page_post() run them.
 */
struct form_page {
	const struct field	*fields;
	size_t			 nfields;
	enum result		(*load)(struct ctx *, void *);
	void			(*values)(struct ctx *, void *, struct kvlist *);
	int			(*check)(struct ctx *, void *,
				    struct form_result *);
	enum result		(*save)(struct ctx *, void *, const char **);
	enum result		(*show)(struct ctx *, void *,
				    const struct kvlist *,
				    const struct form_result *, const char *);
	void			(*done)(void *);
};
enum result	 form_page_get(struct ctx *, const struct form_page *, void *);
enum result	 form_page_post(struct ctx *, const struct form_page *, void *);
int		 page_any_role(const struct ctx *, unsigned int);
int		 page_visible(const struct ctx *, const struct page *);

enum page_match { PM_FOUND, PM_NOTFOUND, PM_METHOD };
enum page_match page_lookup(const char *, const char *, int,
		    const struct tenant *, const struct page **);

/* model.c */
int		 model_new(struct ctx *, const char *);
int		 model_clean(xmlDocPtr);
xmlNodePtr	 model_text(xmlNodePtr, const char *, const char *);
xmlNodePtr	 model_node(xmlNodePtr, const char *);
void		 model_attr(xmlNodePtr, const char *, const char *);
void		 model_attrf(xmlNodePtr, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
/* An integer attribute, as "%lld" writes it, without printf. */
void		 model_attrn(xmlNodePtr, const char *, long long);
void		 model_error_page(struct ctx *, int);
void		 model_error(struct ctx *, const char *, const char *);
void		 model_flash(struct ctx *, const char *, const char *);
xmlNodePtr	 model_button(xmlNodePtr, const char *, const char *,
		    const char *);
xmlNodePtr	 model_form(struct ctx *, const char *, const char *,
		    const struct field *, size_t, const struct kvlist *,
		    const struct form_result *, const char *);

/* response.c */
int		 http_status(enum result);
enum result	 redirect_to(struct ctx *, const char *);
enum result	 redirect_next(struct ctx *, const char *, const char *);
enum result	 redirect_param(struct ctx *, const char *, const char *,
		    const char *);
const char	*http_reason(int);
void		 response_security_headers(struct buf *);
/* "attachment; filename=\"ascii\"; filename*=UTF-8''%..." (RFC 6266/5987) */
int		 http_disposition(char *, size_t, const char *, const char *);

/* handlers: home.c (identity), ops.c; local_path and base_url: response.c */
enum result	 page_home(struct ctx *);
enum result	 page_lang_get(struct ctx *);
enum result	 page_lang_post(struct ctx *);
enum result	 page_logout(struct ctx *);
enum result	 page_password_temp_get(struct ctx *);
enum result	 page_password_temp_post(struct ctx *);
enum result	 page_password_reset_get(struct ctx *);
enum result	 page_password_reset_post(struct ctx *);
int		 local_path(const char *);
void		 base_url(const struct ctx *, char *, size_t);
enum result	 page_ops_home(struct ctx *);
enum result	 page_healthz(struct ctx *);
enum result	 page_metrics(struct ctx *);
int		 bearer_ok(const char *, const char *);

/* gate.c */
enum result	 gate(struct ctx *);
int		 totp_required(const struct ctx *);

/* refused.c: refused POSTs kept or drawn again (CORE-12) */
enum result	 kept_store(struct ctx *);
void		 kept_reshow(struct ctx *);

/* identity/kept.c: kept POSTs offered back at /kept */
int		 kept_pending(struct ctx *);

/* request.c */
struct fcgx_req;
int		 request_parse_body(struct ctx *, const char *, size_t,
		    const char *);
void		 ctx_lang(struct ctx *);
const char	*ctx_tkey(const struct ctx *);	/* tenant.c */
int		 ctx_en(const struct ctx *);
void		 ctx_free(struct ctx *);

#endif
