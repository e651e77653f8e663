-- 003_upload.sql — uploaded files (CORE-13): licence images, program
-- booklets, payment receipts, ...  Checked by content before they get
-- here (src/filetype.c); served back only to their owner, the tenant's
-- admins, or anyone when public (src/upload.c).
--
-- An upload belongs to a member (owner_uid) or, before there is an
-- account, to a registration draft: owner_draft is the SHA-256 of the
-- browser's draft token, never the token.  Registration hands the
-- draft's uploads to the new account (owner_uid set, owner_draft NULL).
--
-- The bytes live here so that every host behind the load balancer sees
-- them (DESIGN.md).  One file is at most the tenant's upload_max
-- (default 5 MiB) and below max_body (10 MiB), well under MEDIUMBLOB's
-- 16 MiB and MariaDB's default max_allowed_packet (16 MiB).  size and
-- sha256 are computed by the server from the stored bytes, so they can
-- never disagree with them.

CREATE TABLE IF NOT EXISTS upload (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	owner_uid	VARCHAR(64) COLLATE utf8mb4_bin NULL,
	owner_draft	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
	purpose		VARCHAR(32) CHARACTER SET ascii NOT NULL,	-- licence, booklet, ...
	field		VARCHAR(64) CHARACTER SET ascii NOT NULL,	-- the form field
	ctype		VARCHAR(32) CHARACTER SET ascii NOT NULL,	-- from the content
	filename	VARCHAR(255) NOT NULL,	-- as sent, for Content-Disposition only
	data		MEDIUMBLOB NOT NULL,
	size		BIGINT AS (OCTET_LENGTH(data)) STORED,
	sha256		CHAR(64) CHARACTER SET ascii AS (SHA2(data, 256)) STORED,
	state		ENUM('draft', 'submitted') NOT NULL DEFAULT 'draft',
	public		TINYINT(1) NOT NULL DEFAULT 0,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	submitted_at	DATETIME NULL,
	KEY upload_uid (tenant, owner_uid),
	KEY upload_draft (tenant, owner_draft),
	CONSTRAINT upload_owner CHECK (owner_uid IS NOT NULL OR
	    owner_draft IS NOT NULL),
	CONSTRAINT upload_tenant FOREIGN KEY (tenant) REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
