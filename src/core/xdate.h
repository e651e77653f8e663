/* xdate.h — the i18n template `date` as one XPath extension function. */
#ifndef SHIKAKU_XDATE_H
#define SHIKAKU_XDATE_H

#include <libxml/xpathInternals.h>

#include "buf.h"

int	 xdate_format(struct buf *, const char *, int);
void	 xdate_fn(xmlXPathParserContextPtr, int);

#endif
