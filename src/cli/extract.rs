//! `coopdesk extract`: reads a briefing's text and prints the figures it
//! proposes as CSV in the import format, with a `quote` column (the
//! sentence each came from), so that its output can be checked and then
//! given to `coopdesk import`. Standard error says how many figures were
//! proposed and lists each sentence holding a number that was not
//! understood; with none proposed, it says why.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::ValueEnum;

use super::{Error, load, parse_day};
use crate::extract::{Extraction, Lang, Vocabulary, extract};
use crate::model::{Citation, SourceId};
use crate::store::{self, FiguresCsv};
use crate::text::count;

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// The briefing, a UTF-8 text file.
    pub text: PathBuf,
    /// The day the briefing was given, YYYY-MM-DD: "the past week" is the
    /// seven days ending on it.
    #[arg(long, value_parser = parse_day)]
    pub reported_on: NaiveDate,
    /// The workspace whose metrics (and their phrases) and regions are used
    /// (default: the built-in sample's).
    #[arg(long)]
    pub workspace: Option<PathBuf>,
    /// The language of the text.
    #[arg(long, value_enum, default_value = "auto")]
    pub lang: LangArg,
    /// A source title for the source column (import then cites it, with
    /// each figure's sentence as the quote).
    #[arg(long)]
    pub source: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    En,
    Tr,
    Auto,
}

/// Prints the proposals; exit 0 whenever the text could be read.
pub fn run(args: &ExtractArgs) -> Result<ExitCode, Error> {
    let text = read_text(&args.text)?;
    let workspace = match &args.workspace {
        Some(path) => load(path)?,
        None => store::sample()?,
    };
    let lang = match args.lang {
        LangArg::En => Some(Lang::En),
        LangArg::Tr => Some(Lang::Tr),
        LangArg::Auto => None,
    };
    let extraction = extract(&text, args.reported_on, &Vocabulary::new(&workspace), lang);
    let mut out = std::io::stdout().lock();
    write_csv(&mut out, &extraction, args).map_err(|err| Error::Stdout(err.into()))?;
    out.flush().map_err(Error::Stdout)?;
    summarise(&args.text, &text, &extraction);
    Ok(ExitCode::SUCCESS)
}

/// The file as text: UTF-8 (a byte-order mark is dropped), not binary.
fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let not_text = |offset: usize| Error::NotText {
        path: path.to_owned(),
        line: 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count(),
    };
    let text = std::str::from_utf8(bytes).map_err(|err| not_text(err.valid_up_to()))?;
    if let Some(offset) = text.find('\0') {
        return Err(not_text(offset));
    }
    Ok(text.to_owned())
}

fn write_csv(
    out: &mut impl Write,
    extraction: &Extraction,
    args: &ExtractArgs,
) -> Result<(), csv::Error> {
    let mut writer = FiguresCsv::new(out)?;
    let source = args.source.as_deref().unwrap_or("");
    for p in &extraction.proposals {
        let mut figure = p.to_observation(args.reported_on);
        // The quote is written whether or not a source title was given, so
        // that every proposal can be checked against its sentence.
        figure.sources.push(Citation {
            source: SourceId::default(),
            quote: p.quote.clone(),
        });
        writer.write(&figure, source)?;
    }
    writer.finish()
}

/// At most this many sentences with numbers not understood are listed.
const LISTED: usize = 50;

/// How many figures, and each sentence with numbers not understood (by
/// line; the first [`LISTED`]), on standard error.
fn summarise(path: &Path, text: &str, extraction: &Extraction) {
    let name = path.display();
    let proposed = count(extraction.proposals.len(), "figure", "figures");
    match extraction.why_none() {
        None => eprintln!("{name}: {proposed} proposed ({})", extraction.lang.code()),
        Some(why) => eprintln!("{name}: no figures proposed: {why}"),
    }
    if extraction.unplaced.is_empty() {
        return;
    }
    eprintln!(
        "{name}: {} with numbers not understood:",
        count(extraction.unplaced.len(), "sentence", "sentences")
    );
    // Sentences come in text order: count line breaks once, going forward.
    let (mut line, mut at) = (1, 0);
    for unplaced in extraction.unplaced.iter().take(LISTED) {
        let start = unplaced.sentence.start.max(at);
        line += text.as_bytes()[at..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        at = start;
        let mut numbers: Vec<&str> = unplaced
            .numbers
            .iter()
            .take(10)
            .map(|r| &text[r.clone()])
            .collect();
        if unplaced.numbers.len() > 10 {
            numbers.push("…");
        }
        eprintln!(
            "{name}:{line}: {} ({}): {}",
            numbers.join(", "),
            unplaced.reason,
            shorten(&unplaced.quote)
        );
    }
    if extraction.unplaced.len() > LISTED {
        eprintln!(
            "{name}: … and {} more",
            count(extraction.unplaced.len() - LISTED, "sentence", "sentences")
        );
    }
}

/// A sentence cut to 300 characters for the listing.
fn shorten(quote: &str) -> String {
    match quote.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &quote[..at]),
        None => quote.to_owned(),
    }
}
