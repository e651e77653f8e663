-- Issue 10: a member's own rows kept by the worker between requests.
--
-- A member at the deadline goes back and forth between the pages of one
-- application; each read the same rows (the application, its values,
-- sections, files and fees, and what its rules count: credits, dues,
-- the July expectations) in a statement of five parts, about 0.9 ms of
-- MariaDB per page.  The worker now keeps them (src/core/owncache.c)
-- under account.data_ver, which these triggers bump in the transaction
-- of any change to such a row, whoever makes it (the member, the
-- office, an import, a DBA).  The copy is also stamped with facts_ver
-- (sql/030: app, certificate, cases, membership) and the reference-data
-- version (offerings; credit events below), so a change to any table
-- a kept statement reads makes the next request read it again.
-- tests/integration/154-own-rows fails when a kept statement reads a
-- table without its triggers.
--
-- Rows deleted by a cascade fire no trigger: app_value, app_section,
-- fee and second_expect go with their app (whose trigger bumps
-- facts_ver), credit with its credit_event (whose trigger bumps the
-- reference-data version).

ALTER TABLE account ADD COLUMN IF NOT EXISTS data_ver bigint unsigned
    NOT NULL DEFAULT 0
    COMMENT 'bumped by triggers on any change of the member''s own rows (owncache)';


-- app_value: the member is the owner of its application.
DROP TRIGGER IF EXISTS own_value_ins;
CREATE TRIGGER own_value_ins AFTER INSERT ON app_value FOR EACH ROW UPDATE account a JOIN app p ON p.tenant = a.tenant AND p.uid = a.uid SET a.data_ver = a.data_ver + 1 WHERE p.id = NEW.app_id;
DROP TRIGGER IF EXISTS own_value_upd;
CREATE TRIGGER own_value_upd AFTER UPDATE ON app_value FOR EACH ROW UPDATE account a JOIN app p ON p.tenant = a.tenant AND p.uid = a.uid SET a.data_ver = a.data_ver + 1 WHERE p.id = NEW.app_id OR p.id = OLD.app_id;
DROP TRIGGER IF EXISTS own_value_del;
CREATE TRIGGER own_value_del AFTER DELETE ON app_value FOR EACH ROW UPDATE account a JOIN app p ON p.tenant = a.tenant AND p.uid = a.uid SET a.data_ver = a.data_ver + 1 WHERE p.id = OLD.app_id;

-- app_section: the member is the owner of its application.
DROP TRIGGER IF EXISTS own_section_ins;
CREATE TRIGGER own_section_ins AFTER INSERT ON app_section FOR EACH ROW UPDATE account a JOIN app p ON p.tenant = a.tenant AND p.uid = a.uid SET a.data_ver = a.data_ver + 1 WHERE p.id = NEW.app_id;
DROP TRIGGER IF EXISTS own_section_upd;
CREATE TRIGGER own_section_upd AFTER UPDATE ON app_section FOR EACH ROW UPDATE account a JOIN app p ON p.tenant = a.tenant AND p.uid = a.uid SET a.data_ver = a.data_ver + 1 WHERE p.id = NEW.app_id OR p.id = OLD.app_id;
DROP TRIGGER IF EXISTS own_section_del;
CREATE TRIGGER own_section_del AFTER DELETE ON app_section FOR EACH ROW UPDATE account a JOIN app p ON p.tenant = a.tenant AND p.uid = a.uid SET a.data_ver = a.data_ver + 1 WHERE p.id = OLD.app_id;

-- fee: the member is the owner of its application.
DROP TRIGGER IF EXISTS own_fee_ins;
CREATE TRIGGER own_fee_ins AFTER INSERT ON fee FOR EACH ROW UPDATE account a JOIN app p ON p.tenant = a.tenant AND p.uid = a.uid SET a.data_ver = a.data_ver + 1 WHERE p.id = NEW.app_id;
DROP TRIGGER IF EXISTS own_fee_upd;
CREATE TRIGGER own_fee_upd AFTER UPDATE ON fee FOR EACH ROW UPDATE account a JOIN app p ON p.tenant = a.tenant AND p.uid = a.uid SET a.data_ver = a.data_ver + 1 WHERE p.id = NEW.app_id OR p.id = OLD.app_id;
DROP TRIGGER IF EXISTS own_fee_del;
CREATE TRIGGER own_fee_del AFTER DELETE ON fee FOR EACH ROW UPDATE account a JOIN app p ON p.tenant = a.tenant AND p.uid = a.uid SET a.data_ver = a.data_ver + 1 WHERE p.id = OLD.app_id;

