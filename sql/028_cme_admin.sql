-- 028_cme_admin.sql — the tenant admin's reference lists of the medical
-- association (issue 13, CME tenant admins): the associations an
-- application goes to become the tenant's own list, edited on
-- /admin/cme/assocs (one by one or by CSV), like the curriculum codes
-- on /admin/credit/codes (credit_code is per tenant already).
--
-- cme_assoc was one list for every tenant (021); a tenant admin may now
-- change it, so it is keyed by tenant: another tenant's admin can never
-- rename this one's associations.  The rows shipped by 021 are
-- medassoc's.  sort follows the code (national, then each prefecture's
-- association followed by its local ones), so a row added by the
-- office needs no sort of its own.

ALTER TABLE cme_member DROP FOREIGN KEY cme_member_assoc_fk;

ALTER TABLE cme_assoc
	ADD COLUMN tenant VARCHAR(32) COLLATE utf8mb4_bin NOT NULL
	    DEFAULT 'medassoc' FIRST,
	DROP PRIMARY KEY,
	ADD PRIMARY KEY (tenant, code),
	DROP KEY cme_assoc_pref,
	ADD KEY cme_assoc_pref (tenant, pref, sort);

ALTER TABLE cme_assoc ALTER COLUMN tenant DROP DEFAULT;

UPDATE cme_assoc SET sort = CAST(code AS UNSIGNED);

ALTER TABLE cme_member ADD CONSTRAINT cme_member_assoc_fk
	FOREIGN KEY (tenant, assoc) REFERENCES cme_assoc (tenant, code);

-- The curriculum codes' admin page counts the credits naming each code
-- (/admin/credit/codes): one GROUP BY over the tenant's credits by this
-- index, not a scan of the ledger.
ALTER TABLE credit ADD KEY credit_by_code (tenant, code);
