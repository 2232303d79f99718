//! The YAML front end and model loading: any bytes, as one plan file, load without panicking,
//! and every finding points inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan::load::{Input, load_inputs};

fuzz_target!(|data: &[u8]| {
    let loaded = load_inputs(vec![("plans/f.yaml".to_owned(), Input::Bytes(data.to_vec()))], plan::lang::Lang::En);
    let file = loaded.plan.sources.get(plan::source::FileId(0));
    for d in &loaded.diagnostics {
        assert!(d.span.start.line >= 1 && d.span.start.column >= 1, "{d:?}");
        assert!(d.span.start.line as usize <= file.line_count().max(1), "{d:?}");
        let _ = file.byte_range(d.span);
    }
});
