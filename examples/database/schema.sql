-- 新的社会阶层代表人士数据库（代表人士数据库）
--
-- 每开展一轮评价（动态管理），写入一行 rounds，并在同一事务中更新
-- representatives（当前在库人员）、追加 history（每轮留下的记录，含剔除）
-- 和 changes（本轮变动清单）。代码的含义：
--
--   名单 seat：      city 市级名单，county 县区级名单，none 在库未列入名单
--   群体 grp：       G1 民营企业和外商投资企业管理技术人员，G2 中介组织和社会组织从业人员，
--                    G3 自由职业人员，G4 新媒体从业人员
--   等次 grade：     A A级，B B级，C C级，D D级（D 级剔除，不在库）
--   职务级别 post：  1 国家级，2 省级，3 市级，4 县级；空为无
--   入库理由 basis： priority 职务优先入选，rank 按排序入选，coverage 群体覆盖名额入选，
--                    incumbent 在任留任，database 在库未列入名单
--   状态 status：    active 在库，removed 已剔除
--   理由 cause：     移出名单或未列入名单的：quota 名额已满，reserved 名额留给群体覆盖，
--                    lost_priority 不再具有优先职务，名额已满，grade 综合评价等次不能入选；
--                    剔除或未入库的（removed_for 也用这些）：grade_removed 综合评价等次应剔除，
--                    veto 一票否决，unqualified 不符合资格条件，not_new_strata 不再属于四个群体；
--                    沿用上次结果的（carried）：unassessed 未参加本轮评价，
--                    unclassified 本轮群体无法判定
--   变动 kind：      entered 新入库，stayed 未变动，moved 调整名单，listed 列入名单，
--                    dropped 移出名单，保留在库，left 剔除，rejected 未入库
--
-- 日期一律写作 2006-01-02；综合得分按原样保存小数位（85.50 不写成 85.5）；
-- 未填的值为 NULL。

-- 评价轮次：每轮一行。
CREATE TABLE IF NOT EXISTS rounds (
	id    INTEGER PRIMARY KEY, -- 轮次序号：1、2、3……
	as_of TEXT    NOT NULL,    -- 本轮日期，即本轮之后的数据库日期
	unit  TEXT    NOT NULL     -- 开展本轮的县区代码；全市统一开展的为空字符串
);

-- 本轮评价所用的政策：编号相同而校验码不同，说明规则改过。
CREATE TABLE IF NOT EXISTS round_policies (
	round_id    INTEGER NOT NULL REFERENCES rounds (id),
	policy      TEXT    NOT NULL, -- 政策编号，如 nanning-2019
	fingerprint TEXT    NOT NULL, -- 版本校验码
	people      INTEGER NOT NULL, -- 本轮按此政策评价的人数
	PRIMARY KEY (round_id, policy, fingerprint)
);

-- 代表人士：当前在库的每人一行。
CREATE TABLE IF NOT EXISTS representatives (
	key         TEXT    PRIMARY KEY, -- 登记编号
	unit        TEXT    NOT NULL,    -- 所属单位（县区代码）
	seat        TEXT    NOT NULL CHECK (seat IN ('city', 'county', 'none')), -- 名单
	list        TEXT,                -- 名单编号：市级名单为市的代码，县区级名单为县区代码
	seq         INTEGER,             -- 名单内序号（1 起，按排序），未列入名单的为空
	grp         TEXT    NOT NULL,    -- 群体
	secondary   TEXT,                -- 兼属群体，多个以“,”分隔
	grade       TEXT    NOT NULL,    -- 等次
	score       TEXT    NOT NULL,    -- 综合得分
	post        TEXT,                -- 职务级别（人大、政协或统战、社会组织领导职务的最高级别）
	assessed_on TEXT    NOT NULL,    -- 评价日期；本轮未评价而沿用上次结果的，仍是上次的日期
	policy      TEXT    NOT NULL,    -- 评价所用政策编号
	fingerprint TEXT    NOT NULL,    -- 评价所用政策的版本校验码
	basis       TEXT    NOT NULL,    -- 入库理由
	since       TEXT    NOT NULL,    -- 入库日期（本次在库）
	round_id    INTEGER NOT NULL REFERENCES rounds (id) -- 写入此行的轮次
);
CREATE INDEX IF NOT EXISTS representatives_unit ON representatives (unit, seat);

-- 历史：每轮为其范围内的每人留下的一行（在库的，或本轮剔除的），从不改写。
-- 剔除的行记着剔除日期、理由和说明；之后重新入库的人另有新的在库行。
CREATE TABLE IF NOT EXISTS history (
	id          INTEGER PRIMARY KEY,
	round_id    INTEGER NOT NULL REFERENCES rounds (id), -- 留下此行的轮次
	key         TEXT    NOT NULL, -- 登记编号
	status      TEXT    NOT NULL CHECK (status IN ('active', 'removed')), -- 状态
	unit        TEXT    NOT NULL, -- 所属单位
	seat        TEXT,             -- 名单（已剔除的为空）
	list        TEXT,             -- 名单编号
	grp         TEXT,             -- 群体
	secondary   TEXT,             -- 兼属群体
	grade       TEXT,             -- 等次
	score       TEXT,             -- 综合得分
	post        TEXT,             -- 职务级别
	assessed_on TEXT,             -- 评价日期
	policy      TEXT,             -- 政策编号
	fingerprint TEXT,             -- 版本校验码
	basis       TEXT,             -- 入库理由（已剔除的为空）
	since       TEXT    NOT NULL, -- 入库日期
	removed_on  TEXT,             -- 剔除日期
	removed_for TEXT,             -- 剔除理由（见 cause）
	detail      TEXT              -- 剔除说明：一票否决项、未满足的资格条件或等次，多个以“；”分隔
);
CREATE INDEX IF NOT EXISTS history_key ON history (key, round_id);
-- 一次在库（入库日期）只能被剔除一次。
CREATE UNIQUE INDEX IF NOT EXISTS history_removal ON history (key, since, removed_on) WHERE status = 'removed';

-- 变动清单：每轮范围内每人一行（新入库、未变动、调整名单、列入名单、
-- 移出名单、剔除、未入库），与 tier.Changes 一一对应。
CREATE TABLE IF NOT EXISTS changes (
	round_id  INTEGER NOT NULL REFERENCES rounds (id),
	key       TEXT    NOT NULL, -- 登记编号
	kind      TEXT    NOT NULL, -- 变动
	from_unit TEXT,             -- 本轮前所属单位（原不在库的为空）
	unit      TEXT,             -- 本轮后所属单位
	from_seat TEXT,             -- 本轮前名单（原不在库的为空）
	from_list TEXT,
	to_seat   TEXT,             -- 本轮后名单（剔除、未入库的为空）
	to_list   TEXT,
	basis     TEXT,             -- 入库理由
	cause     TEXT,             -- 移出名单、剔除或未入库的理由
	detail    TEXT,             -- 说明，多个以“；”分隔
	carried   TEXT,             -- 本轮未评价（unassessed）或群体无法判定（unclassified）而沿用上次结果
	PRIMARY KEY (round_id, key)
);

-- 每人当前所属单位：在库的以代表人士表为准，已剔除的以其最后一行历史为准。
-- 县区只能查看本单位的人（含原代码下的），市里查看全部。
CREATE VIEW IF NOT EXISTS owners AS
	SELECT key, unit FROM representatives
	UNION ALL
	SELECT h.key, h.unit FROM history h
	WHERE h.key NOT IN (SELECT key FROM representatives)
	  AND h.id = (SELECT max(id) FROM history WHERE key = h.key);
