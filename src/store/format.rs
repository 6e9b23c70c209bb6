//! Text ⇄ workspace: the version probe, strict parsing and stable printing.

use serde::{Deserialize, Serialize};

use super::error::{LoadError, ParseDetail};
use super::records::{self, Progress, Quiet};
use crate::model::{RecordMap, Workspace};

/// The format this build writes, and the newest it reads. Format 4 added
/// the workspace's unresolved merge `conflicts` and change `history`; format 3 a figure's
/// `reported_at` event; format 2 metric phrases; format 1 renamed an
/// observation's `count` to `value`.
pub const CURRENT_FORMAT_VERSION: u32 = 4;

/// Files larger than this are refused before reading: a workspace ten times
/// the "stress" size is still far smaller, so anything bigger is a mistake.
pub const MAX_FILE_BYTES: u64 = 4 << 30;

/// The file's top level. `format_version` comes first so that a reader can
/// refuse a newer file before trying to understand the rest.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkspaceFile {
    format_version: u32,
    workspace: Workspace,
}

#[derive(Serialize)]
struct WorkspaceFileRef<'a> {
    format_version: u32,
    workspace: &'a Workspace,
}

/// Parses the bytes of a workspace file (a UTF-8 byte-order mark is allowed).
pub fn parse(bytes: &[u8]) -> Result<Workspace, LoadError> {
    parse_with(bytes, &Quiet).map_err(|outcome| match outcome {
        ParseOutcome::Failed(error) => error,
        // `Quiet` never asks to stop; were it to, the error says so.
        ParseOutcome::Cancelled => LoadError::parse(ParseDetail::Cancelled),
    })
}

/// Why [`parse_with`] returned no workspace.
pub(crate) enum ParseOutcome {
    Failed(LoadError),
    Cancelled,
}

impl From<LoadError> for ParseOutcome {
    fn from(error: LoadError) -> Self {
        Self::Failed(error)
    }
}

/// [`parse`], reporting progress. A file of the current format is read
/// record by record in parallel; any other, and any file that does not read
/// that way, is read by ron in one go, whose errors say where and what.
pub(crate) fn parse_with(bytes: &[u8], progress: &dyn Progress) -> Result<Workspace, ParseOutcome> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let (line, column) = line_column(&bytes[..err.valid_up_to()]);
        match err.error_len() {
            // An incomplete character at the very end: the file was cut.
            None => LoadError::parse(ParseDetail::Syntax {
                line,
                column,
                field: None,
                message: "the file ends too early (is it truncated?): it stops in the middle of a character".to_owned(),
            }),
            Some(_) => LoadError::parse(ParseDetail::NotUtf8 { line, column }),
        }
    })?;
    if text.trim().is_empty() {
        return Err(LoadError::parse(ParseDetail::Empty).into());
    }
    let version = probe_format_version(text);
    if let Some(found) = version {
        check_version(found)?;
    }
    if version == Some(u64::from(CURRENT_FORMAT_VERSION)) {
        match records::parse(text, progress) {
            Some(Ok(mut workspace)) => {
                workspace.sort_records();
                return Ok(workspace);
            }
            Some(Err(records::Cancelled)) => return Err(ParseOutcome::Cancelled),
            None => {}
        }
    }
    let (mut workspace, read_as) = match version {
        Some(0) => (super::migrate::from_v0(parse_text(text)?), 0),
        Some(1) => (super::migrate::from_v1(parse_text(text)?), 1),
        _ => {
            let file: WorkspaceFile = parse_text(text)?;
            check_version(u64::from(file.format_version))?;
            (file.workspace, file.format_version)
        }
    };
    if read_as < 3 {
        refuse_reported_at(text, read_as, &workspace)?;
    }
    if read_as < 4 && !workspace.conflicts.is_empty() {
        return Err(came_later(
            text,
            "conflicts",
            "the workspace's merge `conflicts`",
            4,
            read_as,
        )
        .into());
    }
    if read_as < 4 && !workspace.history.is_empty() {
        let what = "the workspace's change `history`";
        return Err(came_later(text, "history", what, 4, read_as).into());
    }
    workspace.sort_records();
    Ok(workspace)
}

/// Older formats are read with today's types where nothing else changed, so
/// a file that says it is older than `reported_at` yet has one is refused
/// here rather than read as something it cannot be.
fn refuse_reported_at(text: &str, version: u32, ws: &Workspace) -> Result<(), LoadError> {
    if ws.observations.iter().all(|o| o.reported_at.is_none()) {
        return Ok(());
    }
    Err(came_later(
        text,
        "reported_at",
        "a figure's `reported_at`",
        3,
        version,
    ))
}

/// A file that says format `version` but holds `what`, which came with
/// format `since`: the error points at the first `key` in the text.
fn came_later(text: &str, key: &str, what: &str, since: u32, version: u32) -> LoadError {
    let at = text.find(key).unwrap_or(0);
    let (line, column) = line_column(&text.as_bytes()[..at]);
    LoadError::parse(ParseDetail::Syntax {
        line,
        column,
        field: None,
        message: format!(
            "{what} came with format {since}, but the file says format {version}; if a newer coopdesk wrote it, change `format_version` to {since}"
        ),
    })
}

