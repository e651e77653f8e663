-- Issue 10: the session statement, which every signed-in request runs,
-- without subqueries (each scalar subquery cost MariaDB 50-70 us, most
-- of it in the optimizer).
--
-- 1. The member's roles come from the account row instead of a
-- GROUP_CONCAT subquery over role.  Triggers
-- keep account.roles equal to the role rows whoever changes them
-- (admin pages, shikakuctl, demo seeds, a DBA), as sql/015_refdata.sql
-- does for the reference-data version.  role rows always have their
-- account (FOREIGN KEY role_account), and a cascade from a deleted
-- account fires no trigger but leaves nothing to describe.

ALTER TABLE account ADD COLUMN IF NOT EXISTS roles varchar(255)
    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL
    COMMENT 'GROUP_CONCAT(role ORDER BY role) of this account''s role rows (triggers)';

DROP TRIGGER IF EXISTS account_roles_ins;
CREATE TRIGGER account_roles_ins AFTER INSERT ON role FOR EACH ROW UPDATE account a SET a.roles = (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM role r WHERE r.tenant = NEW.tenant AND r.uid = NEW.uid) WHERE a.tenant = NEW.tenant AND a.uid = NEW.uid;
DROP TRIGGER IF EXISTS account_roles_del;
CREATE TRIGGER account_roles_del AFTER DELETE ON role FOR EACH ROW UPDATE account a SET a.roles = (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM role r WHERE r.tenant = OLD.tenant AND r.uid = OLD.uid) WHERE a.tenant = OLD.tenant AND a.uid = OLD.uid;
DROP TRIGGER IF EXISTS account_roles_upd;
CREATE TRIGGER account_roles_upd AFTER UPDATE ON role FOR EACH ROW UPDATE account a SET a.roles = (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM role r WHERE r.tenant = a.tenant AND r.uid = a.uid) WHERE (a.tenant = OLD.tenant AND a.uid = OLD.uid) OR (a.tenant = NEW.tenant AND a.uid = NEW.uid);

UPDATE account a SET a.roles = (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM role r WHERE r.tenant = a.tenant AND r.uid = a.uid);

-- 2. The features' facts (each feature's session_sql, feature.h: the
-- member's live applications, cases, certificates, … that the menu and
-- 現在の状況 need) are kept by each worker per member under
-- account.facts_ver (src/core/facts.c), which these triggers bump in the
-- transaction of any change to a table the facts read.  A session_sql
-- that reads a new table needs its three triggers here (a later
-- migration): tests/integration/117-session-facts fails until it has
-- them.

ALTER TABLE account ADD COLUMN IF NOT EXISTS facts_ver bigint unsigned
    NOT NULL DEFAULT 0
    COMMENT 'bumped by triggers on any change of the member''s feature facts';

DROP TRIGGER IF EXISTS facts_app_ins;
CREATE TRIGGER facts_app_ins AFTER INSERT ON app FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = NEW.tenant AND uid = NEW.uid;
DROP TRIGGER IF EXISTS facts_app_upd;
CREATE TRIGGER facts_app_upd AFTER UPDATE ON app FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.uid) OR (tenant = OLD.tenant AND uid = OLD.uid);
DROP TRIGGER IF EXISTS facts_app_del;
CREATE TRIGGER facts_app_del AFTER DELETE ON app FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = OLD.tenant AND uid = OLD.uid;

DROP TRIGGER IF EXISTS facts_application_ins;
CREATE TRIGGER facts_application_ins AFTER INSERT ON application FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = NEW.tenant AND uid = NEW.uid;
DROP TRIGGER IF EXISTS facts_application_upd;
CREATE TRIGGER facts_application_upd AFTER UPDATE ON application FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.uid) OR (tenant = OLD.tenant AND uid = OLD.uid);
DROP TRIGGER IF EXISTS facts_application_del;
CREATE TRIGGER facts_application_del AFTER DELETE ON application FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = OLD.tenant AND uid = OLD.uid;

