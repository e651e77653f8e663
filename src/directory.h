/* directory.h — the OpenLDAP connection (service account bind). */
#ifndef SHIKAKU_DIRECTORY_H
#define SHIKAKU_DIRECTORY_H

#include <stddef.h>

struct config;
struct dir;

struct dir	*dir_open(const struct config *);
void		 dir_close(struct dir *);
int		 dir_ping(struct dir *);
char		*dir_filter_escape(const char *);

#endif
