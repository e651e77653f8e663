/* log.h — one logging family: stderr in the foreground, syslog as a daemon. */
#ifndef SHIKAKU_LOG_H
#define SHIKAKU_LOG_H

void	log_init(const char *, int);
void	log_set_syslog(int);
void	log_msg(int, const char *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));

#define log_err(...)	log_msg(3, __func__, __VA_ARGS__)
#define log_warn(...)	log_msg(4, __func__, __VA_ARGS__)
#define log_info(...)	log_msg(6, __func__, __VA_ARGS__)
#define log_debug(...)	log_msg(7, __func__, __VA_ARGS__)

#endif
