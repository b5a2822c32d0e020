//! Synthetic reports for benchmarks and load tests: realistic items built from fragments of the
//! bundled sample's text (mostly Chinese, some English), deterministic for a given seed.
//!
//! `synthetic_document(100_000, 1)` is the compact 100,000-item file (113 MB) of the earlier
//! performance figures in docs/PERFORMANCE.md; `synthetic_document_shaped(100_000, 1,
//! Shape::REALISTIC)` is the realistic one (3–8 notes of 50–200 Chinese characters and 2–5 metrics
//! per item, about 270 MB) of the later ones. Items come one after the other from the seed, so the
//! first 10,000 items of a 100,000-item document are the 10,000-item document of the same seed.
//! `examples/gen_big.rs` writes either as JSON.
//!
//! Not part of the shipped library: tests, benches and examples include this file as a module
//! of their own, next to a `model` in scope (`use tally::model;`, or `use crate::model;` in the
//! library's unit tests):
//!
//! ```text
//! use tally::model;
//! #[path = "../tests/common/synth.rs"]
//! mod synth;
//! ```

#![allow(dead_code)]

use serde_json::Number;

use super::model::{Date, Document, Header, Item, Metric, Note, Origin, Period, Point, Status};

/// How many notes and metrics an item gets, and how long its notes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Notes per item, `min..=max`.
    pub notes: (usize, usize),
    /// Characters per note, `min..=max`; `None` for one fragment of the sample's text each.
    pub note_chars: Option<(usize, usize)>,
    /// Metrics per item, `min..=max`.
    pub metrics: (usize, usize),
    /// How counts and lengths are drawn from their ranges.
    pub spread: Spread,
}

/// How a count or length is drawn from its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spread {
    /// Every value as likely as any other.
    Even,
    /// The smaller of two even draws: short notes and few metrics are the most common, as in
    /// real reports, and the long ones are there too.
    Low,
}

impl Spread {
    fn draw(self, rng: &mut Rng, (min, max): (usize, usize)) -> usize {
        let span = max - min + 1;
        match self {
            Spread::Even => min + rng.below(span),
            Spread::Low => {
                let (a, b) = (rng.below(span), rng.below(span));
                min + a.min(b)
            }
        }
    }
}

impl Shape {
    /// Up to 5 short notes and up to 3 metrics per item: the 113 MB 100,000-item file.
    pub const COMPACT: Shape = Shape {
        notes: (0, 5),
        note_chars: None,
        metrics: (0, 3),
        spread: Spread::Even,
    };
    /// 3–8 notes of 50–200 Chinese characters and 2–5 metrics per item, the shorter and fewer
    /// the more common: about 2.7 KB an item, the 270 MB 100,000-item file.
    pub const REALISTIC: Shape = Shape {
        notes: (3, 8),
        note_chars: Some((50, 200)),
        metrics: (2, 5),
        spread: Spread::Low,
    };

    /// The shape named `compact` or `realistic`.
    pub fn named(name: &str) -> Option<Shape> {
        match name {
            "compact" => Some(Shape::COMPACT),
            "realistic" => Some(Shape::REALISTIC),
            _ => None,
        }
    }
}

/// A document of `n` items, the same for the same `n` and `seed`. Ids are `1..=n`.
pub fn synthetic_document(n: usize, seed: u64) -> Document {
    synthetic_document_shaped(n, seed, Shape::COMPACT)
}

/// A document of `n` items of the given shape, the same for the same `n`, `seed` and shape.
pub fn synthetic_document_shaped(n: usize, seed: u64, shape: Shape) -> Document {
    let mut rng = Rng::new(seed);
    let items = (0..n)
        .map(|i| synthetic_item_shaped(i + 1, &mut rng, shape))
        .collect();
    let header = Header {
        format: Some(super::model::FORMAT_VERSION),
        title: format!("合成测试报告（{n}项重点任务）Synthetic report"),
        source: Some("tally synth".to_string()),
        published: Date::from_ymd(2023, 10, 7),
        period: Some(Period {
            label: Some("2023年前三季度".to_string()),
            start: Date::from_ymd(2023, 1, 1),
            end: Date::from_ymd(2023, 9, 30),
            origin: Origin::default(),
        }),
    };
    Document::from_parts(header, items, Origin::default(), None)
}

/// One synthetic item with the given number as its id.
pub fn synthetic_item(number: usize, rng: &mut Rng) -> Item {
    synthetic_item_shaped(number, rng, Shape::COMPACT)
}

