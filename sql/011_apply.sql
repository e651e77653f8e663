-- 011_apply.sql — applications as a platform service (issue 9; CORE-12,
-- CORE-18, CORE-19): offerings with their windows, applications with
-- sections, rows and a server-side draft, and the snapshot of each
-- submission.  What an offering asks (sections, fields, checks, review
-- stages) is code, in its feature's struct apply_offering; the rows here
-- are only the data.  Times are Japan time (DATETIME as clock.c prints
-- it); windows are compared with clock_now() passed in, never NOW().

-- An offering: one kind of application of one tenant for one year, open
-- from open_at to close_at inclusive, to the second.
CREATE TABLE IF NOT EXISTS offering (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	feature		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	kind		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	year		SMALLINT NOT NULL,
	open_at		DATETIME NOT NULL,
	close_at	DATETIME NOT NULL,
	UNIQUE KEY offering_year (tenant, kind, year),
	KEY offering_open (tenant, kind, open_at),
	CONSTRAINT offering_tenant FOREIGN KEY (tenant) REFERENCES tenant (slug),
	CONSTRAINT offering_window CHECK (open_at < close_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- An application.  live is 1 while it counts (draft, submitted, returned,
-- approved) and NULL once it is over (rejected, withdrawn): the unique
-- key allows one live application per member and offering, so two tabs
-- starting one make one.  Submission is the conditional UPDATE of state
-- (draft/returned → submitted) on this row, so fifty simultaneous
-- submits make one.  stage indexes the offering's review stages; scope
-- is the reviewer scope of that stage ("*", "uid:<uid>", "domain:01").
CREATE TABLE IF NOT EXISTS app (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	offering_id	BIGINT UNSIGNED NOT NULL,
	ref		BIGINT NULL,			-- the feature's: e.g. a program id
	number		VARCHAR(32) COLLATE utf8mb4_bin NULL,	-- 申請番号
	state		ENUM('draft','submitted','returned','approved',
			    'rejected','withdrawn') NOT NULL DEFAULT 'draft',
	stage		TINYINT NOT NULL DEFAULT 0,
	scope		VARCHAR(80) COLLATE utf8mb4_bin NOT NULL DEFAULT '',
	version		INT NOT NULL DEFAULT 0,		-- submissions so far
	live		TINYINT NULL DEFAULT 1,
	created_at	DATETIME NOT NULL,
	updated_at	DATETIME NOT NULL,
	submitted_at	DATETIME NULL,			-- the latest submission
	decided_at	DATETIME NULL,
	return_comment	TEXT NULL,
	UNIQUE KEY app_live (tenant, offering_id, uid, live),
	UNIQUE KEY app_number (tenant, number),
	KEY app_user (tenant, uid),
	KEY app_queue (tenant, offering_id, state, stage, submitted_at),
	CONSTRAINT app_tenant FOREIGN KEY (tenant) REFERENCES tenant (slug),
	CONSTRAINT app_offering FOREIGN KEY (offering_id)
	    REFERENCES offering (id),
	CONSTRAINT app_live_state CHECK (
	    (state IN ('draft','submitted','returned','approved') AND live = 1)
	    OR (state IN ('rejected','withdrawn') AND live IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A section's state: 未登録 (blank), 登録中 (progress), 登録済 (done).
CREATE TABLE IF NOT EXISTS app_section (
	app_id		BIGINT UNSIGNED NOT NULL,
	section		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	state		ENUM('blank','progress','done') NOT NULL DEFAULT 'blank',
	updated_at	DATETIME NOT NULL,
	PRIMARY KEY (app_id, section),
	CONSTRAINT app_section_app FOREIGN KEY (app_id) REFERENCES app (id)
	    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The draft: every value as typed, valid or not (CORE-12: nothing typed
-- is lost; errors are shown again from it).  row_id 0 is a one-form
-- section; repeating rows count from 1.  An F_FILE value is an upload id.
CREATE TABLE IF NOT EXISTS app_value (
	app_id		BIGINT UNSIGNED NOT NULL,
	section		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	row_id		INT NOT NULL,
	field		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	value		TEXT NOT NULL,
	PRIMARY KEY (app_id, section, row_id, field),
	CONSTRAINT app_value_app FOREIGN KEY (app_id) REFERENCES app (id)
	    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What was submitted, as the XML of apply_app_model() at that moment:
-- reviewers and the PDF read this, never the later draft.  Written once
-- per submission (version), never changed: triggers refuse UPDATE and
-- DELETE, as for audit.
CREATE TABLE IF NOT EXISTS app_snapshot (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	app_id		BIGINT UNSIGNED NOT NULL,
	version		INT NOT NULL,
	xml		MEDIUMTEXT NOT NULL,
	created_at	DATETIME NOT NULL,
	UNIQUE KEY snapshot_version (app_id, version),
	CONSTRAINT app_snapshot_app FOREIGN KEY (app_id) REFERENCES app (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DROP TRIGGER IF EXISTS app_snapshot_no_update;
CREATE TRIGGER app_snapshot_no_update BEFORE UPDATE ON app_snapshot FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'app_snapshot is immutable';
DROP TRIGGER IF EXISTS app_snapshot_no_delete;
CREATE TRIGGER app_snapshot_no_delete BEFORE DELETE ON app_snapshot FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'app_snapshot is immutable';
