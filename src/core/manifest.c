/*
 * manifest.c — write and check a directory's MANIFEST (manifest.h).
 *
 * The manifest is what makes a backup trustworthy to restore: restore
 * reads nothing before every file has been hashed and found equal, so a
 * damaged copy or an edited dump is refused as a whole instead of being
 * half-loaded.  (It detects alteration, not a forger who also rewrites
 * the manifest: keep backups where only central IT can write.)
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "manifest.h"
#include "sha256.h"

struct manifest {
	char		*dir;
	struct buf	 lines;
	size_t		 n;
};

struct manifest *
manifest_new(const char *dir)
{
	struct manifest	*m;

	if ((m = calloc(1, sizeof(*m))) == NULL)
		return NULL;
	if ((m->dir = strdup(dir)) == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

int
manifest_name_ok(const char *n)
{
	const char	*p;

	if (*n == '\0' || *n == '/' || strlen(n) > 255)
		return 0;
	for (p = n; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("._-/", *p) != NULL))
			return 0;
	/* no ".." component, no empty one */
	for (p = n; p != NULL; p = strchr(p, '/')) {
		if (*p == '/')
			p++;
		if (*p == '/' || *p == '\0' || (p[0] == '.' && (p[1] == '/' ||
		    p[1] == '\0' || (p[1] == '.' && (p[2] == '/' ||
		    p[2] == '\0')))))
			return 0;
	}
	return 1;
}

int
manifest_add(struct manifest *m, const char *name)
{
	char	 path[4096], hex[SHA256_HEXLEN + 1];

	if (!manifest_name_ok(name) || (size_t)snprintf(path, sizeof(path),
	    "%s/%s", m->dir, name) >= sizeof(path))
		return -1;
	if (sha256_file(path, hex) == -1)
		return -1;
	if (buf_printf(&m->lines, "%s  %s\n", hex, name) == -1)
		return -1;
	m->n++;
	return 0;
}

size_t
manifest_count(const struct manifest *m)
{
	return m->n;
}

int
manifest_save(struct manifest *m, const char *comment)
{
	char	 path[4096], tmp[4200];
	FILE	*f = NULL;
	int	 fd = -1, rc = -1;

	snprintf(path, sizeof(path), "%s/" MANIFEST_FILE, m->dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1 || (f = fdopen(fd, "w")) == NULL)
		goto out;
	fd = -1;
	if (comment != NULL && *comment != '\0')
		fprintf(f, "%s", comment);
	if (m->lines.len > 0)
		fwrite(m->lines.data, 1, m->lines.len, f);
	if (fflush(f) == EOF || fsync(fileno(f)) == -1)
		goto out;
	if (fclose(f) == EOF) {
		f = NULL;
		goto out;
	}
	f = NULL;
	if (rename(tmp, path) == -1)
		goto out;
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	if (fd != -1)
		close(fd);
	if (rc == -1)
		unlink(tmp);
	return rc;
}

void
manifest_free(struct manifest *m)
{
	if (m == NULL)
		return;
	buf_free(&m->lines);
	free(m->dir);
	free(m);
}

static int
listed(const char *name, char **names, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

int
manifest_verify(const char *dir, const char *const *required, size_t nreq,
    char *err, size_t errlen)
{
	FILE	*f = NULL;
	char	 path[4096], line[4096], hex[SHA256_HEXLEN + 1], *name;
	char	**names = NULL, **nn;
	size_t	 n = 0, i, lineno = 0, l;
	int	 rc = -1;

	snprintf(path, sizeof(path), "%s/" MANIFEST_FILE, dir);
	if ((f = fopen(path, "re")) == NULL) {
		snprintf(err, errlen, "%s: %s (not a backup directory?)",
		    path, strerror(errno));
		goto out;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		l = strlen(line);
		if (l > 0 && line[l - 1] == '\n')
			line[--l] = '\0';
		if (l == 0 || line[0] == '#')
			continue;
		if (l < SHA256_HEXLEN + 3 || line[SHA256_HEXLEN] != ' ' ||
		    line[SHA256_HEXLEN + 1] != ' ' ||
		    strspn(line, "0123456789abcdef") != SHA256_HEXLEN ||
		    !manifest_name_ok(name = line + SHA256_HEXLEN + 2)) {
			snprintf(err, errlen, "%s:%zu: not a manifest line",
			    path, lineno);
			goto out;
		}
		line[SHA256_HEXLEN] = '\0';
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (sha256_file(path, hex) == -1) {
			snprintf(err, errlen, "%s: listed in the manifest but "
			    "cannot be read: %s", path, strerror(errno));
			goto out;
		}
		if (strcmp(hex, line) != 0) {
			snprintf(err, errlen, "%s: its SHA-256 differs from the "
			    "manifest's: the backup was altered or damaged",
			    path);
			goto out;
		}
		if ((nn = reallocarray(names, n + 1, sizeof(*names))) == NULL)
			goto oom;
		names = nn;
		if ((names[n] = strdup(name)) == NULL)
			goto oom;
		n++;
		snprintf(path, sizeof(path), "%s/" MANIFEST_FILE, dir);
	}
	for (i = 0; i < nreq; i++)
		if (!listed(required[i], names, n)) {
			snprintf(err, errlen, "%s/%s: not in the manifest: "
			    "an incomplete backup", dir, required[i]);
			goto out;
		}
	rc = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
out:
	if (f != NULL)
		fclose(f);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
