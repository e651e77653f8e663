-- 018_credit.sql — events, attendance and credits (issue 13 CME-1,
-- CME-2; used by palliative's seminar requirement PAL-5 and oncology's
-- seminar credits ONC-9/ONC-13).  src/credit/ serves them: the member's
-- ledger (/credits), the organizers' events and attendance (/events),
-- the tenant admin's list (/admin/events), and credit.h for products.
--
-- A credit is one line of a member's ledger: from an event's attendance
-- (source 'event': one row per curriculum code of the event), from
-- e-learning, or self-reported with a certificate upload.  Its fiscal
-- year (April–March; the dates are Japan-calendar dates) is a stored
-- column so the ledger's filter and totals use an index.

-- Curriculum codes per tenant (medassoc: the 日医生涯教育カリキュラム
-- codes 0–84).  Read-mostly: cached per worker (refcache, triggers
-- below).
CREATE TABLE IF NOT EXISTS credit_code (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	code		VARCHAR(8) COLLATE utf8mb4_bin NOT NULL,
	name		VARCHAR(100) NOT NULL,
	sort		INT NOT NULL DEFAULT 0,
	PRIMARY KEY (tenant, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An event (seminar, meeting, lecture, e-learning course): its number
-- is the event code organizers and CSV files name, unique per tenant.
-- units: what one attendance is worth when the event has no curriculum
-- codes (palliative's and oncology's seminars); with codes, each
-- credit_event_code row carries its own units.
CREATE TABLE IF NOT EXISTS credit_event (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	number		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	title		VARCHAR(200) NOT NULL,
	kind		VARCHAR(32) CHARACTER SET ascii NOT NULL,
	series		VARCHAR(16) COLLATE utf8mb4_bin NULL,
	held_on		DATE NOT NULL,
	place		VARCHAR(200) NOT NULL DEFAULT '',
	organizer_uid	VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	units		DECIMAL(6,1) NOT NULL DEFAULT 0,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY credit_event_number (tenant, number),
	KEY credit_event_organizer (tenant, organizer_uid, held_on),
	KEY credit_event_held (tenant, held_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS credit_event_code (
	event_id	BIGINT UNSIGNED NOT NULL,
	code		VARCHAR(8) COLLATE utf8mb4_bin NOT NULL,
	units		DECIMAL(6,1) NOT NULL,
	PRIMARY KEY (event_id, code),
	CONSTRAINT credit_event_code_event FOREIGN KEY (event_id)
	    REFERENCES credit_event (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Who attended an event (CME-2): the source of the event's credits.
-- units NULL: the event's own; else what the organizer recorded for
-- this attendee (an event without codes, or with one).  Editing the
-- event rewrites its credits from these rows in one transaction.
CREATE TABLE IF NOT EXISTS credit_attendance (
	event_id	BIGINT UNSIGNED NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	units		DECIMAL(6,1) NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (event_id, uid),
	KEY credit_attendance_uid (uid),
	CONSTRAINT credit_attendance_event FOREIGN KEY (event_id)
	    REFERENCES credit_event (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The ledger.  code NULL: a credit without a curriculum code; code_key
-- makes (event, member, code) unique even then (NULLs never collide in
-- a UNIQUE key).
CREATE TABLE IF NOT EXISTS credit (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	source		ENUM('event','elearning','self') NOT NULL,
	event_id	BIGINT UNSIGNED NULL,
	code		VARCHAR(8) COLLATE utf8mb4_bin NULL,
	units		DECIMAL(6,1) NOT NULL,
	earned_on	DATE NOT NULL,
	fy		SMALLINT AS (YEAR(earned_on) - (MONTH(earned_on) < 4))
			    PERSISTENT,
	code_key	VARCHAR(8) COLLATE utf8mb4_bin AS (IFNULL(code, ''))
			    PERSISTENT,
	title		VARCHAR(200) NOT NULL DEFAULT '',
	upload_id	BIGINT UNSIGNED NULL,		-- the certificate
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY credit_event_uid_code (event_id, uid, code_key),
	KEY credit_ledger (tenant, uid, earned_on),
	KEY credit_fy (tenant, uid, fy),
	CONSTRAINT credit_event_fk FOREIGN KEY (event_id)
	    REFERENCES credit_event (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DROP TRIGGER IF EXISTS refver_credit_code_ins;
CREATE TRIGGER refver_credit_code_ins AFTER INSERT ON credit_code FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_credit_code_upd;
CREATE TRIGGER refver_credit_code_upd AFTER UPDATE ON credit_code FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_credit_code_del;
CREATE TRIGGER refver_credit_code_del AFTER DELETE ON credit_code FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;

-- medassoc's curriculum codes (日本医師会生涯教育カリキュラム〈2016〉, seed
-- 004's 「カリキュラムコード」): shipped as data, editable by SQL.
INSERT IGNORE INTO credit_code (tenant, code, name, sort) VALUES
('medassoc', '0', '最新のトピックス・その他', 0),
('medassoc', '1', '医師のプロフェッショナリズム', 1),
('medassoc', '2', '医療倫理：臨床倫理', 2),
('medassoc', '3', '医療倫理：研究倫理と生命倫理', 3),
('medassoc', '4', '医師－患者関係とコミュニケーション', 4),
('medassoc', '5', '心理社会的アプローチ', 5),
('medassoc', '6', '医療制度と法律', 6),
('medassoc', '7', '医療の質と安全', 7),
('medassoc', '8', '感染対策', 8),
('medassoc', '9', '医療情報', 9),
('medassoc', '10', 'チーム医療', 10),
('medassoc', '11', '予防と保健', 11),
('medassoc', '12', '地域医療', 12),
('medassoc', '13', '医療と介護および福祉の連携', 13),
('medassoc', '14', '災害医療', 14),
('medassoc', '15', '臨床問題解決のプロセス', 15),
('medassoc', '16', 'ショック', 16),
('medassoc', '17', '急性中毒', 17),
('medassoc', '18', '全身倦怠感', 18),
('medassoc', '19', '身体機能の低下', 19),
('medassoc', '20', '不眠（睡眠障害）', 20),
('medassoc', '21', '食欲不振', 21),
('medassoc', '22', '体重減少・るい痩', 22),
('medassoc', '23', '体重増加・肥満', 23),
('medassoc', '24', '浮腫', 24),
('medassoc', '25', 'リンパ節腫脹', 25),
('medassoc', '26', '発疹', 26),
('medassoc', '27', '黄疸', 27),
('medassoc', '28', '発熱', 28),
('medassoc', '29', '認知能の障害', 29),
('medassoc', '30', '頭痛', 30),
('medassoc', '31', 'めまい', 31),
('medassoc', '32', '意識障害', 32),
('medassoc', '33', '失神', 33),
('medassoc', '34', '言語障害', 34),
('medassoc', '35', 'けいれん発作', 35),
('medassoc', '36', '視力障害、視野狭窄', 36),
('medassoc', '37', '目の充血', 37),
('medassoc', '38', '聴覚障害', 38),
('medassoc', '39', '鼻漏・鼻閉', 39),
('medassoc', '40', '鼻出血', 40),
('medassoc', '41', '嗄声', 41),
('medassoc', '42', '胸痛', 42),
('medassoc', '43', '動悸', 43),
('medassoc', '44', '心肺停止', 44),
('medassoc', '45', '呼吸困難', 45),
('medassoc', '46', '咳・痰', 46),
('medassoc', '47', '誤嚥', 47),
('medassoc', '48', '誤飲', 48),
('medassoc', '49', '嚥下困難', 49),
('medassoc', '50', '吐血・下血', 50),
('medassoc', '51', '嘔気・嘔吐', 51),
('medassoc', '52', '胸やけ', 52),
('medassoc', '53', '腹痛', 53),
('medassoc', '54', '便通異常（下痢、便秘）', 54),
('medassoc', '55', '肛門・会陰部痛', 55),
('medassoc', '56', '熱傷', 56),
('medassoc', '57', '外傷', 57),
('medassoc', '58', '褥瘡', 58),
('medassoc', '59', '背部痛', 59),
('medassoc', '60', '腰痛', 60),
('medassoc', '61', '関節痛', 61),
('medassoc', '62', '歩行障害', 62),
('medassoc', '63', '四肢のしびれ', 63),
('medassoc', '64', '肉眼的血尿', 64),
('medassoc', '65', '排尿障害（尿失禁・排尿困難）', 65),
('medassoc', '66', '乏尿・尿閉', 66),
('medassoc', '67', '多尿', 67),
('medassoc', '68', '精神科領域の救急', 68),
('medassoc', '69', '不安', 69),
('medassoc', '70', '気分の障害（うつ）', 70),
('medassoc', '71', '流・早産および満期産', 71),
('medassoc', '72', '成長・発達の障害', 72),
('medassoc', '73', '慢性疾患・複合疾患の管理', 73),
('medassoc', '74', '高血圧症', 74),
('medassoc', '75', '脂質異常症', 75),
('medassoc', '76', '糖尿病', 76),
('medassoc', '77', '骨粗鬆症', 77),
('medassoc', '78', '脳血管障害の後遺症', 78),
('medassoc', '79', '気管支喘息', 79),
('medassoc', '80', '在宅医療', 80),
('medassoc', '81', '終末期のケア', 81),
('medassoc', '82', '生活習慣', 82),
('medassoc', '83', '相談・支援・紹介', 83),
('medassoc', '84', '予防接種', 84);
