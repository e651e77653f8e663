-- Issue 10: reference data cached per worker.  Read-mostly rows that
-- every signed-in page's menu or model needs (recruitment rounds, terms
-- versions, offerings, …) are kept by each worker and read again only
-- when the version here has moved.  The session statement
-- (dbq_session_get()) returns it, so checking costs no extra statement.
-- Triggers bump it on ANY change of a cached table, whoever makes it
-- (the portal, shikakuctl, an operator's SQL): no code path can forget
-- to.  A table whose rows a feature caches gets its three triggers here
-- or in that feature's migration.
--
-- One row for every tenant: such changes are rare, and a trigger may
-- only UPDATE it (an INSERT … ON DUPLICATE KEY UPDATE in a trigger
-- would clear the insert id of the statement that fired it, which
-- dbq_round_put()'s upsert reads).
CREATE TABLE IF NOT EXISTS refdata_version (
	id		TINYINT UNSIGNED NOT NULL PRIMARY KEY,
	version		BIGINT UNSIGNED NOT NULL,
	CONSTRAINT refdata_version_one CHECK (id = 1)
) ENGINE=InnoDB;
INSERT IGNORE INTO refdata_version (id, version) VALUES (1, 1);

DROP TRIGGER IF EXISTS refver_terms_ins;
CREATE TRIGGER refver_terms_ins AFTER INSERT ON terms FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_terms_upd;
CREATE TRIGGER refver_terms_upd AFTER UPDATE ON terms FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_terms_del;
CREATE TRIGGER refver_terms_del AFTER DELETE ON terms FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;

DROP TRIGGER IF EXISTS refver_round_ins;
CREATE TRIGGER refver_round_ins AFTER INSERT ON recruit_round FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_round_upd;
CREATE TRIGGER refver_round_upd AFTER UPDATE ON recruit_round FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_round_del;
CREATE TRIGGER refver_round_del AFTER DELETE ON recruit_round FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;

-- The program catalogue: a program's detail (its facility, partners and
-- rotations) is drawn from the worker's copy (recruit.c app_model()).
DROP TRIGGER IF EXISTS refver_program_ins;
CREATE TRIGGER refver_program_ins AFTER INSERT ON program FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_program_upd;
CREATE TRIGGER refver_program_upd AFTER UPDATE ON program FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_program_del;
CREATE TRIGGER refver_program_del AFTER DELETE ON program FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_facility_ins;
CREATE TRIGGER refver_facility_ins AFTER INSERT ON facility FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_facility_upd;
CREATE TRIGGER refver_facility_upd AFTER UPDATE ON facility FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_facility_del;
CREATE TRIGGER refver_facility_del AFTER DELETE ON facility FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_partner_ins;
CREATE TRIGGER refver_partner_ins AFTER INSERT ON program_partner FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_partner_upd;
CREATE TRIGGER refver_partner_upd AFTER UPDATE ON program_partner FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_partner_del;
CREATE TRIGGER refver_partner_del AFTER DELETE ON program_partner FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_rotation_ins;
CREATE TRIGGER refver_rotation_ins AFTER INSERT ON program_rotation FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_rotation_upd;
CREATE TRIGGER refver_rotation_upd AFTER UPDATE ON program_rotation FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_rotation_del;
CREATE TRIGGER refver_rotation_del AFTER DELETE ON program_rotation FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;

-- Offering windows (apply.c window_cached()): every menu's note.
DROP TRIGGER IF EXISTS refver_offering_ins;
CREATE TRIGGER refver_offering_ins AFTER INSERT ON offering FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_offering_upd;
CREATE TRIGGER refver_offering_upd AFTER UPDATE ON offering FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_offering_del;
CREATE TRIGGER refver_offering_del AFTER DELETE ON offering FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
