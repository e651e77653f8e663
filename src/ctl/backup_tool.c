/*
 * backup_tool.c — running mariadb-dump, mariadb, ldapsearch and ldapadd
 * for shikakuctl (backup.h), with the configuration's credentials kept
 * off every command line: the database password goes in a 0600 option
 * file, the directory password is read by the tool itself (-y FILE).
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backup.h"
#include "conf.h"
#include "db.h"

static int
open_to(const char *path, int flags, int target)
{
	int	 fd;

	if ((fd = open(path, flags, 0600)) == -1)
		return -1;
	if (fd != target) {
		if (dup2(fd, target) == -1)
			return -1;
		close(fd);
	}
	return 0;
}

int
run_tool(const char *const argv[], const char *in, const char *out, int append,
    const char *err)
{
	/* execvp's argv is char *const[] for history's sake only */
	union { const char *const *c; char *const *v; } av = { argv };
	pid_t	 pid;
	int	 status, rc = -1;

	fflush(stdout);
	fflush(stderr);
	switch ((pid = fork())) {
	case -1:
		fprintf(stderr, "shikakuctl: fork: %s\n", strerror(errno));
		goto out;
	case 0:
		/* No ~/.ldaprc or LDAPRC: the configuration says it all. */
		setenv("LDAPNOINIT", "1", 1);
		if (open_to(in ? in : "/dev/null", O_RDONLY, 0) == -1 ||
		    open_to(out ? out : "/dev/null", O_WRONLY | O_CREAT |
		    (append ? O_APPEND : O_TRUNC), 1) == -1 ||
		    (err != NULL && open_to(err, O_WRONLY | O_CREAT | O_TRUNC,
		    2) == -1)) {
			fprintf(stderr, "shikakuctl: %s: %s\n", argv[0],
			    strerror(errno));
			_exit(127);
		}
		execvp(argv[0], av.v);
		fprintf(stderr, "shikakuctl: %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	default:
		break;
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			fprintf(stderr, "shikakuctl: waitpid: %s\n",
			    strerror(errno));
			goto out;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		rc = 0;
	else if (err == NULL)
		fprintf(stderr, "shikakuctl: %s failed (%s %d)\n", argv[0],
		    WIFEXITED(status) ? "exit" : "signal", WIFEXITED(status) ?
		    WEXITSTATUS(status) : WTERMSIG(status));
out:
	return rc;
}

/* An option-file value: quoted, with \ and " escaped. */
static void
optval(FILE *f, const char *key, const char *v)
{
	fprintf(f, "%s = \"", key);
	for (; *v != '\0'; v++) {
		if (*v == '\\' || *v == '"')
			fputc('\\', f);
		fputc(*v, f);
	}
	fputs("\"\n", f);
}

int
db_optfile(const struct config *cfg, const struct db *db, char *path,
    size_t len)
{
	const char	*tmp = getenv("TMPDIR");
	FILE		*f = NULL;
	char		*pw = NULL, host[256];
	unsigned int	 port;
	int		 fd = -1, rc = -1;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	if ((size_t)snprintf(path, len, "%s/shikakuctl-db.XXXXXX", tmp) >=
	    len)
		goto out;
	/* mkstemp: mode 0600, a name no one else can have made. */
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "shikakuctl: %s: %s\n", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (cfg->db_password_file != NULL &&
	    (pw = read_secret(cfg->db_password_file)) == NULL) {
		fprintf(stderr, "shikakuctl: %s: cannot read the database "
		    "password\n", cfg->db_password_file);
		goto out;
	}
	fputs("[client]\n", f);
	optval(f, "user", cfg->db_user);
	if (pw != NULL)
		optval(f, "password", pw);
	/*
	 * db_host may list several nodes (db.c): the tools go where the
	 * portal's own connection went, the first node that answered.
	 */
	if (db_node(db, host, sizeof(host), &port) == 1) {
		optval(f, "host", host);
		fprintf(f, "port = %u\n", port);
	} else if (cfg->db_socket != NULL)
		optval(f, "socket", cfg->db_socket);
	fputs("default-character-set = utf8mb4\n", f);
	if (fclose(f) == EOF) {
		f = NULL;
		goto out;
	}
	f = NULL;
	rc = 0;
out:
	secret_free(pw);
	if (f != NULL)
		fclose(f);
	if (fd != -1)
		close(fd);
	if (rc == -1 && path[0] != '\0')
		unlink(path);
	return rc;
}

void
db_optfile_remove(const char *path)
{
	if (path != NULL && path[0] != '\0')
		unlink(path);
}
