//! Big workspaces, fast: the file keeps one record per line, and records are
//! written and read on every core.
//!
//! Writing: each record is printed compactly on its own line (in parallel),
//! inside the pretty-printed workspace; the result is byte for byte what
//! ron prints for the whole file with a depth limit of three (a test checks
//! it), so it stays plain, diffable, hand-editable RON.
//!
//! Reading: one pass over the text finds where each record of the six lists
//! starts and ends (a small scanner that knows RON's strings, comments and
//! brackets, so it works on any layout, hand-edited ones included); the
//! records are parsed in parallel, and the rest of the file is parsed with
//! the lists left empty. Anything unexpected gives `None`, and the caller
//! parses the whole text the plain way, whose errors say where and what.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::model::{
    Event, Instrument, Keyed, Metric, Observation, Party, RecordMap, Source, Workspace,
};

/// The record lists, in the order a workspace declares them.
const LISTS: [&str; 6] = [
    "parties",
    "sources",
    "metrics",
    "instruments",
    "events",
    "observations",
];

/// How often progress is reported and cancellation checked, in records.
const CHUNK: usize = 2_048;

/// Reports how far a long read has got (0 to 1) and whether to stop.
pub trait Progress: Sync {
    fn report(&self, fraction: f32);
    fn cancelled(&self) -> bool;
}

/// No progress wanted.
pub struct Quiet;

impl Progress for Quiet {
    fn report(&self, _: f32) {}
    fn cancelled(&self) -> bool {
        false
    }
}

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ")
        .new_line("\n")
        // Escaped strings keep every record on one line; printable letters
        // (Türkiye, Güler) stay as they are.
        .escape_strings(true)
}

/// The whole-file layout: pretty down to the lists, each record on a line.
pub(super) fn file_config() -> ron::ser::PrettyConfig {
    pretty().depth_limit(3)
}

/// The six record lists of a workspace, to print into its skeleton.
pub(super) struct Lists<'a> {
    pub parties: &'a RecordMap<Party>,
    pub sources: &'a RecordMap<Source>,
    pub metrics: &'a RecordMap<Metric>,
    pub instruments: &'a RecordMap<Instrument>,
    pub events: &'a RecordMap<Event>,
    pub observations: &'a RecordMap<Observation>,
}

