//! The whole pipeline on arbitrary bytes as one document, under a method and
//! budget the first bytes choose; see `precis_fuzz::check_pipeline`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use precis::{Cluster, Document};

fuzz_target!(|data: &[u8]| {
    let Some((summarizer, rest)) = precis_fuzz::configure(data) else { return };
    let text = String::from_utf8_lossy(rest);
    let cluster = Cluster::new("fuzz", vec![Document::new("d0", text)]);
    precis_fuzz::check_pipeline(&summarizer, &cluster);
});
