//! Reading the pasted text: at once for a briefing of a few pages, on its
//! own thread for a long text.

use std::sync::{Arc, mpsc};

use chrono::NaiveDate;

use crate::extract::{self, Extraction, Progress, Vocabulary};
use crate::model::InstrumentId;
use crate::text::fold;

/// What reading the text gave: its proposals and the instruments it names.
pub(super) struct Read {
    pub(super) extraction: Extraction,
    pub(super) mentioned: Vec<(InstrumentId, String, bool)>,
}

pub(super) fn read(
    text: &str,
    reported_on: NaiveDate,
    vocabulary: &Vocabulary,
    titles: &[(InstrumentId, String)],
    progress: &Progress,
) -> Read {
    let extraction = extract::extract_with_progress(text, reported_on, vocabulary, None, progress);
    let folded = fold(text);
    let mentioned = titles
        .iter()
        .filter(|(_, title)| {
            let title = fold(title.trim());
            !title.is_empty() && folded.contains(&title)
        })
        .map(|(id, title)| (id.clone(), title.clone(), true))
        .collect();
    Read {
        extraction,
        mentioned,
    }
}

/// A long text being read on its own thread.
pub(super) struct Background {
    pub(super) reported_on: NaiveDate,
    pub(super) bytes: usize,
    pub(super) progress: Arc<Progress>,
    pub(super) result: mpsc::Receiver<Read>,
}

impl Drop for Background {
    /// Closing the dialog or changing the text stops the reading.
    fn drop(&mut self) {
        self.progress.cancel();
    }
}