/// Prints `lists` (in parallel) into `skeleton`, the file with all six
/// lists empty.
pub(super) fn print(skeleton: &str, lists: Lists<'_>) -> Result<String, ron::Error> {
    let Lists {
        parties,
        sources,
        metrics,
        instruments,
        events,
        observations,
    } = lists;
    // In the order of `LISTS`.
    let lists = [
        print_list(parties)?,
        print_list(sources)?,
        print_list(metrics)?,
        print_list(instruments)?,
        print_list(events)?,
        print_list(observations)?,
    ];
    let mut out = String::with_capacity(
        skeleton.len()
            + lists
                .iter()
                .map(|l| l.iter().map(|r| r.len() + 14).sum::<usize>())
                .sum::<usize>(),
    );
    let mut rest = skeleton;
    for (name, records) in LISTS.iter().zip(&lists) {
        // Strings are escaped, so this line can only be the list itself.
        let empty = format!("\n        {name}: [],");
        let Some(at) = rest.find(&empty) else {
            return Err(ron::Error::Message(format!(
                "no {name} list in the skeleton"
            )));
        };
        out.push_str(&rest[..at]);
        if records.is_empty() {
            out.push_str(&empty);
        } else {
            out.push_str(&format!("\n        {name}: [\n"));
            for record in records {
                out.push_str("            ");
                out.push_str(record);
                out.push_str(",\n");
            }
            out.push_str("        ],");
        }
        rest = &rest[at + empty.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

fn print_list<T: Serialize + Sync + Keyed>(
    records: &RecordMap<T>,
) -> Result<Vec<String>, ron::Error> {
    records
        .as_slice()
        .par_iter()
        .map(|record| {
            ron::ser::to_string_pretty(record, pretty().depth_limit(0))
                .map(without_escaped_apostrophes)
        })
        .collect()
}

/// ron escapes `'` inside strings, which RON does not need: "President's"
/// reads better than "President\'s". Safe because every `'` it prints is
/// preceded by exactly that escaping backslash.
pub(super) fn unescape_apostrophes(text: &str) -> String {
    text.replace("\\'", "'")
}

/// [`unescape_apostrophes`] without a copy when there is nothing to do
/// (most records): a million of them are printed per save.
fn without_escaped_apostrophes(text: String) -> String {
    if text.contains("\\'") {
        unescape_apostrophes(&text)
    } else {
        text
    }
}

/// The text with the six lists emptied, and each list's records as slices.
struct Split<'a> {
    skeleton: String,
    lists: [Vec<&'a str>; 6],
}

/// The skeleton: the file with its lists empty.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Skeleton {
    format_version: u32,
    workspace: Workspace,
}

/// Parses a file of the current format in parallel. `None`: not understood
/// here (the plain parser will say why, or read it).
pub(super) fn parse(text: &str, progress: &dyn Progress) -> Option<Result<Workspace, Cancelled>> {
    let split = split(text, progress)?;
    let skeleton: Skeleton = ron::from_str(&split.skeleton).ok()?;
    if skeleton.format_version != super::CURRENT_FORMAT_VERSION {
        return None;
    }
    let total: usize = split.lists.iter().map(Vec::len).sum::<usize>().max(1);
    let done = AtomicUsize::new(0);
    let counter = Counter {
        done: &done,
        total,
        progress,
    };
    let [parties, sources, metrics, instruments, events, observations] = &split.lists;
    let mut ws = skeleton.workspace;
    macro_rules! list {
        ($field:ident) => {
            ws.$field = match parse_list($field, &counter) {
                Parsed::Records(records) => records,
                Parsed::Cancelled => return Some(Err(Cancelled)),
                Parsed::NotUnderstood => return None,
            };
        };
    }
    list!(parties);
    list!(sources);
    list!(metrics);
    list!(instruments);
    list!(events);
    list!(observations);
    Some(Ok(ws))
}

/// The user stopped the read.
#[derive(Debug)]
pub struct Cancelled;

struct Counter<'a> {
    done: &'a AtomicUsize,
    total: usize,
    progress: &'a dyn Progress,
}

enum Parsed<T> {
    Records(RecordMap<T>),
    Cancelled,
    NotUnderstood,
}

fn parse_list<T: DeserializeOwned + Keyed + Send>(
    slices: &[&str],
    counter: &Counter<'_>,
) -> Parsed<T> {
    let chunks: Option<Vec<Vec<T>>> = slices
        .par_chunks(CHUNK)
        .map(|chunk| {
            if counter.progress.cancelled() {
                return None;
            }
            let records = chunk
                .iter()
                .map(|text| ron::from_str::<T>(text).ok())
                .collect::<Option<Vec<T>>>()?;
            let done = counter.done.fetch_add(chunk.len(), Ordering::Relaxed) + chunk.len();
            // Scanning was the first fifth of the work.
            counter
                .progress
                .report(0.2 + 0.8 * done as f32 / counter.total as f32);
            Some(records)
        })
        .collect();
    match chunks {
        Some(chunks) => Parsed::Records(chunks.into_iter().flatten().collect()),
        None if counter.progress.cancelled() => Parsed::Cancelled,
        None => Parsed::NotUnderstood,
    }
}

/// One pass over the text: bracket depth, strings, characters and comments.
/// The file's struct is depth 1, the workspace's 2, a list's 3.
fn split<'a>(text: &'a str, progress: &dyn Progress) -> Option<Split<'a>> {
    let bytes = text.as_bytes();
    let mut skeleton = String::with_capacity(64 * 1024);
    let mut lists: [Vec<&'a str>; 6] = Default::default();
    let mut depth = 0usize;
    let mut word_start = None::<usize>;
    let mut last_word = "";
    // The list being read, where its current record starts, whether a record
    // was just read (a comma must come before the next), and where the
    // skeleton was last copied from.
    let mut list: Option<usize> = None;
    let mut record_start = None::<usize>;
    let mut after_record = false;
    let mut copied = 0usize;
    let mut i = 0usize;
    let mut next_report = 0usize;
    while i < bytes.len() {
        if i >= next_report {
            progress.report(0.2 * i as f32 / bytes.len() as f32);
            next_report = i + (8 << 20);
        }
        let b = bytes[i];
        // Between a list's records only blanks, commas, comments and the
        // next record may come; anything else is left to the plain parser.
        if depth == 3 && list.is_some() {
            match b {
                b'(' if !after_record => {}
                b',' if after_record => after_record = false,
                b']' | b'/' => {}
                b if b.is_ascii_whitespace() => {}
                _ => return None,
            }
        }
        if b.is_ascii_alphanumeric() || b == b'_' {
            word_start.get_or_insert(i);
        } else if let Some(start) = word_start.take() {
            last_word = &text[start..i];
        }
        match b {
            b'"' => i = skip_string(bytes, i)?,
            b'r' if word_start == Some(i) && matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
                if let Some(end) = skip_raw_string(bytes, i + 1) {
                    word_start = None;
                    i = end;
                }
            }
            b'\'' => i = skip_char(bytes, i)?,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(bytes, i)?;
                continue;
            }
            b'/' if depth == 3 && list.is_some() => return None,
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth == 3 && b == b'[' {
                    list = LISTS.iter().position(|name| *name == last_word);
                    if list.is_some() {
                        skeleton.push_str(text.get(copied..=i)?);
                        after_record = false;
                    }
                } else if depth == 4 && list.is_some() {
                    record_start = Some(i);
                }
            }
            b')' | b']' | b'}' => {
                if depth == 4
                    && let Some(start) = record_start.take()
                {
                    lists[list?].push(text.get(start..=i)?);
                    after_record = true;
                } else if depth == 3 && list.is_some() {
                    list = None;
                    copied = i;
                }
                depth = depth.checked_sub(1)?;
            }
            _ => {}
        }
        i += 1;
    }
    if depth != 0 || list.is_some() {
        return None;
    }
    skeleton.push_str(text.get(copied..)?);
    Some(Split { skeleton, lists })
}