/// One synthetic item of the given shape with the given number as its id.
pub fn synthetic_item_shaped(number: usize, rng: &mut Rng, shape: Shape) -> Item {
    let mut item = Item::new(number.to_string(), title(rng));
    if rng.chance(90) {
        item.goal = Some(goal(rng));
    }
    if rng.chance(95) {
        item.lead = Some(rng.pick(LEADS).to_string());
    }
    item.status = *rng.pick(&STATUS_WEIGHTS);
    if rng.chance(70) {
        item.due = Some(day(rng, 0, 730));
    }
    let tag_count = rng.below(5);
    for _ in 0..tag_count {
        let tag = rng.pick(TAGS).to_string();
        if !item.tags.contains(&tag) {
            item.tags.push(tag);
        }
    }
    if rng.chance(30) {
        item.reviewed = Some(day(rng, 180, 280));
    }
    let note_count = shape.spread.draw(rng, shape.notes);
    for _ in 0..note_count {
        let text = match shape.note_chars {
            None => note_text(rng),
            Some(range) => {
                let chars = shape.spread.draw(rng, range);
                long_note(rng, chars)
            }
        };
        let mut note = Note::new(day(rng, 0, 280), text);
        if rng.chance(20) {
            note.by = Some(rng.pick(LEADS).to_string());
        }
        item.progress.push(note);
    }
    let metric_count = shape.spread.draw(rng, shape.metrics);
    for _ in 0..metric_count {
        item.metrics.push(metric(rng));
    }
    item
}

/// A small, fast xorshift generator: enough for varied test data, no extra crate.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // splitmix the seed so that nearby seeds give unrelated streams, and never zero
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        ((self.next_u64() >> 32) as usize * n) >> 32
    }

    /// True `percent` times out of a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn day(rng: &mut Rng, from: usize, to: usize) -> Date {
    let start = Date::from_ymd(2023, 1, 1).unwrap_or_else(Date::today);
    start.add_days((from + rng.below(to - from)) as i64)
}

fn title(rng: &mut Rng) -> String {
    if rng.chance(8) {
        return rng.pick(ENGLISH_TITLES).to_string();
    }
    let verb = rng.pick(VERBS);
    let object = rng.pick(OBJECTS);
    if rng.chance(35) {
        let second = rng.pick(OBJECTS);
        if second != object {
            return format!("{verb}{object}和{second}");
        }
    }
    format!("{verb}{object}")
}

fn goal(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..1 + rng.below(3) {
        let verb = rng.pick(VERBS);
        let object = rng.pick(OBJECTS);
        let aim = rng.pick(AIMS);
        text.push_str(&format!("{verb}{object}，{aim}。"));
    }
    if rng.chance(10) {
        let note = *rng.pick::<&str>(ENGLISH_NOTES);
        text.push_str(note);
    }
    text
}

fn note_text(rng: &mut Rng) -> String {
    if rng.chance(6) {
        return rng.pick(ENGLISH_NOTES).to_string();
    }
    chinese_note(rng)
}

fn chinese_note(rng: &mut Rng) -> String {
    let ordinal = rng.pick(&["一是", "二是", "三是", "四是", "", "", ""]);
    let body = rng.pick(NOTES);
    let count = 2 + rng.below(300);
    let object = rng.pick(OBJECTS);
    match rng.below(3) {
        0 => format!("{ordinal}{body}"),
        1 => format!("{ordinal}{body}累计完成{count}项，{object}取得阶段性进展。"),
        _ => format!("{ordinal}围绕{object}，{body}"),
    }
}

/// A note of exactly `chars` characters: fragments of the sample's notes one after the other,
/// the last one cut short.
fn long_note(rng: &mut Rng, chars: usize) -> String {
    let mut text = String::new();
    let mut count = 0;
    while count < chars {
        let part = chinese_note(rng);
        for c in part.chars().take(chars - count) {
            text.push(c);
            count += 1;
        }
    }
    text
}

fn metric(rng: &mut Rng) -> Metric {
    let (name, unit) = *rng.pick(METRICS);
    let target = 5 + rng.below(500) as u64;
    let value = rng.below(target as usize + 20) as u64;
    let mut metric = Metric::new(name, Number::from(value));
    metric.unit = Some(unit.to_string());
    if rng.chance(60) {
        metric.target = Some(Number::from(target));
    }
    if rng.chance(40) {
        let earlier = value / 2;
        metric.history.push(Point {
            date: day(rng, 90, 180),
            value: Number::from(earlier),
            origin: Origin::default(),
        });
    }
    metric
}

const STATUS_WEIGHTS: [Status; 20] = [
    Status::OnTrack,
    Status::OnTrack,
    Status::OnTrack,
    Status::OnTrack,
    Status::OnTrack,
    Status::OnTrack,
    Status::OnTrack,
    Status::OnTrack,
    Status::OnTrack,
    Status::Todo,
    Status::Todo,
    Status::Todo,
    Status::AtRisk,
    Status::AtRisk,
    Status::AtRisk,
    Status::Blocked,
    Status::Done,
    Status::Done,
    Status::Done,
    Status::Dropped,
];

const LEADS: &[&str] = &[
    "市外办",
    "国际处",
    "礼宾处",
    "外事管理处",
    "港澳事务处",
    "友城处",
    "新闻文化处",
    "领事处",
    "综合处",
    "涉外安全处",
    "市文旅局",
    "市商务局",
    "International Office",
    "Protocol Division",
];

const VERBS: &[&str] = &[
    "推进",
    "优化",
    "深化",
    "积极拓展",
    "推动",
    "健全完善",
    "加快",
    "提升",
    "规范设置",
    "做好",
    "统筹",
    "落实",
    "强化",
    "持续推进",
    "高标准做好",
];

