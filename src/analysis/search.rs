//! Search across records: every text a record holds (titles, summaries,
//! notes, dates' notes, people, places, party names, milestones, regions,
//! the sentences quoted from sources, source excerpts), ignoring case and
//! diacritics ("turkiye" finds "Türkiye"; the Turkish dotted and dotless i
//! both match i).

use crate::model::{RecordId, Workspace};
use crate::text::fold;

/// One record's searchable text, folded once per workspace revision.
struct Entry {
    record: RecordId,
    title: String,
    kind: &'static str,
    haystack: String,
}

/// A search hit: which record, and what to show for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub record: RecordId,
    pub kind: &'static str,
    pub title: String,
}

/// The folded text of every record, built once per revision.
#[derive(Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn build(ws: &Workspace) -> Self {
        let mut entries = Vec::new();
        let mut add = |record: RecordId, kind: &'static str, title: String, parts: &[&str]| {
            let haystack = fold(&parts.join("\n"));
            entries.push(Entry {
                record,
                title,
                kind,
                haystack,
            });
        };
        for r in &ws.instruments {
            let parties: Vec<&str> = r.parties.iter().map(|p| ws.party_name(p)).collect();
            let milestones: Vec<&str> = r
                .milestones
                .iter()
                .flat_map(|m| [m.title.as_str(), m.note.as_str()])
                .collect();
            let quotes: Vec<&str> = r.sources.iter().map(|c| c.quote.as_str()).collect();
            let areas: Vec<&str> = r.areas.iter().map(|a| a.label()).collect();
            add(
                RecordId::Instrument(r.id.clone()),
                "Instrument",
                r.title.clone(),
                &[
                    &r.title,
                    r.kind.label(),
                    r.status.label(),
                    &areas.join(" "),
                    &r.summary,
                    &r.dates.note,
                    &parties.join(" "),
                    &milestones.join(" "),
                    &quotes.join(" "),
                ],
            );
        }
        for r in &ws.events {
            let parties: Vec<&str> = r.participants.iter().map(|p| ws.party_name(p)).collect();
            let quotes: Vec<&str> = r.sources.iter().map(|c| c.quote.as_str()).collect();
            add(
                RecordId::Event(r.id.clone()),
                "Event",
                r.title.clone(),
                &[
                    &r.title,
                    &r.summary,
                    &r.location,
                    &r.people.join(" "),
                    &parties.join(" "),
                    &quotes.join(" "),
                ],
            );
        }
        for r in &ws.observations {
            let title = ws.figure_label(r);
            let quotes: Vec<&str> = r.sources.iter().map(|c| c.quote.as_str()).collect();
            let sources: Vec<&str> = r
                .sources
                .iter()
                .map(|c| ws.source_title(&c.source))
                .collect();
            add(
                RecordId::Observation(r.id.clone()),
                "Figure",
                title.clone(),
                &[&title, &r.note, &quotes.join(" "), &sources.join(" ")],
            );
        }
        for r in &ws.sources {
            add(
                RecordId::Source(r.id.clone()),
                "Source",
                r.title.clone(),
                &[&r.title, &r.publisher, &r.reference, &r.excerpt],
            );
        }
        for r in &ws.parties {
            add(
                RecordId::Party(r.id.clone()),
                "Party",
                r.name.clone(),
                &[&r.name, &r.code, &r.note],
            );
        }
        for r in &ws.metrics {
            add(
                RecordId::Metric(r.id.clone()),
                "Metric",
                r.name.clone(),
                &[&r.name, r.id.as_str(), &r.description],
            );
        }
        Self { entries }
    }

    /// Records containing every word of `query`, titles matching first; at
    /// most `limit` hits, and how many records match in all.
    pub fn search(&self, query: &str, limit: usize) -> (Vec<Hit>, usize) {
        let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
        if words.is_empty() {
            return (Vec::new(), 0);
        }
        let mut total = 0;
        let mut in_title = Vec::new();
        let mut elsewhere = Vec::new();
        for entry in &self.entries {
            if !words.iter().all(|w| entry.haystack.contains(w.as_str())) {
                continue;
            }
            total += 1;
            if in_title.len() >= limit {
                // Enough to list; only counting now.
                continue;
            }
            let folded_title = fold(&entry.title);
            let hit = Hit {
                record: entry.record.clone(),
                kind: entry.kind,
                title: entry.title.clone(),
            };
            if words.iter().all(|w| folded_title.contains(w.as_str())) {
                in_title.push(hit);
            } else {
                elsewhere.push(hit);
            }
        }
        in_title.extend(elsewhere);
        in_title.truncate(limit);
        (in_title, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_found_without_turkish_letters() {
        let ws = crate::store::sample().unwrap();
        let index = SearchIndex::build(&ws);
        let (hits, _) = index.search("erdogan visit", 10);
        assert_eq!(
            hits.first().map(|h| h.title.as_str()),
            Some("President Erdoğan's visit to Iraq")
        );
        let (hits, _) = index.search("turkiye", 50);
        assert!(hits.iter().any(|h| h.title == "Türkiye"), "{hits:?}");
        assert!(index.search("GULER", 50).1 >= 3);
        assert_eq!(index.search("   ", 10), (Vec::new(), 0));
    }

    #[test]
    fn figures_are_found_by_the_sentence_they_quote_and_counted() {
        let ws = crate::store::sample().unwrap();
        let index = SearchIndex::build(&ws);
        let figure = ws
            .observations
            .iter()
            .find(|o| o.sources.iter().any(|c| c.quote.contains("past week")))
            .expect("a figure quoting \"past week\"");
        let (hits, total) = index.search("past week", 1);
        assert!(total >= 1);
        assert_eq!(hits.len(), 1, "listing stops at the limit");
        let (hits, _) = index.search("past week", 100);
        assert!(
            hits.iter()
                .any(|h| h.record == RecordId::Observation(figure.id.clone())),
            "{hits:?}"
        );
    }
}
