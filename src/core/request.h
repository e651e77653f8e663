/* request.h — FastCGI request to context. */
#ifndef SHIKAKU_REQUEST_H
#define SHIKAKU_REQUEST_H

#include <fcgiapp.h>

#include "ctx.h"

enum result	 request_read(struct ctx *, FCGX_Request *);

#endif
