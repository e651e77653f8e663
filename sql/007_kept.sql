-- 007_kept.sql — a kept POST belongs to a member (CORE-12, CORE-17).
-- Until now a POST that arrived after its session expired was kept
-- under a browser cookie, whole: on a shared workstation the next
-- person to sign in was offered it, current and new password in clear.
-- Now each row names the (tenant, uid) of the expired session and is
-- offered only to that member; secret fields (passwords, TOTP and
-- recovery codes, tokens: form_secret() in src/form.c) are never
-- stored, only their names, so /kept can ask for them again.  The old
-- rows have no owner and may hold secrets: they go.
DROP TABLE IF EXISTS kept_post;

CREATE TABLE kept_post (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	path		VARCHAR(512) NOT NULL,
	body		BLOB NOT NULL,		-- urlencoded, secrets left out
	secrets		VARCHAR(255) NOT NULL DEFAULT '',	-- their names
	files		TINYINT(1) NOT NULL DEFAULT 0,	-- files were attached
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY kept_member (tenant, uid, id),
	KEY kept_age (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
