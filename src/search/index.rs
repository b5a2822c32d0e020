//! The search index: every item's searchable text, folded once into one buffer, with the facts
//! that let a keystroke skip most items without looking at their text. Goals and notes, most of
//! the text, are not copied when they stand verbatim in the text of the file they were read from:
//! the index keeps their place in that text (shared with the document, not copied) and folds them
//! when a search looks at them.

use std::sync::Arc;

use super::fold::{char_bit, fold_bits, fold_char};
use super::pinyin;
use super::query::{Filter, Test};
use crate::model::{Date, Item, Origin, Status};

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
    /// Id, title, lead, tags and metric names: searched first, with pinyin reading sets.
    pub(crate) fn primary(self) -> bool {
        !matches!(self, Kind::Goal | Kind::Note)
    }

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

/// One field's folded text in the index buffer, or its unfolded text in a file's text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field {
    /// Where the text is: in the index buffer, or (see `ids`) in a file's text.
    start: u32,
    end: u32,
    /// Length in chars.
    pub(crate) chars: u32,
    /// Primary fields with Chinese text: where the field's reading sets start in
    /// [`SearchIndex::han`]. Goals and notes found verbatim in their file's text: which of
    /// [`SearchIndex::sources`] that is (`start..end` is then a place in it, unfolded).
    /// [`NO_IDS`] otherwise.
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

impl Field {
    /// True when the field's text is a place in one of [`SearchIndex::sources`], not folded yet.
    fn in_source(&self) -> bool {
        !self.kind.primary() && self.ids != NO_IDS
    }
}

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
    /// The texts of the files that goals and notes were found in verbatim, shared with the
    /// documents' origins.
    sources: Vec<Arc<str>>,
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
        index.text.shrink_to_fit();
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
        let sources: Vec<u32> = other.sources.iter().map(|s| self.source(s)).collect();
        self.fields
            .extend(other.fields.into_iter().map(|mut field| {
                if field.in_source() {
                    field.ids = sources[field.ids as usize];
                    return field;
                }
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
            let verbatim = self.verbatim(goal, &item.origin);
            self.field_at(goal, verbatim, Kind::Goal, &mut bits, &mut han, table);
        }
        for note in &item.progress {
            let verbatim = self.verbatim(&note.text, &note.origin);
            self.field_at(&note.text, verbatim, Kind::Note, &mut bits, &mut han, table);
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

    /// Where `text` stands verbatim in the file text `origin` points into: the number of that
    /// text in [`SearchIndex::sources`] and the place. Any bytes equal to the field's text will
    /// do, wherever they are in the object the origin spans (a string with escapes is not there).
    fn verbatim(&mut self, text: &str, origin: &Origin) -> Option<(u32, u32)> {
        let (source, span) = origin.parts()?;
        let at = span.start + source.get(span)?.find(text)?;
        u32::try_from(at + text.len()).ok()?;
        Some((self.source(source), at as u32))
    }

    /// The number of a file text in [`SearchIndex::sources`], added when new.
    fn source(&mut self, text: &Arc<str>) -> u32 {
        let known = self.sources.iter().rposition(|s| Arc::ptr_eq(s, text));
        let at = known.unwrap_or_else(|| {
            self.sources.push(Arc::clone(text));
            self.sources.len() - 1
        });
        at as u32
    }

    fn field(
        &mut self,
        text: &str,
        kind: Kind,
        bits: &mut u128,
        han: &mut bool,
        table: &pinyin::Table,
    ) {
        self.field_at(text, None, kind, bits, han, table);
    }

    /// Indexes one field: its folded text copied into the buffer, or, when `verbatim` says where
    /// it stands in a file's text (goals and notes only), that place.
    fn field_at(
        &mut self,
        text: &str,
        verbatim: Option<(u32, u32)>,
        kind: Kind,
        bits: &mut u128,
        han: &mut bool,
        table: &pinyin::Table,
    ) {
        let start = self.text.len();
        let mut chars = 0u32;
        let mut folded_len = 0;
        let mut has_han = false;
        let mut field_bits = 0u128;
        // copy unchanged runs whole, folded chars one by one
        let mut run = 0;
        for (at, c) in text.char_indices() {
            let folded = fold_char(c);
            if folded != c && verbatim.is_none() {
                self.text.push_str(&text[run..at]);
                self.text.push(folded);
                run = at + c.len_utf8();
            }
            field_bits |= char_bit(folded);
            if !has_han && !folded.is_ascii() {
                has_han = table.has_reading(folded);
            }
            chars += 1;
            folded_len += folded.len_utf8();
        }
        if let Some((source, at)) = verbatim {
            self.fields.push(Field {
                start: at,
                end: at + text.len() as u32,
                chars,
                ids: source,
                initials: 0,
                bits: fold_bits(field_bits),
                kind,
                ascii: folded_len == chars as usize,
                han: has_han,
            });
            *bits |= field_bits;
            *han |= has_han;
            return;
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

    /// Bytes held by the index (text, fields and per-item facts), for the performance notes. The
    /// file texts it shares with the documents are not counted.
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
        if field.ids == NO_IDS || !field.kind.primary() {
            return None;
        }
        self.han
            .get(field.ids as usize..field.ids as usize + field.chars as usize)
    }

    /// The folded text of a field kept in the index buffer: a primary field, or any field that
    /// [`SearchIndex::folded`] does not have to fold.
    pub(crate) fn text(&self, field: &Field) -> &str {
        if field.in_source() {
            return "";
        }
        self.text
            .get(field.start as usize..field.end as usize)
            .unwrap_or_default()
    }

    /// The folded text of any field: from the index buffer, or folded into `scratch` from its
    /// file's text.
    pub(crate) fn folded<'s>(&'s self, field: &Field, scratch: &'s mut String) -> &'s str {
        if !field.in_source() {
            return self.text(field);
        }
        let unfolded = self
            .sources
            .get(field.ids as usize)
            .and_then(|source| source.get(field.start as usize..field.end as usize))
            .unwrap_or_default();
        scratch.clear();
        super::fold::fold_into(unfolded, scratch);
        scratch
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
            // goals and notes read from a file are found there, not copied
            let copied = |text: &str, origin: &Origin| match origin.parts() {
                Some(_) => 0,
                None => text.len(),
            };
            let secondary = item.goal.as_ref().map_or(0, |g| copied(g, &item.origin))
                + item
                    .progress
                    .iter()
                    .map(|n| copied(&n.text, &n.origin))
                    .sum::<usize>();
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
