//! Reading the file: line numbers for messages, and rows by column name.

use std::collections::BTreeMap;

/// 1-based line numbers of byte offsets, counted forward incrementally.
pub(super) struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    pub(super) fn line_at(&mut self, offset: usize) -> usize {
        // After a CRLF the reported start is the LF: step past line ends.
        let rest = self.bytes.get(offset..).unwrap_or_default();
        let offset = offset
            + rest
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        let offset = offset.min(self.bytes.len());
        if offset >= self.offset {
            let passed = self.bytes.get(self.offset..offset).unwrap_or_default();
            self.line += passed.iter().filter(|&&b| b == b'\n').count();
            self.offset = offset;
        }
        self.line
    }
}

/// One data row, read by column name.
pub(super) struct Row<'a> {
    pub(super) record: &'a csv::StringRecord,
    pub(super) columns: &'a BTreeMap<&'static str, usize>,
}

impl<'a> Row<'a> {
    /// The trimmed field, or "" when the column is absent.
    pub(super) fn get(&self, name: &str) -> &'a str {
        self.columns
            .get(name)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }
}
