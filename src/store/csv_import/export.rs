//! The export half of the CSV format: figures written as rows that the
//! import reads back to the same figures.

use std::io::Write;

use super::COLUMNS;
use crate::model::{Marking, Observation, Workspace};

/// Writes every observation as CSV in the import format, every column, so
/// that export then import gives back the same figures.
pub fn write_observations_csv(ws: &Workspace, out: impl Write) -> Result<(), csv::Error> {
    let mut writer = FiguresCsv::new(out)?;
    for o in &ws.observations {
        let title = o.sources.first().map_or("", |c| ws.source_title(&c.source));
        writer.write(o, title)?;
    }
    writer.finish()
}

/// Figures as rows of the import format.
pub struct FiguresCsv<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> FiguresCsv<W> {
    /// Writes the header.
    pub fn new(out: W) -> Result<Self, csv::Error> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(COLUMNS)?;
        Ok(Self { writer })
    }

    /// One figure; `title` names its first source (by title, as people
    /// write it); the quote is written even when the title is empty.
    pub fn write(&mut self, o: &Observation, title: &str) -> Result<(), csv::Error> {
        let first = o.sources.first();
        let more = match o.sources.get(1..) {
            Some(more) if !more.is_empty() => {
                ron::to_string(more).map_err(|err| std::io::Error::other(err.to_string()))?
            }
            _ => String::new(),
        };
        self.writer.write_record([
            o.metric.as_str(),
            &o.regions.join(";"),
            &o.start.to_string(),
            &o.end.to_string(),
            &o.value.to_string(),
            &o.reported_on.map(|d| d.to_string()).unwrap_or_default(),
            title,
            o.qualifier.key(),
            &o.note,
            first.map_or("", |c| c.quote.as_str()),
            o.id.as_str(),
            o.supersedes.as_ref().map_or("", |id| id.as_str()),
            o.reported_at.as_ref().map_or("", |id| id.as_str()),
            &o.marking
                .as_ref()
                .map(Marking::to_string)
                .unwrap_or_default(),
            &more,
        ])
    }

    pub fn finish(mut self) -> Result<(), csv::Error> {
        self.writer.flush()?;
        Ok(())
    }
}
