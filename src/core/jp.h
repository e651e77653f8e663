/*
 * jp.h — fixed Japanese reference lists: the 19 basic specialty domains
 * of the board (基本領域) and the 47 prefectures (JIS X 0401 codes).
 * Codes are what the database stores; names are what members read.
 */
#ifndef SHIKAKU_JP_H
#define SHIKAKU_JP_H

struct jp_item {
	const char	*code;
	const char	*ja;
	const char	*en;
};

extern const struct jp_item jp_domains[];	/* 19, NULL-terminated */
extern const struct jp_item jp_prefs[];		/* 47, NULL-terminated */
/* Their codes alone, for a select field's options (form.h). */
extern const char *const jp_domain_codes[];	/* "01".."19", NULL */
extern const char *const jp_pref_codes[];	/* "01".."47", NULL */

const struct jp_item	*jp_find(const struct jp_item *, const char *);
const char		*jp_label(const struct jp_item *, const char *, int);

#endif
