//! The search index: every item's searchable text, folded once into one buffer, with the facts
//! that let a keystroke skip most items without looking at their text.

use super::fold::{char_bit, fold_bits, fold_char};
use super::pinyin;
use super::query::{Filter, Test};
use crate::model::{Date, Item, Status};

/// Which part of an item a field is. Id, title, lead, tags and metric names are the *primary*
/// fields, searched first; goal and progress notes are *secondary*.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Id,
    Title,
    Lead,
    Tag,
    Metric,
    Goal,
    Note,
}

impl Kind {
    /// The score band of a match in this field: a title hit beats any lead hit, which beats any
    /// note hit.
    pub(crate) fn tier(self) -> i64 {
        match self {
            Kind::Id | Kind::Title => 30_000,
            Kind::Lead | Kind::Tag | Kind::Metric => 20_000,
            Kind::Goal | Kind::Note => 10_000,
        }
    }
}

/// One field's folded text in the index buffer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field {
    start: u32,
    end: u32,
    /// Length in chars.
    pub(crate) chars: u32,
    /// Where the field's reading sets start in [`SearchIndex::han`] (primary fields with Chinese
    /// text only; [`NO_IDS`] otherwise).
    ids: u32,
    /// The initials of its characters' readings (primary fields only; see
    /// [`pinyin::Table::encode`]).
    pub(crate) initials: u32,
    /// The chars it holds (see [`char_bit`] and [`fold_bits`]).
    pub(crate) bits: u64,
    pub(crate) kind: Kind,
    /// Only ASCII bytes: byte offsets are char offsets.
    pub(crate) ascii: bool,
    /// Has characters with a pinyin reading.
    pub(crate) han: bool,
}

const NO_IDS: u32 = u32::MAX;

/// One item's place in the index.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    first: u32,
    primary_end: u32,
    end: u32,
    pub(crate) status: Status,
    pub(crate) due: Option<Date>,
    /// The item holds conflicts a merge left to settle.
    pub(crate) conflict: bool,
    /// Which chars occur in the primary / secondary fields (see [`char_bit`]).
    pub(crate) primary_bits: u128,
    pub(crate) secondary_bits: u128,
    pub(crate) primary_han: bool,
    pub(crate) secondary_han: bool,
    /// The item's file, as a place in [`SearchIndex::files`].
    file: u32,
}

/// Every item's searchable text, folded and laid out for fast matching. Build it once per change
/// of the item list (see docs/PERFORMANCE.md for the cost); searching it never changes it, so one
/// index can be shared by threads (`Arc<SearchIndex>`).
///
/// Items are numbered by their position in the sequence given to [`SearchIndex::build`]; hits
/// refer to items by that number.
#[derive(Debug, Default)]
pub struct SearchIndex {
    text: String,
    fields: Vec<Field>,
    entries: Vec<Entry>,
    /// The reading set of each char of the primary fields that have Chinese text.
    han: Vec<u16>,
    /// The folded names of the items' files (for `file:`).
    files: Vec<String>,
}

/// Below this many items the index is built on one thread.
const PARALLEL_BUILD_MIN: usize = 20_000;

