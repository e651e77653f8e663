-- 002_identity.sql — who someone is and what they may touch (issue 3).
-- Passwords live in the directory only; this is the portal's side of an
-- account: lockout, TOTP, roles, sessions, mail, audit.  `tenant` is the
-- tenant slug, or '_ops' for central IT, which belongs to no tenant.

CREATE TABLE IF NOT EXISTS account (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	lang		CHAR(2) NOT NULL DEFAULT 'ja',
	must_change	TINYINT(1) NOT NULL DEFAULT 0,
	temp_expires	DATETIME NULL,		-- temporary password valid until
	failures	INT NOT NULL DEFAULT 0,	-- consecutive failed logins
	lock_count	INT NOT NULL DEFAULT 0,	-- locks so far: the next is longer
	locked_until	DATETIME NULL,
	totp_secret	VARBINARY(64) NULL,	-- raw secret, never logged
	totp_enabled	TINYINT(1) NOT NULL DEFAULT 0,
	totp_last_step	BIGINT NOT NULL DEFAULT 0,	-- replay guard
	terms_version	INT NOT NULL DEFAULT 0,
	terms_accepted	DATETIME NULL,
	created_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (tenant, uid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS role (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	role		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	granted_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (tenant, uid, role),
	CONSTRAINT role_account FOREIGN KEY (tenant, uid)
	    REFERENCES account (tenant, uid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS recovery_code (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	code_hash	CHAR(64) NOT NULL,	-- SHA-256 hex of the code
	used_at		DATETIME NULL,
	PRIMARY KEY (tenant, uid, code_hash),
	CONSTRAINT recovery_account FOREIGN KEY (tenant, uid)
	    REFERENCES account (tenant, uid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Server-side sessions: the cookie holds a random token, the table its
-- SHA-256, so a leaked table holds no usable cookie.
CREATE TABLE IF NOT EXISTS session (
	id_hash		CHAR(64) NOT NULL PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NULL,	-- NULL: anonymous
	name		VARCHAR(200) NULL,	-- display name, from the directory
	stage		TINYINT NOT NULL DEFAULT 0,	-- 0 anon, 1 needs TOTP, 2 in
	csrf		CHAR(43) NOT NULL,
	keep		TINYINT(1) NOT NULL DEFAULT 0,
	created_at	DATETIME NOT NULL,
	seen_at		DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,	-- absolute lifetime
	idle_s		INT NOT NULL,
	ip		VARCHAR(45) NOT NULL DEFAULT '',
	KEY session_user (tenant, uid),
	KEY session_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Failed logins per source address, for throttling (CORE-6).
CREATE TABLE IF NOT EXISTS throttle (
	ip		VARCHAR(45) NOT NULL PRIMARY KEY,
	window_start	DATETIME NOT NULL,
	failures	INT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Password reset / temporary password tokens are not stored: the
-- temporary password itself is set in the directory (CORE-8).

-- Mail to send, written in the same transaction as the action (CORE-14).
CREATE TABLE IF NOT EXISTS outbox (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	template	VARCHAR(64) NOT NULL,
	rcpt		VARCHAR(254) NOT NULL,
	subject		VARCHAR(300) NOT NULL,
	body		MEDIUMTEXT NOT NULL,
	state		ENUM('queued','sent','failed') NOT NULL DEFAULT 'queued',
	attempts	INT NOT NULL DEFAULT 0,
	next_try	DATETIME NOT NULL,
	last_error	VARCHAR(500) NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	sent_at		DATETIME NULL,
	KEY outbox_due (state, next_try),
	KEY outbox_tenant (tenant, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Append-only (CORE-15): the triggers below refuse UPDATE and DELETE
-- for every database user; removing them takes DDL rights the portal
-- never needs at run time.
CREATE TABLE IF NOT EXISTS audit (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	actor		VARCHAR(64) NULL,	-- uid, or NULL for anonymous
	action		VARCHAR(64) NOT NULL,	-- login, login.fail, lock, ...
	object		VARCHAR(200) NULL,
	ip		VARCHAR(45) NOT NULL DEFAULT '',
	detail		VARCHAR(1000) NULL,
	KEY audit_tenant (tenant, at),
	KEY audit_action (action, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DROP TRIGGER IF EXISTS audit_no_update;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit is append-only';
DROP TRIGGER IF EXISTS audit_no_delete;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit is append-only';

-- Terms of use, versioned per tenant (CORE-23).
CREATE TABLE IF NOT EXISTS terms (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	version		INT NOT NULL,
	body_ja		MEDIUMTEXT NOT NULL,
	body_en		MEDIUMTEXT NULL,
	published_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (tenant, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A POST that arrived after its session expired, offered back after
-- signing in again (CORE-12).  Kept for a day.
CREATE TABLE IF NOT EXISTS kept_post (
	id_hash		CHAR(64) NOT NULL PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	path		VARCHAR(512) NOT NULL,
	ctype		VARCHAR(200) NOT NULL,
	body		MEDIUMBLOB NOT NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB;
