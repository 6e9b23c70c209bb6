//! The ids of the metrics coopdesk knows by name: those of the sample
//! workspace. The border chart and the brief look for the two border
//! metrics, and the generator gives synthetic workspaces the same five; one
//! definition each, so an id cannot be renamed in one place only.

/// Terrorists the ministry reports as "neutralised".
pub const NEUTRALISED: &str = "neutralised";
/// People apprehended crossing the border illegally (the border chart's first metric).
pub const APPREHENDED_BORDER: &str = "apprehended_border";
/// Members of terrorist organisations among those apprehended at the border.
pub const APPREHENDED_BORDER_TERRORIST_MEMBERS: &str = "apprehended_border_terrorist_members";
/// People prevented from crossing the border (the border chart's second metric).
pub const PREVENTED_BORDER: &str = "prevented_border";
/// Members of terrorist organisations who surrendered.
pub const SURRENDERED: &str = "surrendered";
