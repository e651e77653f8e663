/* kv.h — request fields: query, cookies, urlencoded and multipart bodies. */
#ifndef SHIKAKU_KV_H
#define SHIKAKU_KV_H

#include <stddef.h>

struct kv {
	char	*key;
	char	*val;		/* NUL-terminated; may hold NULs if binary */
	size_t	 vlen;
	char	*filename;	/* multipart file parts only */
	char	*ctype;		/* multipart: the part's declared type */
};

struct kvlist {
	struct kv	*kv;
	size_t		 n;
	size_t		 cap;
};

struct kvlimits {
	size_t	 max_fields;	/* number of pairs or parts */
	size_t	 max_key;	/* bytes of a name */
	size_t	 max_val;	/* bytes of a text value */
};

/* Parser results: 0 ok, KV_EMALFORMED bad syntax, KV_ELIMIT limits. */
#define KV_OK		 0
#define KV_EMALFORMED	-1
#define KV_ELIMIT	-2
#define KV_ENOMEM	-3

int	 kv_parse_urlencoded(struct kvlist *, const char *, size_t,
	    const struct kvlimits *);
int	 kv_parse_cookies(struct kvlist *, const char *,
	    const struct kvlimits *);
int	 kv_parse_multipart(struct kvlist *, const char *, size_t,
	    const char *, const struct kvlimits *);
int	 kv_boundary(const char *, char *, size_t);
const struct kv *kv_get(const struct kvlist *, const char *);
const char *kv_str(const struct kvlist *, const char *);
int	 kv_add(struct kvlist *, const char *, size_t, const char *, size_t);
void	 kv_free(struct kvlist *);

#endif