/// The index of the closing quote of the string opening at `start`.
fn skip_string(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// `r"…"`, `r#"…"#`: the index of the last byte, `hashes` counted after `r`.
fn skip_raw_string(bytes: &[u8], after_r: usize) -> Option<usize> {
    let hashes = bytes[after_r..].iter().take_while(|&&c| c == b'#').count();
    let open = after_r + hashes;
    if bytes.get(open) != Some(&b'"') {
        return None;
    }
    let mut i = open + 1;
    while i < bytes.len() {
        if bytes[i] == b'"'
            && bytes.len() >= i + 1 + hashes
            && bytes[i + 1..i + 1 + hashes].iter().all(|&c| c == b'#')
        {
            return Some(i + hashes);
        }
        i += 1;
    }
    None
}

/// `'x'`, `'\n'`, `'\u{…}'`: the index of the closing quote.
fn skip_char(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() && i < start + 16 {
        match bytes[i] {
            b'\\' => i += 2,
            b'\'' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// `/* … */`, nested as RON allows: the index just after the comment.
fn skip_block_comment(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::model::{Citation, Event, EventId, Observation, ObservationId, Party, PartyId};

    #[derive(Serialize)]
    struct File<'a> {
        format_version: u32,
        workspace: &'a Workspace,
    }

    /// Strings that a careless scanner would trip over.
    fn tricky() -> Workspace {
        let mut ws = crate::store::sample().unwrap();
        ws.description = "Line one\nline two with \"quotes\", (parens] and [brackets}".into();
        ws.parties.put(Party {
            id: PartyId::new("odd"),
            name: "O'Brien ], ( \\ // not a comment /* nor this".into(),
            ..Party::default()
        });
        ws.events.put(Event {
            id: EventId::new("e-odd"),
            title: "Güler: \"r#\" and '('".into(),
            ..Event::default()
        });
        ws.observations.put(Observation {
            id: ObservationId::new("o-odd"),
            metric: crate::model::MetricId::new("neutralised"),
            start: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            end: chrono::NaiveDate::from_ymd_opt(2024, 1, 7).unwrap(),
            value: 3,
            note: "tab\there, newline\nthere, ), ], }".into(),
            sources: vec![Citation {
                source: crate::model::SourceId::new("src-mnd-briefing-2024-04-25"),
                quote: "\"(\"".into(),
            }],
            ..Observation::default()
        });
        ws
    }

    fn plain(text: &str) -> Workspace {
        let mut ws = ron::from_str::<Skeleton>(text).unwrap().workspace;
        ws.sort_records();
        ws
    }

    fn fast(text: &str) -> Option<Workspace> {
        let mut ws = parse(text, &Quiet)?.ok()?;
        ws.sort_records();
        Some(ws)
    }

    #[test]
    fn the_printed_file_is_what_ron_prints_for_the_whole_file() {
        for ws in [crate::store::sample().unwrap(), tricky()] {
            let file = File {
                format_version: crate::store::CURRENT_FORMAT_VERSION,
                workspace: &ws,
            };
            let whole = ron::ser::to_string_pretty(&file, file_config()).unwrap();
            let ours = crate::store::to_ron_string(&ws).unwrap();
            assert_eq!(ours, format!("{}\n", unescape_apostrophes(&whole)));
            assert_eq!(fast(&ours), Some(ws.clone()));
            assert_eq!(plain(&ours), ws);
        }
    }

    #[test]
    fn records_read_in_parallel_equal_the_plain_reading_in_any_layout() {
        let ws = tricky();
        let file = File {
            format_version: crate::store::CURRENT_FORMAT_VERSION,
            workspace: &ws,
        };
        // The layout of earlier versions: every field on its own line, raw
        // strings, literal line breaks inside strings.
        let old = ron::ser::to_string_pretty(
            &file,
            ron::ser::PrettyConfig::new()
                .struct_names(false)
                .escape_strings(false),
        )
        .unwrap();
        // A hand edit: comments between and inside records.
        let commented = crate::store::to_ron_string(&ws)
            .unwrap()
            .replacen(
                "        observations: [\n",
                "        observations: [ // weekly\n            /* (not a record) */\n",
                1,
            )
            .replacen("(id: \"o-odd\",", "(// odd one\n id: \"o-odd\",", 1);
        for text in [old, commented] {
            assert_eq!(fast(&text), Some(plain(&text)), "{text}");
        }
    }

    #[test]
    fn layouts_the_scanner_does_not_know_are_left_to_the_plain_parser() {
        let text = crate::store::to_ron_string(&tricky()).unwrap();
        let double_comma = text.replacen(
            "\"aus\", name: \"Australia\", code: \"AUS\", kind: State, note: \"\"),",
            "\"aus\", name: \"Australia\", code: \"AUS\", kind: State, note: \"\"),,",
            1,
        );
        assert_ne!(double_comma, text);
        let named = text.replacen(
            "            (id: \"aus\"",
            "            Party(id: \"aus\"",
            1,
        );
        let missing_comma = text.replacen(
            "note: \"\"),\n            (id: \"daesh\"",
            "note: \"\")\n            (id: \"daesh\"",
            1,
        );
        for odd in [double_comma, named, missing_comma] {
            assert_ne!(odd, text);
            assert!(parse(&odd, &Quiet).is_none());
        }
    }

    struct StopAt(f32, AtomicBool, std::sync::Mutex<Vec<f32>>);

    impl Progress for StopAt {
        fn report(&self, fraction: f32) {
            self.2.lock().unwrap().push(fraction);
            if fraction >= self.0 {
                self.1.store(true, Ordering::Relaxed);
            }
        }
        fn cancelled(&self) -> bool {
            self.1.load(Ordering::Relaxed)
        }
    }

    #[test]
    fn reading_reports_progress_and_stops_when_asked() {
        let text = crate::store::to_ron_string(&tricky()).unwrap();
        let watch = StopAt(2.0, AtomicBool::new(false), Default::default());
        assert!(matches!(parse(&text, &watch), Some(Ok(_))));
        let seen = watch.2.lock().unwrap().clone();
        assert_eq!(seen.first(), Some(&0.0));
        assert!((seen.last().unwrap() - 1.0).abs() < 1e-6, "{seen:?}");
        let stop = StopAt(0.0, AtomicBool::new(false), Default::default());
        assert!(matches!(parse(&text, &stop), Some(Err(Cancelled))));
    }
}