const OBJECTS: &[&str] = &[
    "主场外交和重大国事活动服务保障",
    "新国展二期建设",
    "第四使馆区建设",
    "雁栖湖国际会都整体功能",
    "国际化环境和服务",
    "网上国际服务平台",
    "外语标识",
    "友城交往",
    "世界剧院联盟等国际组织落户",
    "京港、京澳、京台交流合作",
    "国际人才社区建设",
    "国际学校布局",
    "国际医疗服务试点",
    "年度预算梳理",
    "预付款结算",
    "“一带一路”国际合作",
    "党宾国宾接待",
    "民间对外交往",
    "国际会议会展",
    "外籍人士服务",
    "领事保护工作",
    "因公出国（境）管理",
    "涉外安全工作",
    "国际交往中心功能建设",
    "城市副中心三大文化设施",
    "国际科技组织集聚区",
    "金盏国际合作服务区",
    "大兴国际机场会展中心",
    "南中轴地区规划",
    "国家会议中心二期",
    "驻华使节感知北京活动",
    "长城友谊奖评选",
    "市长国际企业家顾问会议",
    "中国-拉美企业家高峰会",
    "重庆、银行等合作项目",
];

const AIMS: &[&str] = &[
    "提高国际政务服务水平",
    "提升重点设施国际化服务能力",
    "强化重点区域国际交往功能",
    "健全常态化工作机制",
    "促进多领域多形式的民间交流活动",
    "加快国际经贸、科教、公共卫生、文体等领域资源对接和项目合作",
    "完善友城工作项目库",
    "促进两岸经济融合发展",
    "提升生活居住环境",
    "提高办学质量",
    "服务首都城市战略定位",
];

const NOTES: &[&str] = &[
    "做好第三届“一带一路”国际合作高峰论坛服务保障工作。",
    "完成党宾国宾团组的接待任务，做好来访团组市内参观访问等服务保障工作。",
    "陪同外交部礼宾司多次踏勘调研，探索服务高级别外交外事活动新场地。",
    "项目钢结构施工进入收尾阶段，国际交往空间和功能设计同步推进；",
    "三期配套居住项目已完成地上主体结构施工，正开展室内外装修。",
    "城市设计方案征集已完成评审工作，正按程序报审。",
    "工作方案已经领导小组全体会议审议通过并印发实施。",
    "举办“驻华使节感知北京”系列活动，全方位对外宣介我市高质量发展成果；",
    "举办“在京外籍人士足球赛”，丰富在京外籍人士文体生活；",
    "建立完善工作协调机制，定期研究外语标识设置工作。",
    "梳理建立外语标识台账，完成译文审核。",
    "指导完成北京艺术中心外语标识制作，实地指导安装设置工作。",
    "市领导会见友城及友好交流城市领导，签署合作备忘录。",
    "接待友好城市代表团访京。",
    "动态更新友城工作项目库。",
    "推动世界剧院联盟在京登记落户。",
    "支持国际科技组织在京集聚发展，首批组织入驻。",
    "扎实推动京港合作会议第五次会议筹备工作。",
    "完成年度预算梳理，预付款结算按计划推进。",
    "协调落实相关访京接待，推动两地政府间交流合作。",
    "受外部因素影响，进度有所滞后，已提请协调解决。",
    "与银行、重庆等单位对接，研究细化方案。",
];

const ENGLISH_TITLES: &[&str] = &[
    "Visa facilitation for foreign experts",
    "Annual budget review",
    "Belt and Road forum support",
    "Sister city exchange programme",
    "Foreign-language signage in cultural venues",
    "International school capacity",
    "Consular protection drill",
    "Online international services platform",
];

const ENGLISH_NOTES: &[&str] = &[
    "Draft plan circulated to the protocol division for comments.",
    "Signage translations reviewed; final approval pending.",
    "Budget figures reconciled with the finance bureau.",
    "Meeting with the World Theatre Alliance secretariat scheduled.",
    "Delayed: awaiting venue confirmation.",
];

const TAGS: &[&str] = &[
    "国事活动",
    "主场外交",
    "服务保障",
    "设施建设",
    "会展",
    "使馆区",
    "重点区域",
    "国际会都",
    "国际化环境",
    "人才社区",
    "国际学校",
    "国际医疗",
    "外语标识",
    "政务服务",
    "友城",
    "民间交往",
    "国际交流",
    "国际组织",
    "国际科技组织",
    "港澳台",
    "京港合作",
    "预算",
    "budget",
    "protocol",
    "signage",
];

const METRICS: &[(&str, &str)] = &[
    ("接待党宾国宾团组", "个"),
    ("提升高品质人才社区", "个"),
    ("国际医疗服务试点医院", "家"),
    ("北京艺术中心外语标识", "条"),
    ("北京城市图书馆外语标识", "条"),
    ("会见友城及友好交流城市领导", "个"),
    ("接待友好城市代表团", "批次"),
    ("指导支持社会组织和行业协会商会", "家"),
    ("首批入驻国际科技组织", "家"),
    ("预算执行率", "%"),
    ("Visas issued", "pcs"),
];
