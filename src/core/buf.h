/* buf.h — a growable byte buffer and small string helpers. */
#ifndef SHIKAKU_BUF_H
#define SHIKAKU_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* always NUL-terminated when non-NULL */
	size_t	 len;
	size_t	 cap;
};

int	 buf_append(struct buf *, const void *, size_t);
int	 buf_puts(struct buf *, const char *);
/* s as a JSON string (RFC 8259: quotes, backslash, controls escaped). */
int	 buf_json_str(struct buf *, const char *);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);

int	 hexval(int);
size_t	 utf8_chars(const char *, size_t);
size_t	 utf8_decode(const char *, size_t, unsigned int *);
int	 utf8_valid(const char *, size_t);
int	 xml_char(unsigned int);
int	 utf8_xml_valid(const char *, size_t);
char	*utf8_xml_clean(const char *, size_t, int *);
char	*strtrim(char *);
int	 ct_streq(const char *, const char *);
int	 buf_b64_encode(struct buf *, const void *, size_t);
int	 buf_b64_decode(struct buf *, const char *);

#endif
