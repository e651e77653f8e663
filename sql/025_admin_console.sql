-- 025_admin_console.sql — the tenant admin console's history of imports
-- (ADM-1, issue 14).  Every commit of the platform's CSV import
-- (apply/import.c) writes one row here in its own transaction, with the
-- product's writes and the audit line: who, when, which import, how
-- many rows, the file's SHA-256 and the file itself, so an office can
-- download exactly what was loaded.  A file is at most 8 MiB
-- (IMPORT_MAXBYTES): MEDIUMBLOB holds it.

CREATE TABLE IF NOT EXISTS import_history (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	name		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL, -- import_spec
	path		VARCHAR(200) COLLATE utf8mb4_bin NOT NULL, -- its page
	filename	VARCHAR(255) NOT NULL,
	sha256		CHAR(64) NOT NULL,	-- of the file, hex
	bytes		INT UNSIGNED NOT NULL,
	nrows		INT UNSIGNED NOT NULL,	-- rows it wrote
	tallies		VARCHAR(500) NOT NULL DEFAULT '', -- "key=n,…"
	actor		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	at		DATETIME NOT NULL,
	data		MEDIUMBLOB NULL,	-- the file; NULL: not kept
	KEY import_history_tenant (tenant, id),
	KEY import_history_name (tenant, name, id),
	CONSTRAINT import_history_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The queues page filters every feature's applications by offering,
-- year and state, and by a reviewer's actions.
ALTER TABLE app_event
	ADD KEY IF NOT EXISTS app_event_actor (tenant, actor, app_id);

-- The fee CSV is on the platform's import now (issue 14): its history
-- moves into import_history under the same ids (the file itself was
-- never kept: data NULL), the fees' import_id follows, fee_import goes.
INSERT IGNORE INTO import_history (id, tenant, name, path, filename, sha256,
    bytes, nrows, tallies, actor, at, data)
SELECT id, tenant, 'fee', '/admin/fees/import', filename, sha256, 0, nrows,
    CONCAT('yen=', total), actor, at, NULL FROM fee_import;
ALTER TABLE fee DROP FOREIGN KEY IF EXISTS fee_fk_import;
ALTER TABLE fee ADD CONSTRAINT fee_fk_import_history FOREIGN KEY (import_id)
    REFERENCES import_history (id);
DROP TABLE IF EXISTS fee_import;
