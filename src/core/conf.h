/* conf.h — `key = value` files: shikaku.conf(5) and tenant.conf. */
#ifndef SHIKAKU_CONF_H
#define SHIKAKU_CONF_H

#include <stddef.h>

#define CONF_MAXLINE	4096

/* Called once per pair; return -1 to stop with an error. */
typedef int (*conf_cb)(const char *key, const char *val, int line, void *arg,
    char *err, size_t errlen);

int	 conf_parse(const char *, size_t, conf_cb, void *, char *, size_t);
int	 conf_parse_file(const char *, conf_cb, void *, char *, size_t);

/* A table-driven setter: one row per key, the type says how to parse. */
enum conf_type { CONF_STR, CONF_INT, CONF_SIZE, CONF_OCTAL };

struct conf_key {
	const char	*name;
	enum conf_type	 type;
	size_t		 off;		/* offsetof() in the target struct */
	long long	 min, max;	/* for numbers */
};

int	 conf_set(const struct conf_key *, size_t, void *, const char *,
	    const char *, char *, size_t);

struct config {
	char		*listen;
	int		 listen_mode;
	long long	 workers;
	long long	 max_requests;
	long long	 request_timeout;
	long long	 stop_timeout;
	char		*datadir;
	char		*sqldir;
	char		*ops_hosts;
	char		*db_socket;
	char		*db_host;
	long long	 db_port;
	char		*db_name;
	char		*db_user;
	char		*db_password_file;
	char		*ldap_uri;
	char		*ldap_base;
	char		*ldap_bind_dn;
	char		*ldap_password_file;
	char		*ldap_admin_dn;		/* shikakuctl only: ou=ops */
	char		*ldap_admin_password_file;
	char		*smtp_url;
	char		*metrics_token_file;	/* Prometheus' bearer token */
	char		*mail_from;
	char		*log;
	long long	 max_body;
	long long	 max_fields;
	char		*demo_clock_file;	/* development only: clock.h */
	/* OPS-1: tenants created by central IT, and who is told of them */
	char		*tenantdir;	/* writable; NULL: datadir/tenants */
	char		*pid_file;	/* shikakud's master writes its pid */
	char		*nginx_map;	/* host map rewritten on a change */
	char		*nginx_pid_file; /* nginx to SIGHUP after the map */
	char		*path;		/* where it was read from */
};

struct config	*config_load(const char *, char *, size_t);
void		 config_free(struct config *);
char		*read_secret(const char *);
void		 secret_free(char *);

#endif
