//! The whole pipeline on arbitrary bytes as several documents (split at
//! 0xFF), under a method and budget the first bytes choose; see
//! `precis_fuzz::check_pipeline`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use precis::Cluster;

fuzz_target!(|data: &[u8]| {
    let Some((summarizer, rest)) = precis_fuzz::configure(data) else { return };
    let cluster = Cluster::new("fuzz", precis_fuzz::documents(rest, 16));
    precis_fuzz::check_pipeline(&summarizer, &cluster);
});
