//! Any bytes given to the CSV importer: an error or a plan, never a panic;
//! applying a plan leaves a workspace that validates and analyses.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(mut workspace) = coopdesk::store::sample() else {
        return;
    };
    if let Ok(plan) = coopdesk::store::plan_import(&workspace, data, |_, _| true) {
        plan.edit().apply(&mut workspace).expect("a plan applies");
        assert_eq!(workspace.validate(), [], "imports leave valid data");
        let _ = coopdesk::analysis::Analysis::compute(&workspace);
    }
});