impl SearchIndex {
    /// Indexes items in the order given, on every core for large lists.
    pub fn build<'a>(items: impl IntoIterator<Item = &'a Item>) -> SearchIndex {
        SearchIndex::build_in_files(items.into_iter().map(|item| (item, 0)), Vec::new())
    }

    /// Like [`SearchIndex::build`], each item with the place of its file in `names` (the files'
    /// names, for the `file:` filter).
    pub fn build_in_files<'a>(
        items: impl IntoIterator<Item = (&'a Item, usize)>,
        names: Vec<String>,
    ) -> SearchIndex {
        let mut index = SearchIndex::build_items(items.into_iter().collect());
        index.files = names.iter().map(|name| super::fold::fold(name)).collect();
        index
    }

    fn build_items(items: Vec<(&Item, usize)>) -> SearchIndex {
        let threads = super::engine::threads();
        if threads == 1 || items.len() < PARALLEL_BUILD_MIN {
            return SearchIndex::build_part(&items, Size::of(&items));
        }
        let chunks: Vec<&[(&Item, usize)]> = items.chunks(items.len().div_ceil(threads)).collect();
        // the first part gets room for everything, so that the others are appended in place
        let whole = Size::of(&items);
        let mut parts: Vec<SearchIndex> = std::thread::scope(|scope| {
            let helpers: Vec<_> = chunks[1..]
                .iter()
                .map(|&chunk| scope.spawn(move || SearchIndex::build_part(chunk, Size::of(chunk))))
                .collect();
            let mut parts = vec![SearchIndex::build_part(chunks[0], whole)];
            for (helper, &chunk) in helpers.into_iter().zip(&chunks[1..]) {
                // only a bug can make building panic; then build that part here to report it
                let part = helper
                    .join()
                    .unwrap_or_else(|_| SearchIndex::build_part(chunk, Size::of(chunk)));
                parts.push(part);
            }
            parts
        });
        let mut index = parts.remove(0);
        for part in parts {
            index.append(part);
        }
        index
    }

    fn build_part(items: &[(&Item, usize)], room: Size) -> SearchIndex {
        let mut index = SearchIndex::default();
        index.entries.reserve_exact(room.items);
        index.fields.reserve_exact(room.fields);
        index.text.reserve_exact(room.text);
        index.han.reserve_exact(room.primary_text / 3);
        let table = pinyin::table();
        for &(item, file) in items {
            index.add(item, file, table);
        }
        index
    }

    /// Adds another index's items after this one's.
    fn append(&mut self, other: SearchIndex) {
        let fields = self.fields.len() as u32;
        let han = self.han.len() as u32;
        let text = self.text.len();
        let fits = text + other.text.len() <= u32::MAX as usize;
        if fits {
            self.text.push_str(&other.text);
        }
        self.fields
            .extend(other.fields.into_iter().map(|mut field| {
                if fits {
                    field.start += text as u32;
                    field.end += text as u32;
                } else {
                    // past 4 GiB of text the rest is not searchable; no real file gets near this
                    field = Field {
                        start: 0,
                        end: 0,
                        chars: 0,
                        ids: NO_IDS,
                        initials: 0,
                        ascii: true,
                        han: false,
                        ..field
                    };
                }
                if field.ids != NO_IDS {
                    field.ids += han;
                }
                field
            }));
        self.entries
            .extend(other.entries.into_iter().map(|entry| Entry {
                first: entry.first + fields,
                primary_end: entry.primary_end + fields,
                end: entry.end + fields,
                ..entry
            }));
        self.han.extend(other.han);
    }

    fn add(&mut self, item: &Item, file: usize, table: &pinyin::Table) {
        let first = self.fields.len() as u32;
        let mut bits = 0u128;
        let mut han = false;
        self.field(&item.id, Kind::Id, &mut bits, &mut han, table);
        self.field(&item.title, Kind::Title, &mut bits, &mut han, table);
        if let Some(lead) = &item.lead {
            self.field(lead, Kind::Lead, &mut bits, &mut han, table);
        }
        for tag in &item.tags {
            self.field(tag, Kind::Tag, &mut bits, &mut han, table);
        }
        for metric in &item.metrics {
            self.field(&metric.name, Kind::Metric, &mut bits, &mut han, table);
        }
        let primary_end = self.fields.len() as u32;
        let (primary_bits, primary_han) = (bits, han);
        let (mut bits, mut han) = (0u128, false);
        if let Some(goal) = &item.goal {
            self.field(goal, Kind::Goal, &mut bits, &mut han, table);
        }
        for note in &item.progress {
            self.field(&note.text, Kind::Note, &mut bits, &mut han, table);
        }
        self.entries.push(Entry {
            first,
            primary_end,
            end: self.fields.len() as u32,
            status: item.status,
            due: item.due,
            conflict: !item.conflicts.is_empty(),
            primary_bits,
            secondary_bits: bits,
            primary_han,
            secondary_han: han,
            file: u32::try_from(file).unwrap_or(u32::MAX),
        });
    }

    fn field(
        &mut self,
        text: &str,
        kind: Kind,
        bits: &mut u128,
        han: &mut bool,
        table: &pinyin::Table,
    ) {
        let start = self.text.len();
        let mut chars = 0u32;
        let mut has_han = false;
        let mut field_bits = 0u128;
        // copy unchanged runs whole, folded chars one by one
        let mut run = 0;
        for (at, c) in text.char_indices() {
            let folded = fold_char(c);
            if folded != c {
                self.text.push_str(&text[run..at]);
                self.text.push(folded);
                run = at + c.len_utf8();
            }
            field_bits |= char_bit(folded);
            if !has_han && !folded.is_ascii() {
                has_han = table.has_reading(folded);
            }
            chars += 1;
        }
        self.text.push_str(&text[run..]);
        let end = self.text.len();
        if end > u32::MAX as usize {
            // past 4 GiB of text the rest is not searchable; no real file gets near this
            self.text.truncate(start);
            return;
        }
        *bits |= field_bits;
        *han |= has_han;
        let primary = !matches!(kind, Kind::Goal | Kind::Note);
        let (ids, initials) = if has_han && primary {
            let at = self.han.len() as u32;
            let initials = table.encode(&self.text[start..end], &mut self.han);
            (at, initials)
        } else {
            (NO_IDS, 0)
        };
        self.fields.push(Field {
            start: start as u32,
            end: end as u32,
            chars,
            ids,
            initials,
            bits: fold_bits(field_bits),
            kind,
            ascii: end - start == chars as usize,
            han: has_han,
        });
    }

    /// The number of items indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Bytes held by the index (text, fields and per-item facts), for the performance notes.
    pub fn heap_size(&self) -> usize {
        self.text.capacity()
            + self.fields.capacity() * std::mem::size_of::<Field>()
            + self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.han.capacity() * std::mem::size_of::<u16>()
    }

    pub(crate) fn entry(&self, item: usize) -> &Entry {
        &self.entries[item]
    }

    pub(crate) fn primary(&self, entry: &Entry) -> &[Field] {
        &self.fields[entry.first as usize..entry.primary_end as usize]
    }

    pub(crate) fn secondary(&self, entry: &Entry) -> &[Field] {
        &self.fields[entry.primary_end as usize..entry.end as usize]
    }

    /// The reading sets of a primary field's chars, when it has Chinese text.
    pub(crate) fn han_ids(&self, field: &Field) -> Option<&[u16]> {
        if field.ids == NO_IDS {
            return None;
        }
        self.han
            .get(field.ids as usize..field.ids as usize + field.chars as usize)
    }

    pub(crate) fn text(&self, field: &Field) -> &str {
        self.text
            .get(field.start as usize..field.end as usize)
            .unwrap_or_default()
    }

    /// The folded title of an item.
    pub(crate) fn title(&self, entry: &Entry) -> Option<(&Field, &str)> {
        self.primary(entry)
            .iter()
            .find(|f| f.kind == Kind::Title)
            .map(|f| (f, self.text(f)))
    }

    /// True when the item passes the filter.
    pub(crate) fn passes(&self, item: usize, filter: &Filter) -> bool {
        let entry = &self.entries[item];
        let texts = |kind: Kind| {
            self.primary(entry)
                .iter()
                .filter(move |f| f.kind == kind)
                .map(|f| self.text(f))
        };
        let pass = match &filter.test {
            Test::Status(any) => any.contains(&entry.status),
            Test::Lead(text) => texts(Kind::Lead).any(|lead| lead.contains(text.as_str())),
            Test::Tag(text) => texts(Kind::Tag).any(|tag| tag.contains(text.as_str())),
            Test::Id(ids) => texts(Kind::Id).any(|id| ids.iter().any(|wanted| wanted == id)),
            Test::Due(compare, span) => entry.due.is_some_and(|due| compare.holds(due, span)),
            Test::Conflict => entry.conflict,
            Test::File(text) => self
                .files
                .get(entry.file as usize)
                .is_some_and(|name| name.contains(text.as_str())),
        };
        pass != filter.negated
    }
}

/// How much room a list of items takes in an index (a close estimate: folding may change a few
/// bytes).
#[derive(Clone, Copy, Default)]
struct Size {
    items: usize,
    fields: usize,
    text: usize,
    primary_text: usize,
}

impl Size {
    fn of(items: &[(&Item, usize)]) -> Size {
        let mut size = Size {
            items: items.len(),
            ..Size::default()
        };
        for (item, _) in items {
            let primary = item.id.len()
                + item.title.len()
                + item.lead.as_ref().map_or(0, String::len)
                + item.tags.iter().map(String::len).sum::<usize>()
                + item.metrics.iter().map(|m| m.name.len()).sum::<usize>();
            let secondary = item.goal.as_ref().map_or(0, String::len)
                + item.progress.iter().map(|n| n.text.len()).sum::<usize>();
            size.primary_text += primary;
            size.text += primary + secondary;
            size.fields += 2
                + usize::from(item.lead.is_some())
                + item.tags.len()
                + item.metrics.len()
                + usize::from(item.goal.is_some())
                + item.progress.len();
        }
        size
    }
}
