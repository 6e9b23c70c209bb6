//! The font every export draws with, embedded in the binary so that a chart
//! or brief comes out the same on an air-gapped laptop with no fonts
//! installed. Noto Sans (SIL Open Font License, `assets/fonts/OFL.txt`)
//! covers Latin Extended: Türkiye, Güler, Aktürk, ı, İ, ş, ğ.

use std::sync::{Arc, Once, OnceLock};

use plotters::style::FontStyle;

/// The family name of the embedded font.
pub const FAMILY: &str = "Noto Sans";
/// The `font-family` written into SVG charts: the embedded font first, then
/// what a viewer without it most likely has (never its default serif).
pub const SVG_FAMILIES: &str = "Noto Sans, DejaVu Sans, Liberation Sans, Arial, sans-serif";
pub static REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub static BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

/// Makes the embedded fonts the ones plotters draws `FAMILY` with. Plotters
/// keeps fonts in a process-wide table, so this runs once.
pub(crate) fn register_with_plotters() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // Both files are committed TTFs that a unit test parses, so a failure
        // here cannot come from user input; the text would then be missing
        // from bitmaps, never a crash.
        let _ = plotters::style::register_font(SVG_FAMILIES, FontStyle::Normal, REGULAR);
        let _ = plotters::style::register_font(SVG_FAMILIES, FontStyle::Bold, BOLD);
    });
}

/// A font database holding only the embedded fonts, for reading our own SVG
/// charts into PNG and PDF (system fonts are never looked at). Built once.
pub(crate) fn svg_font_database() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut fonts = usvg::fontdb::Database::new();
            fonts.load_font_data(REGULAR.to_vec());
            fonts.load_font_data(BOLD.to_vec());
            fonts.set_sans_serif_family(FAMILY);
            Arc::new(fonts)
        })
        .clone()
}

/// Reads an SVG we wrote, with the embedded fonts.
pub(crate) fn read_svg(svg: &str) -> Result<usvg::Tree, usvg::Error> {
    let options = usvg::Options {
        fontdb: svg_font_database(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_fonts_parse_and_cover_turkish_letters() {
        let fonts = svg_font_database();
        assert_eq!(fonts.len(), 2);
        for face in fonts.faces() {
            assert!(face.families.iter().any(|(name, _)| name == FAMILY));
        }
        for bytes in [REGULAR, BOLD] {
            let face = ttf_parser::Face::parse(bytes, 0).unwrap();
            for c in "TürkiyeGülerAktürkıİşŞğĞçÇöÖ".chars() {
                assert!(face.glyph_index(c).is_some(), "no glyph for {c}");
            }
        }
    }
}
