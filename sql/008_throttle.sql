-- 008_throttle.sql — throttles per purpose and per target, and the
-- password reset link (issue 7 items 2, 4 and 11).
--
-- One bucket a purpose and a subject: registration, reset and migration
-- mails no longer count towards the sign-in throttle of the address, so
-- a busy hospital NAT that registers residents cannot block everyone's
-- sign-in; where a target exists (the account a reset is asked for, the
-- registration draft) it has a bucket of its own too.  The subject is
-- kept as its SHA-256: the table never holds a draft token, an address
-- or an account in clear.  The windows end at expires_at, so the sweep
-- needs to know no purpose's window (src/dbq_login.c throttle_rules[]).
-- Windows last at most a day: nothing of the old table is worth keeping.

DROP TABLE IF EXISTS throttle;
CREATE TABLE throttle (
	purpose		VARCHAR(16) CHARACTER SET ascii NOT NULL,
	subject_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	expires_at	DATETIME NOT NULL,	-- the window ends
	hits		INT NOT NULL DEFAULT 0,
	PRIMARY KEY (purpose, subject_hash),
	KEY throttle_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A password reset link (CORE-8).  Asking for one changes nothing of
-- the account: the current password works until the link is used.  The
-- link's token is split: `selector` (its first 16 characters) finds the
-- row, and the SHA-256 of the whole token is compared in constant time
-- (src/password_temp.c); the token itself is never stored.  Using the
-- link deletes its row in the transaction that sets the new password.
CREATE TABLE IF NOT EXISTS password_reset (
	selector	CHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
			    PRIMARY KEY,
	token_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	expires_at	DATETIME NOT NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY password_reset_user (tenant, uid),
	KEY password_reset_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