/// Refuses a file of a newer format. Every older one is read: the oldest
/// format is 0, so no version is too old (were support for one dropped,
/// its files would need their own message here).
fn check_version(found: u64) -> Result<(), LoadError> {
    let supported = CURRENT_FORMAT_VERSION;
    if found > u64::from(supported) {
        Err(LoadError::parse(ParseDetail::NewerVersion {
            found,
            supported,
        }))
    } else {
        Ok(())
    }
}

fn parse_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, LoadError> {
    // ron's default recursion limit stays on: without it deeply nested input
    // overflows the stack, which no error handling can catch.
    let mut deserializer = ron::Deserializer::from_str(text).map_err(spanned(text))?;
    let file: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let field = err.path().to_string();
        let spanned_err = deserializer.span_error(err.into_inner());
        syntax(text, spanned_err, (field != ".").then_some(field))
    })?;
    deserializer
        .end()
        .map_err(|err| syntax(text, deserializer.span_error(err), None))?;
    Ok(file)
}

fn spanned(text: &str) -> impl Fn(ron::error::SpannedError) -> LoadError + '_ {
    move |err| syntax(text, err, None)
}

fn syntax(text: &str, err: ron::error::SpannedError, field: Option<String>) -> LoadError {
    let workspace_like = probe_format_version(text).is_some();
    let message = match &err.code {
        ron::Error::Eof => "the file ends too early (is it truncated?)".to_owned(),
        ron::Error::IntegerOutOfBounds => {
            "number out of range: counts are whole numbers, 0 or more".to_owned()
        }
        // Running out of text mid-value shows up as "expected …" on the last
        // line of a file that began as a workspace but lacks its final `)`.
        other if workspace_like && looks_cut(text, err.span.start.line) => {
            format!("the file ends too early (is it truncated?): {other}")
        }
        other if !workspace_like && err.span.start.line == 1 => format!(
            "{other}; this is not a coopdesk workspace, which starts with `(format_version: {CURRENT_FORMAT_VERSION},`"
        ),
        other => other.to_string(),
    };
    LoadError::parse(ParseDetail::Syntax {
        line: err.span.start.line,
        column: err.span.start.col,
        field,
        message,
    })
}

/// Whether the error at `line` is where the text was cut off: on its last
/// line, in a text that does not end with the workspace's closing `)`.
fn looks_cut(text: &str, line: usize) -> bool {
    let text = text.trim_end();
    line >= text.lines().count() && !text.ends_with(')')
}

/// Finds `format_version: N` at the start of the file without parsing the
/// rest, so that a newer file is refused with the right message even when
/// the rest would not parse.
fn probe_format_version(text: &str) -> Option<u64> {
    let mut rest = skip_blank(text);
    // An optional struct name before the opening parenthesis.
    rest = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
    rest = skip_blank(rest).strip_prefix('(')?;
    rest = skip_blank(rest).strip_prefix("format_version")?;
    rest = skip_blank(rest).strip_prefix(':')?;
    rest = skip_blank(rest);
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    rest.get(..digits)?.parse().ok()
}

/// Skips white space and `//` line comments.
fn skip_blank(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        match text.strip_prefix("//") {
            Some(comment) => text = comment.split_once('\n').map_or("", |(_, after)| after),
            None => return text,
        }
    }
}

/// 1-based line and column (in characters) just after `valid`.
fn line_column(valid: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(valid);
    let line = 1 + text.matches('\n').count();
    let column = 1 + text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count());
    (line, column)
}

/// Prints a workspace in the stable, diffable file form: pretty down to the
/// record lists, one record per line (records printed in parallel).
pub fn to_ron_string(workspace: &Workspace) -> Result<String, ron::Error> {
    // Every field is named and none is defaulted: a field added to
    // `Workspace` does not compile here until it is saved.
    let Workspace {
        title,
        marking,
        description,
        parties,
        sources,
        metrics,
        instruments,
        events,
        observations,
        conflicts,
        history,
    } = workspace;
    // The record lists are left empty here and printed into it below.
    let without_records = Workspace {
        title: title.clone(),
        marking: marking.clone(),
        description: description.clone(),
        parties: RecordMap::default(),
        sources: RecordMap::default(),
        metrics: RecordMap::default(),
        instruments: RecordMap::default(),
        events: RecordMap::default(),
        observations: RecordMap::default(),
        // Printed in the skeleton, one per line (the depth limit).
        conflicts: conflicts.clone(),
        history: history.clone(),
    };
    let skeleton = ron::ser::to_string_pretty(
        &WorkspaceFileRef {
            format_version: CURRENT_FORMAT_VERSION,
            workspace: &without_records,
        },
        records::file_config(),
    )?;
    let skeleton = records::unescape_apostrophes(&skeleton);
    let lists = records::Lists {
        parties,
        sources,
        metrics,
        instruments,
        events,
        observations,
    };
    let mut text = records::print(&skeleton, lists)?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_reads_the_version_after_comments_and_a_struct_name() {
        assert_eq!(probe_format_version("(format_version: 7, x)"), Some(7));
        assert_eq!(
            probe_format_version("// a comment\n  WorkspaceFile (\n format_version : 12,"),
            Some(12)
        );
        assert_eq!(
            probe_format_version("(workspace: (), format_version: 1)"),
            None
        );
        assert_eq!(probe_format_version("(format_version: x)"), None);
    }

    #[test]
    fn line_column_counts_characters_not_bytes() {
        assert_eq!(line_column(b""), (1, 1));
        assert_eq!(line_column(b"ab\nT\xc3\xbc"), (2, 3));
    }
}