DROP TRIGGER IF EXISTS facts_certificate_ins;
CREATE TRIGGER facts_certificate_ins AFTER INSERT ON certificate FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = NEW.tenant AND uid = NEW.uid;
DROP TRIGGER IF EXISTS facts_certificate_upd;
CREATE TRIGGER facts_certificate_upd AFTER UPDATE ON certificate FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.uid) OR (tenant = OLD.tenant AND uid = OLD.uid);
DROP TRIGGER IF EXISTS facts_certificate_del;
CREATE TRIGGER facts_certificate_del AFTER DELETE ON certificate FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = OLD.tenant AND uid = OLD.uid;

DROP TRIGGER IF EXISTS facts_certify_case_ins;
CREATE TRIGGER facts_certify_case_ins AFTER INSERT ON certify_case FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = NEW.tenant AND uid = NEW.uid;
DROP TRIGGER IF EXISTS facts_certify_case_upd;
CREATE TRIGGER facts_certify_case_upd AFTER UPDATE ON certify_case FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.uid) OR (tenant = OLD.tenant AND uid = OLD.uid);
DROP TRIGGER IF EXISTS facts_certify_case_del;
CREATE TRIGGER facts_certify_case_del AFTER DELETE ON certify_case FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = OLD.tenant AND uid = OLD.uid;

DROP TRIGGER IF EXISTS facts_certify_membership_ins;
CREATE TRIGGER facts_certify_membership_ins AFTER INSERT ON certify_membership FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = NEW.tenant AND uid = NEW.uid;
DROP TRIGGER IF EXISTS facts_certify_membership_upd;
CREATE TRIGGER facts_certify_membership_upd AFTER UPDATE ON certify_membership FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.uid) OR (tenant = OLD.tenant AND uid = OLD.uid);
DROP TRIGGER IF EXISTS facts_certify_membership_del;
CREATE TRIGGER facts_certify_membership_del AFTER DELETE ON certify_membership FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = OLD.tenant AND uid = OLD.uid;

DROP TRIGGER IF EXISTS facts_cme_member_ins;
CREATE TRIGGER facts_cme_member_ins AFTER INSERT ON cme_member FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = NEW.tenant AND uid = NEW.uid;
DROP TRIGGER IF EXISTS facts_cme_member_upd;
CREATE TRIGGER facts_cme_member_upd AFTER UPDATE ON cme_member FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.uid) OR (tenant = OLD.tenant AND uid = OLD.uid);
DROP TRIGGER IF EXISTS facts_cme_member_del;
CREATE TRIGGER facts_cme_member_del AFTER DELETE ON cme_member FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = OLD.tenant AND uid = OLD.uid;

DROP TRIGGER IF EXISTS facts_renewal_entry_ins;
CREATE TRIGGER facts_renewal_entry_ins AFTER INSERT ON renewal_entry FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = NEW.tenant AND uid = NEW.uid;
DROP TRIGGER IF EXISTS facts_renewal_entry_upd;
CREATE TRIGGER facts_renewal_entry_upd AFTER UPDATE ON renewal_entry FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.uid) OR (tenant = OLD.tenant AND uid = OLD.uid);
DROP TRIGGER IF EXISTS facts_renewal_entry_del;
CREATE TRIGGER facts_renewal_entry_del AFTER DELETE ON renewal_entry FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = OLD.tenant AND uid = OLD.uid;

DROP TRIGGER IF EXISTS facts_renewal_exam_ins;
CREATE TRIGGER facts_renewal_exam_ins AFTER INSERT ON renewal_exam FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = NEW.tenant AND uid = NEW.uid;
DROP TRIGGER IF EXISTS facts_renewal_exam_upd;
CREATE TRIGGER facts_renewal_exam_upd AFTER UPDATE ON renewal_exam FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE (tenant = NEW.tenant AND uid = NEW.uid) OR (tenant = OLD.tenant AND uid = OLD.uid);
DROP TRIGGER IF EXISTS facts_renewal_exam_del;
CREATE TRIGGER facts_renewal_exam_del AFTER DELETE ON renewal_exam FOR EACH ROW UPDATE account SET facts_ver = facts_ver + 1 WHERE tenant = OLD.tenant AND uid = OLD.uid;
