//! Any bytes given to the workspace loader: an error or a workspace, never a
//! panic; what loads must validate, analyse and print again.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(workspace) = coopdesk::store::parse(data) {
        let _ = workspace.validate();
        let _ = coopdesk::analysis::Analysis::compute(&workspace);
        let text = coopdesk::store::to_ron_string(&workspace).expect("a loaded workspace prints");
        let again = coopdesk::store::parse(text.as_bytes()).expect("what was printed loads");
        assert_eq!(again, workspace, "load → save → load is exact");
    }
});
