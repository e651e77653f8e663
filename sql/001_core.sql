-- 001_core.sql — tenants and their public notices.
-- Tenant-scoped tables carry the tenant slug; every query filters on it
-- with the tenant taken from the request's host.

CREATE TABLE IF NOT EXISTS tenant (
	slug		VARCHAR(32) NOT NULL PRIMARY KEY,
	name_ja		VARCHAR(200) NOT NULL,
	name_en		VARCHAR(200) NOT NULL,
	hosts		VARCHAR(1000) NOT NULL,
	disabled	TINYINT(1) NOT NULL DEFAULT 0,
	created_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS notice (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	ref		VARCHAR(64) NOT NULL,
	posted_on	DATE NOT NULL,
	title_ja	VARCHAR(300) NOT NULL,
	title_en	VARCHAR(300) NULL,
	body_ja		TEXT NULL,
	body_en		TEXT NULL,
	UNIQUE KEY notice_ref (tenant, ref),
	KEY notice_recent (tenant, posted_on),
	CONSTRAINT notice_tenant FOREIGN KEY (tenant) REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