-- second_expect: the member is the owner of its application.
DROP TRIGGER IF EXISTS own_expect_ins;
CREATE TRIGGER own_expect_ins AFTER INSERT ON second_expect FOR EACH ROW UPDATE account a JOIN app p ON p.tenant = a.tenant AND p.uid = a.uid SET a.data_ver = a.data_ver + 1 WHERE p.id = NEW.app_id;
DROP TRIGGER IF EXISTS own_expect_upd;
CREATE TRIGGER own_expect_upd AFTER UPDATE ON second_expect FOR EACH ROW UPDATE account a JOIN app p ON p.tenant = a.tenant AND p.uid = a.uid SET a.data_ver = a.data_ver + 1 WHERE p.id = NEW.app_id OR p.id = OLD.app_id;
DROP TRIGGER IF EXISTS own_expect_del;
CREATE TRIGGER own_expect_del AFTER DELETE ON second_expect FOR EACH ROW UPDATE account a JOIN app p ON p.tenant = a.tenant AND p.uid = a.uid SET a.data_ver = a.data_ver + 1 WHERE p.id = OLD.app_id;

-- credit: the member is its uid.
DROP TRIGGER IF EXISTS own_credit_ins;
CREATE TRIGGER own_credit_ins AFTER INSERT ON credit FOR EACH ROW UPDATE account SET data_ver = data_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.uid);
DROP TRIGGER IF EXISTS own_credit_upd;
CREATE TRIGGER own_credit_upd AFTER UPDATE ON credit FOR EACH ROW UPDATE account SET data_ver = data_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.uid) OR (tenant = OLD.tenant AND uid = OLD.uid);
DROP TRIGGER IF EXISTS own_credit_del;
CREATE TRIGGER own_credit_del AFTER DELETE ON credit FOR EACH ROW UPDATE account SET data_ver = data_ver + 1 WHERE (tenant = OLD.tenant AND uid = OLD.uid);

-- certify_dues: the member is its uid.
DROP TRIGGER IF EXISTS own_dues_ins;
CREATE TRIGGER own_dues_ins AFTER INSERT ON certify_dues FOR EACH ROW UPDATE account SET data_ver = data_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.uid);
DROP TRIGGER IF EXISTS own_dues_upd;
CREATE TRIGGER own_dues_upd AFTER UPDATE ON certify_dues FOR EACH ROW UPDATE account SET data_ver = data_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.uid) OR (tenant = OLD.tenant AND uid = OLD.uid);
DROP TRIGGER IF EXISTS own_dues_del;
CREATE TRIGGER own_dues_del AFTER DELETE ON certify_dues FOR EACH ROW UPDATE account SET data_ver = data_ver + 1 WHERE (tenant = OLD.tenant AND uid = OLD.uid);

-- upload: the member is its owner_uid.
DROP TRIGGER IF EXISTS own_upload_ins;
CREATE TRIGGER own_upload_ins AFTER INSERT ON upload FOR EACH ROW UPDATE account SET data_ver = data_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.owner_uid);
DROP TRIGGER IF EXISTS own_upload_upd;
CREATE TRIGGER own_upload_upd AFTER UPDATE ON upload FOR EACH ROW UPDATE account SET data_ver = data_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.owner_uid) OR (tenant = OLD.tenant AND uid = OLD.owner_uid);
DROP TRIGGER IF EXISTS own_upload_del;
CREATE TRIGGER own_upload_del AFTER DELETE ON upload FOR EACH ROW UPDATE account SET data_ver = data_ver + 1 WHERE (tenant = OLD.tenant AND uid = OLD.owner_uid);

-- credit_event: its title, day and kind are shown and counted with the
-- member's credits; a deleted event takes its credits with it.  (A new
-- event has no credits yet; its trigger keeps the rule simple: every
-- table a kept statement reads has all three.)
DROP TRIGGER IF EXISTS refver_credit_event_ins;
CREATE TRIGGER refver_credit_event_ins AFTER INSERT ON credit_event FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_credit_event_upd;
CREATE TRIGGER refver_credit_event_upd AFTER UPDATE ON credit_event FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_credit_event_del;
CREATE TRIGGER refver_credit_event_del AFTER DELETE ON credit_event FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
