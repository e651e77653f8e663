-- Issue 10: the session statement reads the member's roles from the
-- account row instead of a GROUP_CONCAT subquery over role on every
-- signed-in request (each scalar subquery cost MariaDB 50-70 us, most
-- of it in the optimizer, on a statement every page runs).  Triggers
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
