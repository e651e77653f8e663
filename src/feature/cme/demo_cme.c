/* demo_cme.c — cme's part of `shikakuctl demo load` (filled below). */
#include <stddef.h>

#include "cme.h"

int
demo_cme(void *arg)
{
	(void)arg;
	return 0;
}
